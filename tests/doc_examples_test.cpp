// Runs every example command of the README and the manual, and checks that it works as shown.
//
// README: in ```console blocks, a line "$ COMMAND" is run, and the lines after it, up to the
// next "$ " or the end of the block, are its exact output (none shown: any output). Manual: the
// same inside .EX/.EE, with roff escapes undone, plus crontab lines, whose command is run.
// Commands run under bash in a scratch directory holding the example files, with sla first on
// PATH, "now" pinned to Wed 2026-11-25 16:30 New York time (for `date` too), and `mail`
// recording its input. The SQLite extension's installed path stands for the one built here,
// in commands, their output and the example files.
#include "cli_run.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

namespace sla::test {
namespace {

struct Example {
  std::string source;  // file:line
  std::string command;
  std::vector<std::string> output;  // empty: not shown
};

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

constexpr std::string_view kInstalledExtension = "/usr/lib/sla/libsla";

// Returns `s` with the installed extension's path replaced by the built one's.
std::string built(std::string s) {
  const std::string extension = SLA_EXTENSION;
  if (extension.empty()) return s;
  for (auto at = s.find(kInstalledExtension); at != std::string::npos;
       at = s.find(kInstalledExtension, at + extension.size())) {
    s.replace(at, kInstalledExtension.size(), extension);
  }
  return s;
}

std::string unroff(std::string s) {
  const std::pair<std::string, std::string> kEscapes[] = {
      {"\\-", "-"}, {"\\(aq", "'"}, {"\\(dq", "\""}, {"\\e", "\\"}, {"\\&", ""}};
  for (const auto& [from, to] : kEscapes) {
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
      s.replace(at, from.size(), to);
    }
  }
  return s;
}

// Collects "$ " examples between `open` and `close` lines; crontab lines too when `cron`.
std::vector<Example> examples(const std::string& path, const std::string& name,
                              const std::string& open, const std::string& close, bool roff) {
  static const std::regex kCron(R"(^([-*/,0-9]+ ){5}(.*)$)");
  std::vector<Example> found;
  bool inside = false;
  auto lines = read_lines(path);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string line = roff ? unroff(lines[i]) : lines[i];
    if (!inside) {
      inside = lines[i] == open;
      continue;
    }
    if (lines[i] == close) {
      inside = false;
      continue;
    }
    std::smatch cron;
    line = built(line);
    if (line.rfind("$ ", 0) == 0) {
      found.push_back({name + ":" + std::to_string(i + 1), line.substr(2), {}});
    } else if (std::regex_match(line, cron, kCron)) {
      found.push_back({name + ":" + std::to_string(i + 1), cron[2], {}});
    } else if (!found.empty()) {
      found.back().output.push_back(line);
    }
  }
  return found;
}

// Writes the example files the README shows with `cat`, and copies those of tests/data/docs, the
// sample exports of tests/data/exports and the example policy of policies/.
std::string scratch_directory() {
  char pattern[] = "/tmp/sla-doc-XXXXXX";
  std::string dir = mkdtemp(pattern);
  std::ofstream(dir + "/tickets.csv") << "id,submitted,priority,tier,responded\n"
                                         "T-1,2026-11-25 16:30,P1,premium,\n"
                                         "T-2,2026-11-24 10:00,P2,standard,\n"
                                         "T-3,2026-11-20 11:15,P3,standard,2026-11-23 10:00\n"
                                         "T-4,2026-11-23 09:00,P4,premium,2026-11-25 17:00\n";
  std::ofstream shims(dir + "/shims.bash");
  shims << "mail() { cat > \"$HOME/mail.out\"; }\n"
        << "date() { command date -d \"$SLA_NOW\" \"$@\"; }\n";
  // A sanitized extension needs the sanitizer runtime first in the process that loads it.
  const std::string preload = SLA_SANITIZER_PRELOAD;
  if (!preload.empty()) {
    shims << "sqlite3() { LD_PRELOAD=" << preload << " command sqlite3 \"$@\"; }\n"
          << "python3() { LD_PRELOAD=" << preload
          << " ASAN_OPTIONS=detect_leaks=0 command python3 \"$@\"; }\n";
  }
  // The files the documents show with cat, kept in the repository.
  for (const char* name : {"acme.toml", "company-holidays.txt"}) {
    std::ifstream in(std::string(SLA_SOURCE_DIR "/policies/") + name);
    std::ostringstream text;
    text << in.rdbuf();
    std::ofstream(dir + "/" + name) << text.str();
  }
  for (const char* from :
       {SLA_SOURCE_DIR "/tests/data/docs", SLA_SOURCE_DIR "/tests/data/exports"}) {
    for (const auto& entry : std::filesystem::directory_iterator(from)) {
      std::ifstream in(entry.path());
      std::ostringstream text;
      text << in.rdbuf();
      std::ofstream(dir + "/" + entry.path().filename().string()) << built(text.str());
    }
  }
  return dir;
}

// The scratch directory, removed when the examples are done, whether they passed or not.
struct Scratch {
  std::string dir = scratch_directory();
  Scratch() = default;
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  ~Scratch() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

void run_all(const std::vector<Example>& list) {
  ASSERT_FALSE(list.empty());
  const Scratch scratch;
  const std::string& dir = scratch.dir;
  std::string bin = SLA_BINARY;
  bin = bin.substr(0, bin.rfind('/'));
  RunOptions options;
  options.cwd = dir;
  options.env = {"PATH=" + bin + ":/usr/bin:/bin", "SLA_NOW=2026-11-25T16:30:00-05:00",
                 "BASH_ENV=" + dir + "/shims.bash", "HOME=" + dir};
  for (const Example& e : list) {
    // Without the extension built, its examples cannot run.
    const bool sql = e.command.find("sqlite3") != std::string::npos ||
                     e.command.find("python3") != std::string::npos;
    if (sql && std::string(SLA_EXTENSION).empty()) continue;
    RunResult r = run("/bin/bash", {"-o", "pipefail", "-c", e.command}, options);
    EXPECT_TRUE(r.status == 0 || r.status == 1) << e.source << ": " << e.command << "\n" << r.err;
    EXPECT_EQ(r.err, "") << e.source << ": " << e.command;
    if (!e.output.empty()) {
      std::string want;
      for (const std::string& line : e.output) want += line + "\n";
      EXPECT_EQ(r.out, want) << e.source << ": " << e.command;
    }
    if (e.command.find("| mail") != std::string::npos) {  // the cron job mailed its rows
      std::ifstream mailed(dir + "/mail.out");
      std::ostringstream text;
      text << mailed.rdbuf();
      EXPECT_NE(text.str().find("breached"), std::string::npos) << e.source << ": nothing mailed";
      std::remove((dir + "/mail.out").c_str());
    }
  }
}

TEST(DocExamples, ReadmeCommandsWorkAsShown) {
  auto list = examples(SLA_SOURCE_DIR "/README.md", "README.md", "```console", "```", false);
  auto cron = examples(SLA_SOURCE_DIR "/README.md", "README.md", "```cron", "```", false);
  ASSERT_FALSE(cron.empty());
  list.insert(list.end(), cron.begin(), cron.end());
  run_all(list);
}

TEST(DocExamples, ManualCommandsWorkAsShown) {
  run_all(examples(SLA_SOURCE_DIR "/man/sla.1", "sla.1", ".EX", ".EE", true));
}

}  // namespace
}  // namespace sla::test
