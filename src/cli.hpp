// The command line: parses argv with CLI11, runs a command, prints results and errors.
#pragma once

#include <iosfwd>

namespace sla {

// Runs sla with `argv`, writing results to `out` and errors to `err`. Returns the exit status
// of SPEC section 6: 0 success, 1 breached or missed, 2 usage or input error.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace sla
