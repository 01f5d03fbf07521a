// The benchmark's tickets through batch, and each alone through check: byte for byte the same
// rows, so that batch's caches, blocks and workers change nothing a ticket's answer says.
#include "cli.hpp"
#include "commands.hpp"
#include "context.hpp"
#include "csv.hpp"
#include "error.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

namespace sla {
namespace {

constexpr const char* kNow = "2026-11-25T12:00:00-05:00";  // the benchmark's --now

// Returns what the benchmark's generator writes for `rows` tickets of `form`.
std::string generated(int rows, const std::string& form) {
  const std::string command =
      std::string(SLA_GEN_TICKETS) + " " + std::to_string(rows) + " 1 " + form;
  std::FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {};
  std::string text;
  char chunk[1 << 16];
  for (std::size_t n; (n = std::fread(chunk, 1, sizeof chunk, pipe)) > 0;) text.append(chunk, n);
  pclose(pipe);
  return text;
}

// Returns batch's output for `input` given on standard input, one string a line.
std::vector<std::string> batch_lines(const std::string& input, const std::string& output) {
  std::istringstream in(input);
  std::ostringstream out, err;
  Options options;
  options.command = "batch";
  options.now = kNow;
  options.output = output;
  run_command(options, in, out, err);
  std::vector<std::string> lines;
  std::istringstream text(out.str());
  for (std::string line; std::getline(text, line);) lines.push_back(line);
  return lines;
}

// Compares every row of `form` (`rows` tickets) through batch with the ticket through check,
// in CSV and in JSONL. Returns the rows compared.
int compare(int rows, const std::string& form) {
  const std::string input = generated(rows, form);
  const std::vector<std::string> csv = batch_lines(input, "csv");
  const std::vector<std::string> jsonl = batch_lines(input, "jsonl");
  EXPECT_EQ(csv.size(), static_cast<std::size_t>(rows) + 1);
  EXPECT_EQ(jsonl.size(), static_cast<std::size_t>(rows));
  if (csv.size() != static_cast<std::size_t>(rows) + 1 || jsonl.size() != csv.size() - 1) return 0;

  Options options;
  options.command = "check";
  options.now = kNow;
  Context ctx(options);
  CsvReader reader;
  reader.feed(input);
  reader.finish();
  reader.next();  // the header: id, submitted, priority, tier, responded, subject[, history]
  int compared = 0;
  for (std::size_t i = 0; reader.next() == CsvReader::Next::kRecord; ++i) {
    auto cell = [&reader](std::size_t c) -> std::optional<std::string> {
      if (c >= reader.size() || reader.field(c).empty()) return std::nullopt;
      return std::string(reader.field(c));
    };
    options.submitted = cell(1);
    options.priority = cell(2);
    options.tier = cell(3);
    options.responded = cell(4);
    options.reclassified.clear();
    options.paused.clear();
    if (auto r = cell(6)) options.reclassified.push_back(*r);
    if (auto p = cell(7)) options.paused.push_back(*p);
    const std::string prefix = std::string(reader.field(0)) + "," + std::to_string(i + 2) + ",";
    const std::string json_prefix =
        "{\"id\":\"" + std::string(reader.field(0)) + "\",\"line\":" + std::to_string(i + 2) + ",";
    std::ostringstream check_csv, check_json;
    try {
      options.output = "csv";
      run_ticket(options, ctx, check_csv);
      options.output = "jsonl";
      run_ticket(options, ctx, check_json);
    } catch (const InputError& e) {
      ADD_FAILURE() << "row " << i + 2 << ": " << e.what();
      continue;
    }
    const std::string c = check_csv.str(), j = check_json.str();
    // check writes a header line and the row; batch adds id and line before, error after.
    const std::string row = c.substr(c.find('\n') + 1);
    EXPECT_EQ(csv[i + 1], prefix + row.substr(0, row.size() - 1) + ",") << "row " << i + 2;
    EXPECT_EQ(jsonl[i], json_prefix + j.substr(1, j.size() - 3) + ",\"error\":null}")
        << "row " << i + 2;
    if (testing::Test::HasFailure()) return compared;
    ++compared;
  }
  return compared;
}

TEST(BatchAndCheck, BenchmarkRowsAreByteForByteTheSame) {
  constexpr int kRows = SLA_SANITIZED ? 10000 : 100000;
  EXPECT_EQ(compare(kRows, "canonical"), kRows);
}

TEST(BatchAndCheck, BenchmarkRowsWithHistoriesAreByteForByteTheSame) {
  constexpr int kRows = SLA_SANITIZED ? 2000 : 20000;
  EXPECT_EQ(compare(kRows, "history"), kRows);
}

}  // namespace
}  // namespace sla
