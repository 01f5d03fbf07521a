// The command line: the one user of CLI11. Declares commands and options, catches errors.
#include "cli.hpp"

#include "commands.hpp"
#include "error.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace sla {
namespace {

// Where an option's value goes: text, text that may be absent, a list, a flag.
using Target =
    std::variant<std::string*, std::optional<std::string>*, std::vector<std::string>*, bool*>;

// One option: its names ("-s,--submitted"), where its value goes, its help, the name of its
// value in the help.
struct Spec {
  const char* names;
  Target target;
  const char* help;
  const char* value = "";
};

// The options every command takes.
std::vector<Spec> common_options(Options& o) {
  return {
      {"--holidays", &o.holidays,
       "Holiday set: us-federal, us-federal-closures or a file (repeatable; the union replaces "
       "the default us-federal)",
       "SET"},
      {"--policy", &o.policies,
       "Policy file (repeatable: one per version, by effective date; default $SLA_POLICY, else "
       "the built-in CodeSecure policy)",
       "FILE"},
      {"--tz", &o.tz, "Show times in ZONE (IANA name, UTC or local); the clock stays", "ZONE"},
      {"-o,--output", &o.output, "Output: text, json, jsonl, csv or tsv (policy: toml)", "FORMAT"},
      {"--color", &o.color, "Colour: auto (terminal without NO_COLOR), always, never", "WHEN"},
  };
}

// What a single ticket is.
std::vector<Spec> ticket_options(Options& o) {
  return {
      {"-s,--submitted", &o.submitted, "When the ticket was submitted (default: now)", "TIME"},
      {"-p,--priority", &o.priority,
       "An id or alias of the policy's (built in: P1..P4, 1..4, urgent, high, normal, low; "
       "default P3)",
       "PRIORITY"},
      {"-t,--tier", &o.tier,
       "A tier of the policy's (built in: standard or premium; default standard)", "TIER"},
      {"--calendar", &o.calendar, "The ticket's own calendar of the policy, over its target's",
       "NAME"},
      {"--reclassified", &o.reclassified,
       "From TIME on the ticket has PRIORITY (repeatable; -p: as submitted)", "TIME=PRIORITY"},
      {"--paused", &o.paused, "The clock stood still from FROM to TO; FROM/ runs on (repeatable)",
       "FROM/TO"},
      {"--reseller", &o.reseller, "Bought through a reseller: this SLA does not apply"},
      {"--explain", &o.explain, "Show the business time counted, day by day"},
      {"--format", &o.format, "Template with named fields, e.g. '{deadline}'", "TEMPLATE"},
  };
}

// How tickets are read: zones, time formats and words of help-desk exports.
std::vector<Spec> reading_options(Options& o) {
  return {
      {"--input-tz", &o.input_tz, "Read times without an offset in ZONE (default: the policy zone)",
       "ZONE"},
      {"--time-format", &o.time_format,
       "Also read times in this strftime-style format, e.g. '%d/%b/%y %I:%M %p'", "FMT"},
      {"--priority-map", &o.priority_map,
       "More priority words: WORD=PRIORITY,... (WORD= or -= for the default)", "MAP"},
      {"--tier-map", &o.tier_map, "More tier words: WORD=TIER,...", "MAP"},
  };
}

std::vector<Spec> state_options(Options& o) {
  return {
      {"--now", &o.now, "The moment to judge the ticket at (default: now)", "TIME"},
      {"--warn", &o.warn, "at_risk from this percentage of the target (default 75)", "PCT"},
  };
}

// The option names argv gives ("--tz" of "--tz=UTC", "-p" of "-pP1"), or every name when it
// asks for help, which lists them all.
class Named {
 public:
  Named(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
      const std::string_view arg = argv[i];
      if (arg == "--") break;
      if (arg == "-h" || arg == "--help") all_ = true;
      if (arg.size() < 2 || arg[0] != '-') continue;
      names_.emplace_back(arg[1] == '-' ? arg.substr(0, arg.find('=')) : arg.substr(0, 2));
    }
  }
  // Returns whether argv asks for help.
  bool help() const { return all_; }
  // Returns whether argv names one of `names` ("-s,--submitted"); a positional always.
  bool any(std::string_view names) const {
    if (all_ || names.empty() || names[0] != '-') return true;
    for (std::size_t at = 0; at <= names.size();) {
      std::size_t end = names.find(',', at);
      if (end == std::string_view::npos) end = names.size();
      const std::string_view name = names.substr(at, end - at);
      if (std::find(names_.begin(), names_.end(), name) != names_.end()) return true;
      at = end + 1;
    }
    return false;
  }

 private:
  std::vector<std::string_view> names_;
  bool all_ = false;
};

// Declares on `app` the options of `specs` that argv names: building a CLI11 option costs
// some 20,000 instructions, most of a single command's start-up, and an option argv does not
// name would only keep its default. Repeatable options take one value each time
// (allow_extra_args(false)): CLI11 lets a list option take every word after it, so that
// `--policy FILE tickets.csv` would read the tickets as a second policy.
void declare(CLI::App& app, const std::vector<Spec>& specs, const Named& named) {
  for (const Spec& spec : specs) {
    if (!named.any(spec.names)) continue;
    std::visit(
        [&](auto* target) {
          using T = std::remove_pointer_t<decltype(target)>;
          if constexpr (std::is_same_v<T, bool>) {
            app.add_flag(spec.names, *target, spec.help);
          } else {
            CLI::Option* option = app.add_option(spec.names, *target, spec.help);
            option->type_name(spec.value);
            if constexpr (std::is_same_v<T, std::vector<std::string>>) {
              if (spec.names[0] == '-') option->allow_extra_args(false);  // not files, years
            }
            if (std::string_view(spec.names) == "--color") {
              option->check(CLI::IsMember({"auto", "always", "never"}));
            }
          }
        },
        spec.target);
  }
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

// Declares the options of `command` on `app` that argv names. Only the command being run gets
// its options: building CLI11 options is most of sla's start-up time.
void add_options(CLI::App& app, const std::string& command, Options& o, const Named& named) {
  std::vector<Spec> specs;
  auto add = [&specs](std::vector<Spec> more) {
    specs.insert(specs.end(), more.begin(), more.end());
  };
  if (command == "due" || command == "check") add(ticket_options(o));
  if (command == "due" || command == "check" || command == "batch") add(reading_options(o));
  if (command == "check") {
    add(state_options(o));
    add({{"--responded", &o.responded, "When the first response was sent", "TIME"}});
  }
  if (command == "batch") {
    add({{"files", &o.inputs, "CSV files (- for standard input; default -)", "FILE"}});
    add(state_options(o));
    add({{"--only", &o.only, "Keep rows of these statuses (comma-separated)", "STATUS,..."},
         {"--summary", &o.summary, "Counts and compliance instead of rows"},
         {"--column", &o.columns,
          "Read FIELD from the column named HEADER: FIELD=HEADER (repeatable)", "FIELD=HEADER"},
         {"--delimiter", &o.delimiter,
          "Field separator: a character such as ';', or tab (default ',', tab for *.tsv)", "CHAR"},
         {"--format", &o.format, "Template with named fields per row", "TEMPLATE"}});
  }
  if (command == "policy") {
    add({{"--check", &o.check, "Validate policy files and exit 0 or 2 (repeatable)", "FILE"}});
  }
  if (command == "holidays") {
    add({{"years", &o.inputs, "Years (default: this year)", "YEAR"},
         {"--format", &o.format, "Template with named fields per holiday, e.g. '{date} {name}'",
          "TEMPLATE"},
         {"--calendar", &o.calendar, "The policy calendar whose holidays to list", "NAME"},
         {"--from", &o.from, "First date of a range", "DATE"},
         {"--to", &o.to, "Last date of a range", "DATE"}});
  }
  add(common_options(o));
  declare(app, specs, named);
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
  const int at = command_index(argc, argv);
  if (at > 1) std::rotate(args.begin() + 1, args.begin() + at, args.begin() + at + 1);
  argv = args.data();
  const bool worded = at > 0;  // argv names the command (now first), else it is due
  Options o;
  o.command = worded ? argv[1] : "due";
  CLI::App app{
      "Support SLA deadlines under a support policy: the built-in CodeSecure one, or "
      "--policy FILE.",
      "sla"};
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
  const Named named(argc, argv);
  // The help flag too: a command declared under it would build one of its own (12,000
  // instructions), and without "-h" or "--help" in argv neither is ever met.
  if (!named.help()) app.set_help_flag();
  // Like an option, only where argv names it or asks for help.
  if (named.any("--version")) app.set_version_flag("--version", std::string("sla ") + SLA_VERSION);
  // Only the command argv names is declared, as each costs some 18,000 instructions to build:
  // another command word after it is an unexpected argument all the same. Help lists them all,
  // and after "--" CLI11 still takes a command word, as it did when all were declared.
  const bool all = named.help() || std::any_of(argv + 1, argv + argc, [](const char* arg) {
                     return std::string_view(arg) == "--";
                   });
  for (const auto& [name, description] : kCommands) {
    if (!all && !(worded && o.command == name)) continue;
    CLI::App* sub = app.add_subcommand(name, description);
    if (o.command == name) add_options(*sub, o.command, o, named);
  }
  // Bare `sla` is `sla due`.
  if (o.command == "due" && !worded) add_options(app, "due", o, named);

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
