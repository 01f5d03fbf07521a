// The command line: the one user of CLI11. Declares commands and options, catches errors.
#include "cli.hpp"

#include "commands.hpp"
#include "error.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <string>

namespace sla {
namespace {

// Repeatable options take one value each time (allow_extra_args(false)): CLI11 lets a list
// option take every word after it, so that `--policy FILE tickets.csv` read the tickets as a
// second policy.

void add_common(CLI::App& app, Options& o) {
  app.add_option("--holidays", o.holidays,
                 "Holiday set: us-federal, us-federal-closures or a file (repeatable; the "
                 "union replaces the default us-federal)")
      ->type_name("SET")
      ->allow_extra_args(false);
  app.add_option("--policy", o.policies,
                 "Policy file (repeatable: one per version, by effective date; default "
                 "$SLA_POLICY, else the built-in CodeSecure policy)")
      ->type_name("FILE")
      ->allow_extra_args(false);
  app.add_option("--tz", o.tz, "Show times in ZONE (IANA name, UTC or local); the clock stays")
      ->type_name("ZONE");
  app.add_option("-o,--output", o.output, "Output: text, json, jsonl, csv or tsv (policy: toml)")
      ->type_name("FORMAT");
  app.add_option("--color", o.color, "Colour: auto (terminal without NO_COLOR), always, never")
      ->type_name("WHEN")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

void add_ticket(CLI::App& app, Options& o) {
  app.add_option("-s,--submitted", o.submitted, "When the ticket was submitted (default: now)")
      ->type_name("TIME");
  app.add_option(
         "-p,--priority", o.priority,
         "An id or alias of the policy's (built in: P1..P4, 1..4, urgent, high, normal, low; "
         "default P3)")
      ->type_name("PRIORITY");
  app.add_option("-t,--tier", o.tier,
                 "A tier of the policy's (built in: standard or premium; default standard)")
      ->type_name("TIER");
  app.add_option("--calendar", o.calendar,
                 "The ticket's own calendar of the policy, over its target's")
      ->type_name("NAME");
  app.add_option("--reclassified", o.reclassified,
                 "From TIME on the ticket has PRIORITY (repeatable; -p: as submitted)")
      ->type_name("TIME=PRIORITY")
      ->allow_extra_args(false);
  app.add_option("--paused", o.paused,
                 "The clock stood still from FROM to TO; FROM/ runs on (repeatable)")
      ->type_name("FROM/TO")
      ->allow_extra_args(false);
  app.add_flag("--reseller", o.reseller, "Bought through a reseller: this SLA does not apply");
  app.add_flag("--explain", o.explain, "Show the business time counted, day by day");
  app.add_option("--format", o.format, "Template with named fields, e.g. '{deadline}'")
      ->type_name("TEMPLATE");
}

// How tickets are read: zones, time formats and words of help-desk exports.
void add_reading(CLI::App& app, Options& o) {
  app.add_option("--input-tz", o.input_tz,
                 "Read times without an offset in ZONE (default: the policy zone)")
      ->type_name("ZONE");
  app.add_option("--time-format", o.time_format,
                 "Also read times in this strftime-style format, e.g. '%d/%b/%y %I:%M %p'")
      ->type_name("FMT");
  app.add_option("--priority-map", o.priority_map,
                 "More priority words: WORD=PRIORITY,... (WORD= or -= for the default)")
      ->type_name("MAP")
      ->allow_extra_args(false);
  app.add_option("--tier-map", o.tier_map, "More tier words: WORD=TIER,...")
      ->type_name("MAP")
      ->allow_extra_args(false);
}

void add_state(CLI::App& app, Options& o) {
  app.add_option("--now", o.now, "The moment to judge the ticket at (default: now)")
      ->type_name("TIME");
  app.add_option("--warn", o.warn, "at_risk from this percentage of the target (default 75)")
      ->type_name("PCT");
}

// One line, whatever CLI11 said.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

constexpr std::string_view kCommandNames[] = {"due", "check", "batch", "policy", "holidays"};
constexpr std::string_view kFlags[] = {"--reseller", "--explain", "--summary",
                                       "--help",     "-h",        "--version"};

// Returns where the command word is in argv: the first argument that names a command and is
// not an option's value, so that `sla --policy FILE policy` works as `sla policy --policy
// FILE`; 0 if there is none (the command is due).
int command_index(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") return 0;
    for (std::string_view name : kCommandNames) {
      if (arg == name) return i;
    }
    if (arg.size() < 2 || arg[0] != '-') return 0;  // a positional that is no command
    bool flag = arg.find('=') != std::string_view::npos || (arg[1] != '-' && arg.size() > 2);
    for (std::string_view f : kFlags) flag = flag || arg == f;
    if (!flag) ++i;  // the option's value
  }
  return 0;
}

// Returns the command argv names, or due.
std::string command_of(int argc, const char* const* argv) {
  int i = command_index(argc, argv);
  return i == 0 ? "due" : argv[i];
}

// Declares the options of `command` on `app`. Only the command being run gets its options:
// building CLI11 options is most of sla's start-up time.
void add_options(CLI::App& app, const std::string& command, Options& o) {
  if (command == "due" || command == "check") add_ticket(app, o);
  if (command == "due" || command == "check" || command == "batch") add_reading(app, o);
  if (command == "check") {
    add_state(app, o);
    app.add_option("--responded", o.responded, "When the first response was sent")
        ->type_name("TIME");
  }
  if (command == "batch") {
    app.add_option("files", o.inputs, "CSV files (- for standard input; default -)")
        ->type_name("FILE");
    add_state(app, o);
    app.add_option("--only", o.only, "Keep rows of these statuses (comma-separated)")
        ->type_name("STATUS,...");
    app.add_flag("--summary", o.summary, "Counts and compliance instead of rows");
    app.add_option("--column", o.columns,
                   "Read FIELD from the column named HEADER: FIELD=HEADER (repeatable)")
        ->type_name("FIELD=HEADER")
        ->allow_extra_args(false);
    app.add_option("--delimiter", o.delimiter,
                   "Field separator: a character such as ';', or tab (default ',', tab for *.tsv)")
        ->type_name("CHAR");
    app.add_option("--format", o.format, "Template with named fields per row")
        ->type_name("TEMPLATE");
  }
  if (command == "policy") {
    app.add_option("--check", o.check, "Validate policy files and exit 0 or 2 (repeatable)")
        ->allow_extra_args(false)
        ->type_name("FILE");
  }
  if (command == "holidays") {
    app.add_option("years", o.inputs, "Years (default: this year)")->type_name("YEAR");
    app.add_option("--format", o.format,
                   "Template with named fields per holiday, e.g. '{date} {name}'")
        ->type_name("TEMPLATE");
    app.add_option("--calendar", o.calendar, "The policy calendar whose holidays to list")
        ->type_name("NAME");
    app.add_option("--from", o.from, "First date of a range")->type_name("DATE");
    app.add_option("--to", o.to, "Last date of a range")->type_name("DATE");
  }
  add_common(app, o);
}

// Returns CLI11's complaint as one line that quotes the offending argument.
std::string parse_error_text(const CLI::ParseError& e, int argc, const char* const* argv) {
  std::string text = one_line(e.what());
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    // "The following argument(s) was/were not expected: X Y": name the first in argv, quoted.
    std::string extras = " " + text.substr(text.rfind(": ") + 2) + " ";
    std::string extra = extras.substr(1, extras.find(' ', 1) - 1);
    for (int i = 1; i < argc; ++i) {
      if (extras.find(" " + std::string(argv[i]) + " ") != std::string::npos) {
        extra = argv[i];
        break;
      }
    }
    return "unexpected argument " + quote(extra) + "; see sla " +
           (argc > 1 && command_of(argc, argv) != "due" ? command_of(argc, argv) + " " : "") +
           "--help for what is accepted";
  }
  return text + "; see sla --help";
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  // The command word goes first, where CLI11 looks for it.
  std::vector<const char*> args(argv, argv + argc);
  if (int at = command_index(argc, argv); at > 1) {
    std::rotate(args.begin() + 1, args.begin() + at, args.begin() + at + 1);
  }
  argv = args.data();
  Options o;
  o.command = command_of(argc, argv);
  CLI::App app{
      "Support SLA deadlines under a support policy: the built-in CodeSecure one, or "
      "--policy FILE.",
      "sla"};
  app.set_version_flag("--version", std::string("sla ") + SLA_VERSION);
  app.require_subcommand(0, 1);
  app.footer(
      "Run 'sla COMMAND --help' for a command's options, and 'man sla' for the time forms,\n"
      "output fields, holiday files, exit status and examples.");
  const std::pair<const char*, const char*> kCommands[] = {
      {"due", "The response deadline of one ticket (the default)"},
      {"check", "A ticket's state now: on_track, at_risk, breached, met or missed"},
      {"batch", "Check many tickets from CSV files or standard input"},
      {"policy", "The policy in force: SLA table, priorities, hours (--check FILE validates)"},
      {"holidays", "Observed holidays of years or a range"}};
  for (const auto& [name, description] : kCommands) {
    CLI::App* sub = app.add_subcommand(name, description);
    if (o.command == name) add_options(*sub, o.command, o);
  }
  // Bare `sla` is `sla due`.
  if (o.command == "due") add_options(app, "due", o);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e, out, err);
    err << "sla: error: " << parse_error_text(e, argc, argv) << "\n";
    return 2;
  }

  try {
    return run_command(o, std::cin, out, err);
  } catch (const InputError& e) {
    err << "sla: error: " << e.what() << "\n";
  } catch (const std::exception& e) {
    err << "sla: error: " << one_line(e.what()) << "\n";
  }
  return 2;
}

}  // namespace sla
