// Runs the built sla binary for the CLI tests: arguments, standard input, environment in;
// exit status, standard output and standard error out.
#pragma once

#include <string>
#include <vector>

namespace sla::test {

struct RunResult {
  int status = -1;
  std::string out;
  std::string err;
};

struct RunOptions {
  std::string input;             // standard input
  std::vector<std::string> env;  // NAME=VALUE, added to a small fixed environment
  std::string cwd;               // working directory, default: the current one
};

// Runs `binary` with `args`. The environment holds SLA_NOW=2026-11-25T12:00:00-05:00,
// NO_COLOR=1 and TZ=UTC unless `options.env` overrides them.
RunResult run(const std::string& binary, const std::vector<std::string>& args,
              const RunOptions& options = {});

// Returns the number of lines in `text` (a last line without "\n" counts).
int count_lines(const std::string& text);

}  // namespace sla::test
