// The commands of sla, run from parsed options: due, check, batch, policy, holidays.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace sla {

// Everything the command line said, still as text: each command parses what it uses, so
// that every error names the option and quotes the value.
struct Options {
  std::string command = "due";
  std::optional<std::string> submitted, priority, tier, now, responded, warn;
  std::optional<std::string> from, to, only, format, calendar;
  std::optional<std::string> input_tz, time_format, delimiter;
  std::vector<std::string> priority_map, tier_map;  // --priority-map, --tier-map lists
  std::vector<std::string> columns;                 // batch --column FIELD=HEADER
  std::vector<std::string> reclassified, paused;    // the ticket's history, entry by entry
  std::string output;  // -o; empty: the command's default (text, or CSV for batch)
  std::string tz;
  std::string color = "auto";
  std::vector<std::string> holidays;  // --holidays sets, in order
  std::vector<std::string> policies;  // --policy files, one per version
  std::vector<std::string> check;     // sla policy --check files
  std::vector<std::string> inputs;    // batch files, or holiday years
  bool reseller = false;
  bool explain = false;
  bool summary = false;
};

// Runs `options.command`. Returns the exit status (SPEC section 6). Throws InputError for
// bad input; the caller prints it.
int run_command(const Options& options, std::istream& in, std::ostream& out, std::ostream& err);

struct Context;

// Runs due or check (`options.command`) on the engine, zones and clock of `ctx`, which was
// built from options the same but for the ticket's (submitted, priority, tier, responded,
// history, now): so that one context serves many tickets. As run_command does otherwise.
int run_ticket(const Options& options, Context& ctx, std::ostream& out);

// The listing commands, run by run_command: sla policy (and --check), sla holidays.
int run_policy(const Options& options, std::ostream& out, std::ostream& err);
int run_holidays(const Options& options, std::ostream& out);

}  // namespace sla
