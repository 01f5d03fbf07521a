// Tests of sla batch: statuses and exit codes, CSV edge cases, outputs, summary, and a
// consistency check of every row against sla check of the same ticket alone.
#include "batch.hpp"
#include "cli.hpp"
#include "cli_run.hpp"
#include "csv.hpp"
#include "fields.hpp"
#include "policy.hpp"
#include "test_support.hpp"
#include "time_text.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace sla::test {
namespace {

constexpr const char* kNow = "2026-11-25T12:00:00-05:00";  // a Wednesday, as cli_run's SLA_NOW

RunResult sla(const std::vector<std::string>& args, const std::string& input = "") {
  RunOptions options;
  options.input = input;
  return run(SLA_BINARY, args, options);
}

// Runs sla in this process, as main would.
RunResult sla_here(const std::vector<std::string>& args) {
  std::vector<const char*> argv{"sla"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  RunResult r;
  r.status = run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// A file that is removed when the test ends.
class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    char pattern[] = "/tmp/sla-batch-XXXXXX";
    const int fd = mkstemp(pattern);
    if (fd >= 0) close(fd);
    path_ = pattern;
    std::ofstream(path_, std::ios::binary) << content;
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

using Rows = std::vector<std::vector<std::string>>;

// Splits CSV output into records of fields.
Rows parse_csv(const std::string& text) {
  CsvReader reader;
  reader.feed(text);
  reader.finish();
  Rows rows;
  while (reader.next() == CsvReader::Next::kRecord) {
    rows.emplace_back();
    for (std::size_t i = 0; i < reader.size(); ++i) rows.back().emplace_back(reader.field(i));
  }
  return rows;
}

// Returns the index of batch field `name`.
std::size_t col(std::string_view name) {
  const auto& names = field_names(FieldSet::kBatch);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return i;
  }
  ADD_FAILURE() << "no field " << name;
  return 0;
}

// Returns batch's rows for `input` (CSV through standard input) without the header row.
Rows rows_of(const RunResult& r) {
  Rows rows = parse_csv(r.out);
  EXPECT_FALSE(rows.empty()) << "no header";
  if (!rows.empty()) rows.erase(rows.begin());
  return rows;
}

std::vector<std::string> column(const Rows& rows, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& row : rows) out.push_back(row.at(col(name)));
  return out;
}

using Strings = std::vector<std::string>;

const std::string kHeader = "id,submitted,priority,tier,responded\n";

// --- Statuses and exit codes --------------------------------------------------------------

TEST(BatchStatus, OnTrackAndAtRiskExitZero) {
  RunResult r =
      sla({"batch", "--now", kNow},
          kHeader + "a,2026-11-25T11:00:00-05:00,P3,,\nb,2026-11-23T16:00:00-05:00,P3,,\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(column(rows_of(r), "status"), (Strings{"on_track", "at_risk"}));
}

TEST(BatchStatus, MetExitsZero) {
  RunResult r =
      sla({"batch", "--now", kNow}, kHeader + "a,2026-11-23 10:00,P3,,2026-11-24 10:00\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(column(rows_of(r), "status"), (Strings{"met"}));
}

TEST(BatchStatus, BreachedExitsOne) {
  RunResult r =
      sla({"batch", "--now", kNow}, kHeader + "a,2026-11-20 10:00,P1,,\nb,2026-11-25 11:00,,,\n");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(column(rows_of(r), "status"), (Strings{"breached", "on_track"}));
}

TEST(BatchStatus, MissedExitsOne) {
  RunResult r =
      sla({"batch", "--now", kNow}, kHeader + "a,2026-11-20 10:00,P1,premium,2026-11-24 10:00\n");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(column(rows_of(r), "status"), (Strings{"missed"}));
}

// SPEC section 6: the exit status is a bit set, 1 for a breach or miss, 2 for an input error.
TEST(BatchStatus, ErrorAndBreachExitThreeAndEveryOtherRowIsWritten) {
  RunResult r = sla({"batch", "--now", kNow}, kHeader +
                                                  "a,2026-11-20 10:00,P1,,\n"
                                                  "b,2026-02-30,P1,,\n"
                                                  "c,2026-11-25 11:00,P1,,\n");
  EXPECT_EQ(r.status, 3);
  Rows rows = rows_of(r);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(column(rows, "status"), (Strings{"breached", "error", "on_track"}));
  EXPECT_EQ(rows[1][col("id")], "b");
  EXPECT_EQ(rows[1][col("line")], "3");
  EXPECT_EQ(rows[1][col("error")],
            "line 3, column 2 (submitted): invalid submitted \"2026-02-30\": no such date; "
            "expected ISO 8601 like 2026-11-25T16:30:00-05:00, RFC 2822 like Wed, 25 Nov 2026 "
            "16:30:00 -0500, a date, @unix-seconds or now");
  EXPECT_EQ(r.err,
            "sla: error: 1 row could not be evaluated (the first: standard input line 3); the "
            "error field of each says why\n");
  RunResult only_error = sla({"batch", "--now", kNow}, kHeader +
                                                           "b,2026-02-30,P1,,\n"
                                                           "c,2026-11-25 11:00,P1,,\n");
  EXPECT_EQ(only_error.status, 2);
  EXPECT_EQ(column(rows_of(only_error), "status"), (Strings{"error", "on_track"}));
  // In JSON too, an error row says so.
  RunResult json = sla({"batch", "--now", kNow, "-o", "jsonl"}, kHeader + "b,2026-02-30,P1,,\n");
  EXPECT_NE(json.out.find("\"status\":\"error\""), std::string::npos) << json.out;
}

TEST(BatchStatus, ErrorRowsHaveOnlyIdLineAndError) {
  RunResult r = sla({"batch", "--now", kNow}, kHeader + "x,garbage,,,\n");
  Rows rows = rows_of(r);
  ASSERT_EQ(rows.size(), 1u);
  for (std::size_t i = 0; i < rows[0].size(); ++i) {
    const std::string_view name = field_names(FieldSet::kBatch)[i];
    if (name == "id" || name == "line" || name == "error" || name == "status") {
      EXPECT_NE(rows[0][i], "") << name;
    } else {
      EXPECT_EQ(rows[0][i], "") << name;
    }
  }
}

TEST(BatchStatus, ErrorsNameTheirColumn) {
  RunResult r = sla({"batch", "--now", kNow},
                    "tier,priority,submitted,responded,id\n"
                    "gold,P1,2026-11-20 10:00,,a\n"
                    "premium,P9,2026-11-20 10:00,,b\n"
                    ",,2026-11-20 10:00,2026-11-19 10:00,c\n"
                    ",,9999-12-31 17:00,,d\n");
  Strings errors = column(rows_of(r), "error");
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].rfind("line 2, column 1 (tier): invalid tier \"gold\"", 0), 0u) << errors[0];
  EXPECT_EQ(errors[1].rfind("line 3, column 2 (priority): invalid priority \"P9\"", 0), 0u)
      << errors[1];
  EXPECT_EQ(errors[2].rfind("line 4, column 4 (responded): invalid responded", 0), 0u) << errors[2];
  EXPECT_EQ(errors[3].rfind("line 5, column 3 (submitted): no deadline", 0), 0u) << errors[3];
  EXPECT_NE(errors[3].find("after 9999-12-31"), std::string::npos) << errors[3];
}

TEST(BatchStatus, ExitStatusIgnoresOnly) {
  const std::string input = kHeader + "a,2026-11-20 10:00,P1,,\nb,2026-11-25 11:00,P1,,\n";
  RunResult r = sla({"batch", "--now", kNow, "--only", "on_track"}, input);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(column(rows_of(r), "id"), (Strings{"b"}));
  r = sla({"batch", "--now", kNow, "--only", "met"}, kHeader + "a,nonsense,,,\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(rows_of(r).empty());
}

TEST(BatchStatus, OnlyTakesACommaListInAnyCase) {
  const std::string input = kHeader +
                            "a,2026-11-20 10:00,P1,,\n"
                            "b,2026-11-25 11:00,P1,,\n"
                            "c,bad,,,\n"
                            "d,2026-11-23 10:00,P3,,2026-11-24 10:00\n";
  RunResult r = sla({"batch", "--now", kNow, "--only", "Breached, error,met"}, input);
  EXPECT_EQ(column(rows_of(r), "id"), (Strings{"a", "c", "d"}));
}

TEST(BatchStatus, UnknownOnlyStatusIsAnInputError) {
  RunResult r = sla({"batch", "--now", kNow, "--only", "late"}, kHeader);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "sla: error: invalid --only status \"late\"; expected a comma list of on_track, "
            "at_risk, paused, breached, met, missed, not_covered, error or open\n");
}

// --- Input edge cases ---------------------------------------------------------------------

TEST(BatchInput, EmptyInputIsZeroRows) {
  RunResult r = sla({"batch", "--now", kNow}, "");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(rows_of(r).empty());
  r = sla({"batch", "--now", kNow, "-o", "jsonl"}, "");
  EXPECT_EQ(r.out, "");
  r = sla({"batch", "--now", kNow, "-o", "json"}, "\xEF\xBB\xBF\n\n");
  EXPECT_EQ(r.out, "[]\n");
  EXPECT_EQ(r.status, 0);
}

TEST(BatchInput, HeaderOnlyIsZeroRows) {
  RunResult r = sla({"batch", "--now", kNow}, "submitted\r\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(rows_of(r).empty());
}

TEST(BatchInput, NoSubmittedColumnIsAnErrorForThatFile) {
  TempFile bad("id,priority\na,P1\n");
  TempFile good(kHeader + "g,2026-11-25 11:00,P1,,\n");
  RunResult r = sla({"batch", "--now", kNow, bad.path(), good.path()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(column(rows_of(r), "id"), (Strings{"g"}));
  EXPECT_EQ(r.err, "sla: error: \"" + bad.path() +
                       "\" line 1: no submitted column in the header \"id,priority\"; expected a "
                       "header row naming submitted, and optionally id, priority, tier, calendar, "
                       "responded, reseller, reclassified and paused (or --column "
                       "submitted=HEADER)\n");
}

TEST(BatchInput, DuplicateColumnIsAnError) {
  RunResult r = sla({"batch", "--now", kNow}, "submitted,Submitted\n2026-11-25,2026-11-25\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("column submitted appears twice"), std::string::npos) << r.err;
}

TEST(BatchInput, HeaderIsCaseInsensitiveAndUnknownColumnsAreIgnored) {
  RunResult r = sla({"batch", "--now", kNow},
                    "Notes, SUBMITTED ,Customer,ID\n\"a, b\",2026-11-25 11:00,acme,t1\n");
  EXPECT_EQ(r.status, 0) << r.err;
  Rows rows = rows_of(r);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][col("id")], "t1");
  EXPECT_EQ(rows[0][col("priority")], "P3");
  EXPECT_EQ(rows[0][col("tier")], "standard");
}

TEST(BatchInput, ColumnsInAnyOrderAmongOthersReadTheirOwnCells) {
  // The header's columns out of the field order, with columns batch does not read between and
  // around them, empty and quoted cells: each row reads as its cells say, one field at a time.
  RunResult r = sla({"batch", "--now", kNow},
                    "responded,notes,tier,priority,submitted,extra,id\n"
                    "2026-11-25 12:00,\"x, y\",premium,P1,2026-11-25 11:00,z,t1\n"
                    ",,,,2026-11-25 11:00,,\n"
                    "\"2026-11-25 13:00\",,standard,\"P2\",2026-11-25 11:00,,\"t \"\"3\"\"\"\n");
  EXPECT_EQ(r.status, 0) << r.err;
  Rows rows = rows_of(r);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(column(rows, "id"), (Strings{"t1", "", "t \"3\""}));
  EXPECT_EQ(column(rows, "priority"), (Strings{"P1", "P3", "P2"}));
  EXPECT_EQ(column(rows, "tier"), (Strings{"premium", "standard", "standard"}));
  EXPECT_EQ(column(rows, "responded"),
            (Strings{"2026-11-25T12:00:00-05:00", "", "2026-11-25T13:00:00-05:00"}));
  EXPECT_EQ(column(rows, "submitted"), (Strings(3, "2026-11-25T11:00:00-05:00")));
}

// Random tickets, with cells empty, padded, quoted and bad, under headers of the same columns
// (and two batch does not read) in random orders: each order gives what the first gave, but
// for the column number its error messages name.
TEST(BatchInput, AnyOrderOfColumnsReadsAsTheFirst) {
  std::mt19937 rng(12);
  const Strings columns = {"id",        "submitted", "priority", "tier",
                           "responded", "reseller",  "notes",    "extra"};
  const std::vector<Strings> pools = {
      {"", "t1", "a, b", "say \"hi\"", "T100042"},
      {"2026-11-23 09:15", "2026-11-24T17:59:00-05:00", "2026-11-21 10:00", "not a time"},
      {"", "P1", "P2", "P4", "urgent", "Low", "P9"},
      {"", "premium", "standard", "Premium", "gold"},
      {"", "2026-11-24 12:00", "@1795000000", "2026-11-25T08:00:00Z"},
      {"", "yes", "no", "1", "maybe"},
      {"", "x, y", "  padded  ", "\"quoted\""},
      {"", "z", "line\nbreak"}};
  auto field = [&](const std::string& value) {
    const bool quote = value.find_first_of(",\"\n") != std::string::npos || rng() % 4 == 0;
    if (!quote) return value;
    std::string out = "\"";
    for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  std::vector<Strings> tickets(200);
  for (Strings& t : tickets) {
    for (const Strings& pool : pools) t.push_back(pool[rng() % pool.size()]);
  }
  std::vector<std::size_t> order(columns.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  // The text with the number of each ", column N (" left out.
  auto without_columns = [](std::string text) {
    const std::string mark = ", column ";
    for (std::size_t at = text.find(mark); at != std::string::npos; at = text.find(mark, at)) {
      at += mark.size();
      std::size_t end = at;
      while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
      text.erase(at, end - at);
    }
    return text;
  };
  RunResult first;
  for (int turn = 0; turn < 25; ++turn) {
    if (turn > 0) std::shuffle(order.begin(), order.end(), rng);
    std::string input;
    for (std::size_t k = 0; k < order.size(); ++k) input += (k ? "," : "") + columns[order[k]];
    input += '\n';
    for (const Strings& t : tickets) {
      for (std::size_t k = 0; k < order.size(); ++k) input += (k ? "," : "") + field(t[order[k]]);
      input += '\n';
    }
    const RunResult r = sla({"batch", "--now", kNow}, input);
    if (turn == 0) {
      first = r;
      const Rows rows = rows_of(r);
      ASSERT_EQ(rows.size(), tickets.size()) << r.err;
      const Strings statuses = column(rows, "status");
      EXPECT_GT(std::count_if(statuses.begin(), statuses.end(),
                              [](const std::string& s) { return s != "error"; }),
                40);  // enough rows read whole, not only errors
      continue;
    }
    EXPECT_EQ(r.status, first.status) << input;
    EXPECT_EQ(without_columns(r.out), without_columns(first.out)) << input;
    EXPECT_EQ(r.err, first.err) << input;
  }
}

TEST(BatchInput, EmptyCellsTakeDefaults) {
  RunResult r = sla({"batch", "--now", kNow}, kHeader + ",2026-11-25 11:00,,,\n");
  Rows rows = rows_of(r);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][col("id")], "");
  EXPECT_EQ(rows[0][col("priority")], "P3");
  EXPECT_EQ(rows[0][col("tier")], "standard");
  EXPECT_EQ(rows[0][col("responded")], "");
}

TEST(BatchInput, BlankLinesAreSkippedButCounted) {
  RunResult r = sla({"batch", "--now", kNow},
                    "\n" + kHeader + "\na,2026-11-25 11:00,,,\n\r\n\nb,2026-11-25 11:00,,,\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(column(rows_of(r), "line"), (Strings{"4", "7"}));
}

TEST(BatchInput, ByteOrderMarkAndCrlf) {
  RunResult r =
      sla({"batch", "--now", kNow},
          "\xEF\xBB\xBFsubmitted,id\r\n2026-11-25 11:00,a\r\n\"2026-11-25 11:00\",\"b\"\r\n");
  EXPECT_EQ(r.status, 0) << r.err;
  Rows rows = rows_of(r);
  EXPECT_EQ(column(rows, "id"), (Strings{"a", "b"}));
  EXPECT_EQ(column(rows, "submitted"),
            (Strings{"2026-11-25T11:00:00-05:00", "2026-11-25T11:00:00-05:00"}));
}

TEST(BatchInput, QuotedNewlinesKeepLineNumbersRight) {
  RunResult r = sla({"batch", "--now", kNow},
                    "id,notes,submitted\n"
                    "a,\"one\ntwo\nthree\",2026-11-25 11:00\n"
                    "b,,2026-11-25 11:00\n"
                    "c,\"x\r\ny\",bad\n"
                    "d,,2026-11-25 11:00\n");
  Rows rows = rows_of(r);
  EXPECT_EQ(column(rows, "line"), (Strings{"2", "5", "6", "8"}));
  EXPECT_EQ(rows.at(2)[col("error")].rfind("line 6, column 3 (submitted)", 0), 0u);
}

TEST(BatchInput, AMegabyteField) {
  const std::string big(1 << 20, 'n');
  RunResult r = sla({"batch", "--now", kNow, "-o", "jsonl"}, "id,notes,submitted\n" + big + ",\"" +
                                                                 big + "\",2026-11-25 11:00\n" +
                                                                 "small,,2026-11-25 11:00\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(count_lines(r.out), 2);
  EXPECT_EQ(r.out.find("{\"id\":\"" + big + "\",\"line\":2,"), 0u);
  EXPECT_NE(r.out.find("{\"id\":\"small\",\"line\":3,"), std::string::npos);
}

TEST(BatchInput, RecordOverTheLimitIsAnErrorRowAndTheRestIsRead) {
  const std::string huge((std::size_t{16} << 20) + 10, 'h');
  RunResult r = sla({"batch", "--now", kNow}, "id,notes,submitted\na,\"" + huge +
                                                  "\n\",2026-11-25 11:00\nb,,2026-11-25 11:00\n");
  EXPECT_EQ(r.status, 2);
  Rows rows = rows_of(r);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][col("line")], "2");
  EXPECT_EQ(rows[0][col("error")],
            "line 2: record longer than the limit of 16777216 bytes; skipped to its end");
  EXPECT_EQ(rows[1][col("id")], "b");
  EXPECT_EQ(rows[1][col("line")], "4");
}

TEST(BatchInput, MissingFileAmongFilesThatExist) {
  TempFile one(kHeader + "one,2026-11-25 11:00,,,\n");
  TempFile two(kHeader + "two,2026-11-25 11:00,,,\n");
  RunResult r = sla({"batch", "--now", kNow, one.path(), "/nonexistent/x.csv", two.path()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(column(rows_of(r), "id"), (Strings{"one", "two"}));
  EXPECT_EQ(r.err, "sla: error: cannot read \"/nonexistent/x.csv\": No such file or directory\n");
}

TEST(BatchInput, DirectoryIsUnreadable) {
  RunResult r = sla({"batch", "--now", kNow, "/tmp"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "sla: error: cannot read \"/tmp\": Is a directory\n");
}

TEST(BatchInput, FilesAndStandardInputInOrder) {
  TempFile one(kHeader + "one,2026-11-25 11:00,,,\n");
  RunResult r = sla({"batch", "--now", kNow, one.path(), "-", one.path()},
                    "submitted,id\n2026-11-25 11:00,stdin\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(column(rows_of(r), "id"), (Strings{"one", "stdin", "one"}));
}

TEST(BatchInput, NulBytes) {
  std::string input = "id,notes,submitted\n";
  input += std::string("a,x\0y,2026-11-25 11:00\n", 23);
  input += std::string("b\0,,2026-11-25 11:00\n", 21);
  input += std::string("c,,2026-11-25\0 11:00\n", 21);
  RunResult r = sla({"batch", "--now", kNow}, input);
  EXPECT_EQ(r.status, 2);
  Rows rows = rows_of(r);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][col("status")], "on_track");
  EXPECT_EQ(rows[1][col("error")],
            "line 3, column 1 (id): invalid id \"b\\x00\": contains a NUL byte; expected text");
  EXPECT_EQ(rows[2][col("error")].rfind("line 4, column 3 (submitted): invalid submitted", 0), 0u);
}

TEST(BatchInput, UnbalancedQuoteAtEndOfInput) {
  RunResult r =
      sla({"batch", "--now", kNow},
          kHeader + "a,2026-11-25 11:00,,,\nb,\"2026-11-25 11:00,,,\nc,2026-11-25 11:00,,,\n");
  EXPECT_EQ(r.status, 2);
  Rows rows = rows_of(r);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][col("id")], "b");
  EXPECT_EQ(rows[1][col("error")],
            "line 3, column 2: the quoted field opened on line 3 is not closed before the end of "
            "the input; expected a closing quote");
}

TEST(BatchInput, TextAfterClosingQuote) {
  RunResult r = sla({"batch", "--now", kNow}, kHeader + "a,\"2026-11-25\" 11:00,,,\n");
  Rows rows = rows_of(r);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][col("error")].rfind("line 2, column 2: text after the closing quote", 0), 0u);
}

TEST(BatchInput, WrongNumberOfFields) {
  RunResult r =
      sla({"batch", "--now", kNow}, kHeader + "ACME, Inc,2026-11-25 11:00,P1,,\nb,2026-11-25\n");
  Strings errors = column(rows_of(r), "error");
  EXPECT_EQ(errors, (Strings{"line 2: 6 fields where the header has 5; expected one per column "
                             "(quote fields that hold commas)",
                             "line 3: 2 fields where the header has 5; expected one per column "
                             "(quote fields that hold commas)"}));
}

TEST(BatchInput, Utf16IsRefusedClearly) {
  RunResult r = sla({"batch", "--now", kNow}, std::string("\xFF\xFEs\0u\0b\0\n\0", 10));
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "sla: error: standard input line 1: the text is UTF-16; expected UTF-8 CSV\n");
}

// --- Outputs ------------------------------------------------------------------------------

const std::string kTwo = kHeader + "a,2026-11-25 11:00,P1,,\nb,bad,,,\n";

TEST(BatchOutput, CsvHeaderIsTheBatchFieldList) {
  RunResult r = sla({"batch", "--now", kNow}, kTwo);
  std::string header;
  append_header(header, field_names(FieldSet::kBatch), ',');
  EXPECT_EQ(r.out.substr(0, header.size()), header);
}

TEST(BatchOutput, Tsv) {
  RunResult r = sla({"batch", "--now", kNow, "-o", "tsv"}, kTwo);
  EXPECT_EQ(count_lines(r.out), 3);
  EXPECT_EQ(r.out.rfind("id\tline\tsubmitted\t", 0), 0u);
  EXPECT_NE(r.out.find("\na\t2\t2026-11-25T11:00:00-05:00\tP1\t"), std::string::npos);
}

TEST(BatchOutput, JsonLines) {
  RunResult r = sla({"batch", "--now", kNow, "-o", "jsonl"}, kTwo);
  ASSERT_EQ(count_lines(r.out), 2);
  EXPECT_EQ(r.out.rfind("{\"id\":\"a\",\"line\":2,\"submitted\":\"2026-11-25T11:00:00-05:00\"", 0),
            0u);
  EXPECT_NE(r.out.find("\n{\"id\":\"b\",\"line\":3,\"submitted\":null,"), std::string::npos);
}

TEST(BatchOutput, JsonIsOneArray) {
  RunResult r = sla({"batch", "--now", kNow, "-o", "json"}, kTwo);
  EXPECT_EQ(r.out.rfind("[\n{\"id\":\"a\"", 0), 0u);
  EXPECT_NE(r.out.find("},\n{\"id\":\"b\""), std::string::npos);
  EXPECT_EQ(r.out.substr(r.out.size() - 4), "}\n]\n");
}

TEST(BatchOutput, FormatTemplatePerRow) {
  RunResult r =
      sla({"batch", "--now", kNow, "--format", "{id}\\t{line}\\t{status}\\t{error}"}, kTwo);
  EXPECT_EQ(r.status, 2);
  const std::string error = rows_of(sla({"batch", "--now", kNow}, kTwo))[1][col("error")];
  EXPECT_EQ(r.out, "a\t2\ton_track\t\nb\t3\terror\t" + error + "\n");
}

TEST(BatchOutput, FormatThatDoesNotFitARowLeavesItOut) {
  RunResult r = sla({"batch", "--now", kNow, "--format", "{id} {percent_elapsed:.1f}"}, kTwo);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "a 11.1\n");
  EXPECT_NE(r.err.find("1 row left out: the --format template does not fit them (the first: "
                       "standard input line 3: "),
            std::string::npos)
      << r.err;
}

TEST(BatchOutput, UnknownFormatFieldIsAnError) {
  RunResult r = sla({"batch", "--now", kNow, "--format", "{nope}"}, kTwo);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("unknown field \"nope\""), std::string::npos);
}

// --- Summary ------------------------------------------------------------------------------

const std::string kMixed = kHeader +
                           "a,2026-11-25 11:00,P1,premium,\n"           // on_track
                           "b,2026-11-23 16:00,P3,,\n"                  // at_risk, 14h of 18h
                           "c,2026-11-20 10:00,P1,,\n"                  // breached
                           "d,2026-11-23 10:00,P3,,2026-11-24 10:00\n"  // met, 9h
                           "e,2026-11-23 10:00,P3,,2026-11-23 11:30\n"  // met, 1h 30m
                           "f,2026-11-20 10:00,P1,,2026-11-24 10:00\n"  // missed, 18h
                           "g,bad,,,\n";                                // error

// Compliance is met / (met + missed + breached): the breached ticket has failed too.
TEST(BatchSummary, Text) {
  RunResult r = sla({"batch", "--now", kNow, "--summary"}, kMixed);
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(r.out,
            "rows        7\n"
            "on_track    1\n"
            "at_risk     1\n"
            "paused      0\n"
            "breached    1\n"
            "met         2\n"
            "missed      1\n"
            "not_covered 0\n"
            "error       1\n"
            "compliance  50% (2 met of 4 met, missed or breached)\n"
            "response    median 1d, 90th percentile 2d (business time)\n"
            "\n"
            "priority  tier          rows  on_track   at_risk    paused  breached       met    "
            "missed  compliance\n"
            "P1        standard         2         0         0         0         1         0      "
            "   1          0%\n"
            "P1        premium          1         1         0         0         0         0      "
            "   0         n/a\n"
            "P3        standard         3         0         1         0         0         2      "
            "   0        100%\n");
}

TEST(BatchSummary, Json) {
  RunResult r = sla({"batch", "--now", kNow, "--summary", "-o", "json"}, kMixed);
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(
      r.out.rfind(
          "{\"rows\":7,\"statuses\":{\"on_track\":1,\"at_risk\":1,\"paused\":0,\"breached\":1,"
          "\"met\":2,\"missed\":1,\"not_covered\":0,\"error\":1},"
          "\"compliance_percent\":50,\"responded\":3,\"judged\":4,"
          "\"response_business_seconds\":{\"median\":32400,"
          "\"p90\":64800,\"exact_below\":4194304},\"by_priority_tier\":[{\"priority\":"
          "\"P1\",\"tier\":\"standard\",\"rows\":2,\"statuses\":{\"on_track\":0,"
          "\"at_risk\":0,\"paused\":0,\"breached\":1,\"met\":0,\"missed\":1},"
          "\"compliance_percent\":0},",
          0),
      0u)
      << r.out;
  EXPECT_EQ(r.out.substr(r.out.size() - 4), "}]}\n");
  EXPECT_EQ(count_lines(r.out), 1);
}

TEST(BatchSummary, NoResponsesSayNa) {
  RunResult r = sla({"batch", "--now", kNow, "--summary"}, kHeader + "a,2026-11-25 11:00,,,\n");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("compliance  n/a (no ticket met, missed or breached)\n"
                       "response    n/a (no responded tickets)\n"),
            std::string::npos)
      << r.out;
  r = sla({"batch", "--now", kNow, "--summary", "-o", "json"}, "");
  EXPECT_NE(r.out.find("\"compliance_percent\":null,\"responded\":0,\"judged\":0,"
                       "\"response_business_seconds\":{\"median\":null,\"p90\":null,"),
            std::string::npos)
      << r.out;
}

TEST(BatchSummary, OnlyFiltersWhatIsCounted) {
  RunResult r = sla({"batch", "--now", kNow, "--summary", "--only", "met,missed"}, kMixed);
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(r.out.rfind("rows        3\n", 0), 0u) << r.out;
}

TEST(BatchSummary, FormatDoesNotApply) {
  RunResult r = sla({"batch", "--now", kNow, "--summary", "--format", "{id}"}, kMixed);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "sla: error: --format does not apply with --summary; expected one of them\n");
}

// --- In process: the stream path and many rows -------------------------------------------

// Returns settings as the CLI makes them, now being kNow.
BatchSettings settings_now() {
  BatchSettings settings;
  settings.engine = &builtin_engine();
  settings.display = &new_york();
  settings.now = ny(2026, 11, 25, 12);
  return settings;
}

// Runs run_batch on `input` given as a stream for "-".
int batch_stream(const std::string& input, std::string& out, std::string& err,
                 Output output = Output::kCsv) {
  BatchSettings settings = settings_now();
  settings.output = output;
  std::istringstream in(input);
  std::ostringstream o, e;
  const int status = run_batch({"-"}, settings, in, o, e);
  out = o.str();
  err = e.str();
  return status;
}

TEST(BatchStream, ManyRowsInOrderAcrossBlocks) {
  std::string input = kHeader;
  for (int i = 0; i < 20000; ++i) {
    input += "t" + std::to_string(i) + (i % 7 == 0 ? ",\"2026-11-25 11:00\"" : ",@1795000000") +
             ",P" + std::to_string(1 + i % 4) + ",,\n";
  }
  std::string out, err;
  EXPECT_EQ(batch_stream(input, out, err, Output::kJsonl), 1) << err;
  std::istringstream lines(out);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    ASSERT_EQ(
        line.rfind("{\"id\":\"t" + std::to_string(n) + "\",\"line\":" + std::to_string(n + 2) + ",",
                   0),
        0u);
    ++n;
  }
  EXPECT_EQ(n, 20000);
}

// Blocks go to several workers: the summary they add up counts what the rows say, the first
// error named is the first in the input, and JSON has its commas where they belong.
TEST(BatchStream, WorkersAddUpToWhatTheRowsSay) {
  std::mt19937_64 rng(9);
  std::string input = kHeader;
  for (int i = 0; i < 30000; ++i) {
    const bool bad = rng() % 50 == 0;
    input += "t" + std::to_string(i) + "," +
             (bad ? std::string("nope") : "@" + std::to_string(1795000000 - rng() % 900000)) +
             ",P" + std::to_string(1 + rng() % 4) + "," + (rng() % 2 ? "premium" : "") + "," +
             (rng() % 3 == 0 ? "@1795600000" : "") + "\n";
  }
  TempFile file(input);
  const RunResult rows = sla({"batch", "--now", kNow, file.path(), "-o", "json"});
  const RunResult summary = sla({"batch", "--now", kNow, file.path(), "--summary", "-o", "json"});
  ASSERT_EQ(rows.status, summary.status);
  std::map<std::string, int> counted;
  std::size_t at = 0;
  int n = 0;
  while ((at = rows.out.find("\"status\":\"", at)) != std::string::npos) {
    at += 10;
    ++counted[rows.out.substr(at, rows.out.find('"', at) - at)];
    ++n;
  }
  EXPECT_EQ(n, 30000);
  for (const auto& [status, count] : counted) {
    EXPECT_NE(summary.out.find("\"" + status + "\":" + std::to_string(count)), std::string::npos)
        << status << " " << count << "\n"
        << summary.out.substr(0, 300);
  }
  EXPECT_EQ(rows.out.substr(0, 2), "[\n");
  EXPECT_EQ(rows.out.find("[\n,"), std::string::npos);
  EXPECT_EQ(rows.out.find(",\n,"), std::string::npos);
  const std::size_t first_bad = input.find("nope");
  const auto line =
      std::count(input.begin(), input.begin() + static_cast<std::ptrdiff_t>(first_bad), '\n') + 1;
  EXPECT_NE(rows.err.find("(the first: \"" + file.path() + "\" line " + std::to_string(line) + ")"),
            std::string::npos)
      << rows.err;
}

TEST(BatchStream, OutputThatCannotBeWrittenIsAnError) {
  const BatchSettings settings = settings_now();
  std::istringstream in(kHeader + "a,2026-11-25 11:00,,,\n");
  std::ostream broken(nullptr);
  std::ostringstream err;
  EXPECT_EQ(run_batch({"-"}, settings, in, broken, err), 2);
  EXPECT_EQ(err.str(), "sla: error: cannot write the output\n");
}

// --- Consistency with sla check -----------------------------------------------------------

// A random ticket as text, in the forms sla accepts (and some it does not).
struct TicketText {
  std::string submitted, priority, tier, responded;
  std::vector<std::string> reclassified, paused;  // entries
};

// Returns a time near `around` (seconds since 1970), if `far` now and then anywhere in
// 1900..9999 or just past it, in one of the forms sla accepts, or a text it refuses. Sets
// `instant`. (Responses are kept near: a span of millennia costs a cold clock ~0.1 s.)
std::string random_time(std::mt19937_64& rng, std::int64_t around, bool far,
                        std::int64_t& instant) {
  std::int64_t t = around - static_cast<std::int64_t>(rng() % (30LL * 86400));
  const auto pick = far ? rng() % 100 : 99;
  if (pick == 0) {  // anywhere in the supported range and a little past it
    t = static_cast<std::int64_t>(rng() % 256'000'000'000ULL) - 2'210'000'000LL;
  } else if (pick == 1) {  // near the end of the range
    t = 253402300799LL - static_cast<std::int64_t>(rng() % (40LL * 86400));
  }
  instant = t;
  switch (rng() % 12) {
    case 0:
      return "@" + std::to_string(t);
    case 1:
      return "2026-03-08 02:30";  // skipped by the clocks in New York
    case 2:
      return "2026-11-01T01:30";  // repeated
    case 3:
      return "not a time";
    default: {
      static const Zone utc = Zone::utc();
      std::string iso =
          format_time(date::sys_seconds{std::chrono::seconds{t}}, rng() % 2 ? utc : new_york());
      if (rng() % 3 == 0) iso = iso.substr(0, 19);  // no offset: local time
      if (rng() % 5 == 0) iso[10] = ' ';
      return iso;
    }
  }
}

TicketText random_ticket(std::mt19937_64& rng) {
  static const char* const kPriorities[] = {"", "P1", "p2", "3", "urgent", "Low", "P5", "high"};
  static const char* const kTiers[] = {"", "standard", "premium", "PREMIUM", "gold"};
  const std::int64_t now = 1795626000;  // 2026-11-25T12:00:00-05:00
  TicketText t;
  std::int64_t submitted = 0, responded = 0;
  t.submitted = random_time(rng, now, true, submitted);
  t.priority = kPriorities[rng() % 8];
  t.tier = kTiers[rng() % 5];
  const std::int64_t after = static_cast<std::int64_t>(rng() % (6LL * 86400));
  if (rng() % 5 < 2) t.responded = random_time(rng, submitted + after, false, responded);
  // A history now and then, mostly after the submission and before now, sometimes not.
  static const Zone& zone = new_york();
  auto near = [&](std::int64_t from) {
    const std::int64_t at = from + static_cast<std::int64_t>(rng() % (3LL * 86400)) - 3600;
    return format_time(date::sys_seconds{std::chrono::seconds{at}}, zone);
  };
  if (rng() % 3 == 0) {
    for (auto n = rng() % 3 + 1; n > 0; --n) {
      t.reclassified.push_back(near(submitted) + "=" + kPriorities[1 + rng() % 7]);
    }
  }
  if (rng() % 3 == 0) {
    std::int64_t from = submitted;
    for (auto n = rng() % 3 + 1; n > 0; --n) {
      from += static_cast<std::int64_t>(rng() % 86400);
      const std::int64_t to = from + static_cast<std::int64_t>(rng() % 86400) + 1;
      t.paused.push_back(format_time(date::sys_seconds{std::chrono::seconds{from}}, zone) + "/" +
                         (rng() % 4 == 0
                              ? std::string()
                              : format_time(date::sys_seconds{std::chrono::seconds{to}}, zone)));
      from = to;
    }
  }
  return t;
}

std::string joined(const std::vector<std::string>& entries) {
  std::string out;
  for (const std::string& e : entries) out += (out.empty() ? "" : ";") + e;
  return out;
}

std::string csv_cell(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::vector<std::string> check_args(const TicketText& t, const std::vector<std::string>& common) {
  std::vector<std::string> args{"check", "-s", t.submitted};
  if (!t.priority.empty()) args.insert(args.end(), {"-p", t.priority});
  if (!t.tier.empty()) args.insert(args.end(), {"-t", t.tier});
  if (!t.responded.empty()) args.insert(args.end(), {"--responded", t.responded});
  for (const std::string& e : t.reclassified) args.insert(args.end(), {"--reclassified", e});
  for (const std::string& e : t.paused) args.insert(args.end(), {"--paused", e});
  args.insert(args.end(), common.begin(), common.end());
  return args;
}

std::string field_name_in_batch(std::string message) {
  for (const char* name : {"submitted", "responded", "reclassified", "paused"}) {
    const std::string option = std::string("--") + name;
    for (std::size_t at; (at = message.find(option)) != std::string::npos;) {
      message.replace(at, option.size(), name);
    }
  }
  return message;
}

void expect_consistent(int tickets, std::uint64_t seed, const std::vector<std::string>& common) {
  std::mt19937_64 rng(seed);
  std::vector<TicketText> list;
  std::string input = "ID,Submitted,Priority,Tier,Responded,Reclassified,Paused\n";
  int histories = 0;
  for (int i = 0; i < tickets; ++i) {
    list.push_back(random_ticket(rng));
    const TicketText& t = list.back();
    histories += t.reclassified.empty() && t.paused.empty() ? 0 : 1;
    input += "T" + std::to_string(i) + "," + csv_cell(t.submitted) + "," + t.priority + "," +
             t.tier + "," + csv_cell(t.responded) + "," + csv_cell(joined(t.reclassified)) + "," +
             csv_cell(joined(t.paused)) + "\n";
  }
  EXPECT_GT(histories, tickets / 3);
  TempFile file(input);
  std::vector<std::string> args{"batch", file.path()};
  args.insert(args.end(), common.begin(), common.end());
  const Rows batch_csv = rows_of(sla_here(args));
  args.insert(args.end(), {"-o", "jsonl"});
  std::istringstream batch_json(sla_here(args).out);
  ASSERT_EQ(batch_csv.size(), static_cast<std::size_t>(tickets));

  int errors = 0;
  for (int i = 0; i < tickets; ++i) {
    const TicketText& t = list[static_cast<std::size_t>(i)];
    std::string json_row;
    std::getline(batch_json, json_row);
    const std::vector<std::string>& row = batch_csv[static_cast<std::size_t>(i)];
    std::vector<std::string> cargs = check_args(t, common);
    cargs.insert(cargs.end(), {"-o", "csv"});
    const RunResult check_csv = sla_here(cargs);
    const std::string id = "T" + std::to_string(i);
    const std::string line = std::to_string(i + 2);
    SCOPED_TRACE(id + ": " + t.submitted + " | " + t.priority + " | " + t.tier + " | " +
                 t.responded + " | " + joined(t.reclassified) + " | " + joined(t.paused));
    if (check_csv.status == 2) {
      ++errors;
      ASSERT_EQ(row.at(col("status")), "error");
      const std::string message = check_csv.err.substr(12, check_csv.err.size() - 13);
      const std::string error = row.at(col("error"));
      ASSERT_EQ(error.substr(error.find("): ") + 3), field_name_in_batch(message));
      continue;
    }
    std::vector<std::string> expected{id, line};
    const Rows check_rows = parse_csv(check_csv.out);
    ASSERT_EQ(check_rows.size(), 2u);
    expected.insert(expected.end(), check_rows[1].begin(), check_rows[1].end());
    expected.emplace_back();
    ASSERT_EQ(row, expected);

    cargs.back() = "json";
    const std::string check_json = sla_here(cargs).out;
    ASSERT_EQ(json_row, "{\"id\":\"" + id + "\",\"line\":" + line + "," +
                            check_json.substr(1, check_json.size() - 3) + ",\"error\":null}");
  }
  // The generator makes both kinds of ticket.
  EXPECT_GT(errors, tickets / 20);
  EXPECT_LT(errors, tickets * 3 / 4);
}

TEST(BatchConsistency, EveryRowIsWhatCheckSaysOfItsTicket) {
  expect_consistent(SLA_SANITIZED ? 2000 : 10000, 1, {"--now", kNow});
}

TEST(BatchConsistency, WithAnotherZoneAndWarning) {
  expect_consistent(1000, 2, {"--now", "2026-11-27T10:00:00Z", "--tz", "UTC", "--warn", "40"});
}

}  // namespace
}  // namespace sla::test
