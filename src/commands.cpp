// The commands: each turns Options into values, asks the core, and writes the answer.
#include "commands.hpp"

#include "batch.hpp"
#include "business_clock.hpp"
#include "embedded.hpp"
#include "error.hpp"
#include "evaluate.hpp"
#include "fields.hpp"
#include "output_template.hpp"
#include "policy.hpp"
#include "report.hpp"
#include "system.hpp"
#include "time_text.hpp"

#include <charconv>
#include <cmath>
#include <memory>
#include <ostream>

namespace sla {
namespace {

enum class Output { kText, kJson, kJsonl, kCsv, kTsv };

Output parse_output(const std::string& text) {
  if (text == "text") return Output::kText;
  if (text == "json") return Output::kJson;
  if (text == "jsonl") return Output::kJsonl;
  if (text == "csv") return Output::kCsv;
  if (text == "tsv") return Output::kTsv;
  throw InputError("invalid --output " + quote(text) + "; expected text, json, jsonl, csv or tsv");
}

// Returns the union of the holiday sets named by --holidays (default: the policy's).
HolidaySet load_holidays(const Options& options, const Policy& policy) {
  std::vector<std::string> names = options.holidays;
  if (names.empty()) names.emplace_back(policy.default_holidays);
  HolidaySet set;
  for (const std::string& name : names) {
    std::string_view builtin = embedded_holiday_set(name);
    if (!builtin.empty()) {
      set.merge(HolidaySet::parse(builtin, name));
    } else {
      if (name.find('/') == std::string::npos && name.find('.') == std::string::npos) {
        // A bare word that is no built-in set is most likely a typo, not a file.
        throw InputError("invalid --holidays " + quote(name) + ": no such built-in set; expected " +
                         std::string(embedded_holiday_set_names()) +
                         " or a path to a holiday file (./NAME for a file here)");
      }
      set.merge(HolidaySet::parse(read_file(name, "--holidays"), name));
    }
  }
  return set;
}

std::string holidays_label(const Options& options, const Policy& policy) {
  if (options.holidays.empty()) return std::string(policy.default_holidays) + " (built in)";
  std::string out;
  for (const std::string& name : options.holidays) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// What every ticket command needs: the policy, its zone and clock, the display zone, now.
struct Context {
  explicit Context(const Options& options)
      : policy(builtin_policy()),
        policy_zone(load_zone(policy.time_zone, "policy time zone")),
        display(options.tz.empty() ? policy_zone : load_zone(options.tz, "--tz")),
        calendar(load_holidays(options, policy)),
        clock(policy.schedule(), policy_zone, calendar),
        now(current_time(policy_zone)),
        output(parse_output(options.output)) {}

  date::sys_seconds time(const std::optional<std::string>& text, std::string_view field) const {
    return parse_time(text ? *text : "now", policy_zone, now, field);
  }

  Policy policy;
  Zone policy_zone;
  Zone display;
  HolidayCalendar calendar;
  BusinessClock clock;
  date::sys_seconds now;
  Output output;
};

Ticket read_ticket(const Options& options, const Context& ctx) {
  Ticket t;
  t.submitted = ctx.time(options.submitted, "--submitted");
  if (options.priority) t.priority = parse_priority(*options.priority);
  if (options.tier) t.tier = parse_tier(*options.tier);
  if (options.responded) t.responded = ctx.time(options.responded, "--responded");
  return t;
}

double parse_warn(const std::optional<std::string>& text) {
  if (!text) return 75.0;
  double value = -1;
  const char* end = text->data() + text->size();
  auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || !(value >= 0 && value <= 100)) {
    throw InputError("invalid --warn " + quote(*text) + "; expected a percentage from 0 to 100");
  }
  return value;
}

void require_text_or_json(const Options& options, std::string_view command) {
  if (options.format) {
    throw InputError("--format does not apply to sla " + std::string(command) +
                     "; expected it with due, check or batch");
  }
  if (options.output != "text" && options.output != "json") {
    throw InputError("invalid --output " + quote(options.output) + " for sla " +
                     std::string(command) + "; expected text or json");
  }
}

std::string reseller_text(Output output) {
  constexpr std::string_view kMessage =
      "Support bought through a CodeSecure-authorized reseller is provided by the reseller under "
      "its own agreement: this SLA does not apply, and there is no deadline.";
  if (output == Output::kText) return std::string(kMessage) + "\n";
  std::string out = "{\"reseller\":true,\"sla_applies\":false,\"deadline\":null,\"message\":";
  append_json_string(out, kMessage);
  return out + "}\n";
}

// Writes one due/check result in the chosen output.
void write_result(const Options& options, const Context& ctx, const Result& r, bool check,
                  std::ostream& out) {
  Record record{check ? FieldSet::kCheck : FieldSet::kDue, &r, {}, 0, {}};
  std::string text;
  date::sys_seconds trace_end = r.deadline;
  if (check && r.check) trace_end = std::min(r.ticket.responded.value_or(r.check->now), r.deadline);
  std::vector<DayTrace> trace;
  if (options.explain) trace = ctx.clock.trace(r.ticket.submitted, trace_end);
  if (options.format) {
    OutputTemplate::parse(*options.format, record.set).append(text, record, ctx.display);
  } else if (ctx.output == Output::kText) {
    TextStyle style{&ctx.policy_zone, &ctx.display, color_wanted(options.color)};
    text = render_result_text(r, check, style);
    if (options.explain) text += "\n" + render_trace_text(trace, style);
  } else if (ctx.output == Output::kJson || ctx.output == Output::kJsonl) {
    append_json(text, record, ctx.display);
    if (options.explain) {
      text.pop_back();
      text += ",\"segments\":";
      append_trace_json(text, trace, ctx.display);
      text += '}';
    }
    text += '\n';
  } else {
    char sep = ctx.output == Output::kCsv ? ',' : '\t';
    append_header(text, record.set, sep);
    append_row(text, record, ctx.display, sep);
  }
  out << text;
}

int run_due(const Options& options, std::ostream& out) {
  Context ctx(options);
  if (options.format) OutputTemplate::parse(*options.format, FieldSet::kDue);
  Ticket ticket = read_ticket(options, ctx);
  if (options.reseller) {
    out << reseller_text(ctx.output);
    return 0;
  }
  // The state at now gives the text its relative phrase; JSON and CSV show due fields only.
  Result r = evaluate_check(ticket, ctx.policy, ctx.clock, ctx.now, 75.0);
  write_result(options, ctx, r, false, out);
  return 0;
}

int run_check(const Options& options, std::ostream& out) {
  Context ctx(options);
  if (options.format) OutputTemplate::parse(*options.format, FieldSet::kCheck);
  Ticket ticket = read_ticket(options, ctx);
  date::sys_seconds now = ctx.time(options.now, "--now");
  double warn = parse_warn(options.warn);
  if (options.reseller) {
    out << reseller_text(ctx.output);
    return 0;
  }
  Result r = evaluate_check(ticket, ctx.policy, ctx.clock, now, warn);
  write_result(options, ctx, r, true, out);
  Status s = r.check->status;
  return s == Status::kBreached || s == Status::kMissed ? 1 : 0;
}

int run_batch_command(const Options& options, std::istream& in, std::ostream& out,
                      std::ostream& err) {
  Context ctx(options);
  BatchSettings settings;
  settings.policy = &ctx.policy;
  settings.clock = &ctx.clock;
  settings.policy_zone = &ctx.policy_zone;
  settings.display = &ctx.display;
  settings.now = ctx.time(options.now, "--now");
  settings.warn_percent = parse_warn(options.warn);
  settings.only = options.only.value_or("");
  settings.summary = options.summary;
  switch (ctx.output) {
    case Output::kText:  // CSV is batch's default
    case Output::kCsv:
      settings.output = BatchOutput::kCsv;
      break;
    case Output::kTsv:
      settings.output = BatchOutput::kTsv;
      break;
    case Output::kJsonl:
      settings.output = BatchOutput::kJsonl;
      break;
    case Output::kJson:
      settings.output = BatchOutput::kJson;
      break;
  }
  std::optional<OutputTemplate> format;
  if (options.format) format = OutputTemplate::parse(*options.format, FieldSet::kBatch);
  settings.format = format ? &*format : nullptr;
  std::vector<std::string> inputs = options.inputs;
  if (inputs.empty()) inputs.emplace_back("-");
  return run_batch(inputs, settings, in, out, err);
}

int run_policy(const Options& options, std::ostream& out) {
  require_text_or_json(options, "policy");
  Policy policy = builtin_policy();
  (void)load_holidays(options, policy);  // a bad --holidays is still an error
  std::string label = holidays_label(options, policy);
  out << (options.output == "json" ? render_policy_json(policy, label) + "\n"
                                   : render_policy_text(policy, label));
  return 0;
}

int parse_year(const std::string& text) {
  int year = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, year);
  if (ec != std::errc() || ptr != end || text.size() != 4 || year < 1900) {
    throw InputError("invalid year " + quote(text) + "; expected a year from 1900 to 9999");
  }
  return year;
}

int run_holidays(const Options& options, std::ostream& out) {
  require_text_or_json(options, "holidays");
  Policy policy = builtin_policy();
  HolidaySet set = load_holidays(options, policy);
  std::vector<Holiday> list;
  if (options.from || options.to) {
    if (!options.from || !options.to || !options.inputs.empty()) {
      throw InputError(
          "--from and --to go together, without years; expected e.g. "
          "--from 2026-01-01 --to 2027-12-31");
    }
    Zone zone = load_zone(policy.time_zone, "policy time zone");
    date::sys_seconds now = current_time(zone);
    auto day = [&](const std::string& text, std::string_view field) {
      return date::floor<date::days>(zone.to_local(parse_time(text, zone, now, field)));
    };
    auto from = day(*options.from, "--from");
    auto to = day(*options.to, "--to");
    if (to < from) {
      throw InputError("invalid --to " + quote(*options.to) + ": before --from " +
                       quote(*options.from) + "; expected a date on or after it");
    }
    int first = static_cast<int>(date::year_month_day{from}.year());
    int last = static_cast<int>(date::year_month_day{to}.year());
    for (int y = first; y <= last; ++y) {
      for (const Holiday& h : set.observed_in(date::year{y})) {
        auto d = date::local_days{h.observed_on.time_since_epoch()};
        if (d >= from && d <= to) list.push_back(h);
      }
    }
  } else {
    std::vector<int> years;
    for (const std::string& text : options.inputs) years.push_back(parse_year(text));
    if (years.empty()) {
      Zone zone = load_zone(policy.time_zone, "policy time zone");
      auto today = date::floor<date::days>(zone.to_local(current_time(zone)));
      years.push_back(static_cast<int>(date::year_month_day{today}.year()));
    }
    for (int y : years) {
      for (const Holiday& h : set.observed_in(date::year{y})) list.push_back(h);
    }
  }
  out << (options.output == "json" ? render_holidays_json(list) + "\n"
                                   : render_holidays_text(list));
  return 0;
}

}  // namespace

int run_command(const Options& options, std::istream& in, std::ostream& out, std::ostream& err) {
  if (options.command == "check") return run_check(options, out);
  if (options.command == "batch") return run_batch_command(options, in, out, err);
  if (options.command == "policy") return run_policy(options, out);
  if (options.command == "holidays") return run_holidays(options, out);
  return run_due(options, out);
}

}  // namespace sla
