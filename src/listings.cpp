// The listing commands: sla policy (text, JSON, TOML, --check) and sla holidays.
#include "commands.hpp"

#include "context.hpp"
#include "error.hpp"
#include "holiday_listing.hpp"
#include "output_template.hpp"
#include "policy_file.hpp"
#include "policy_report.hpp"
#include "record_writer.hpp"
#include "report.hpp"
#include "system.hpp"
#include "time_text.hpp"

#include <charconv>
#include <ostream>

namespace sla {
namespace {

void refuse_format(const Options& options, std::string_view command) {
  if (options.format) {
    throw InputError("--format does not apply to sla " + std::string(command) +
                     "; expected it with due, check or batch");
  }
}

// Returns the version in force at ctx.now, or the earliest if now precedes them all.
std::size_t current_version(const Context& ctx) {
  return ctx.engine.version_at(ctx.now).value_or(0);
}

// Returns "1 tier", "2 tiers", "3 priorities".
std::string count(std::size_t n, std::string_view noun) {
  std::string out = std::to_string(n) + " " + std::string(noun);
  if (n == 1) return out;
  if (noun.back() == 'y') return out.substr(0, out.size() - 1) + "ies";
  return out + "s";
}

// Checks each file as a policy of its own; returns 0 if all are good, else 2.
int check_files(const Options& options, std::ostream& out, std::ostream& err) {
  int status = 0;
  for (const std::string& path : options.check) {
    try {
      SystemResources resources;
      EngineSetup setup;
      setup.policies.push_back({read_file(path, "--check"), path, false});
      Engine engine(setup, resources);
      const Policy& p = engine.policy(0);
      out << path << ": ok (" << p.name << ": " << count(p.priorities.size(), "priority") << ", "
          << count(p.tiers.size(), "tier") << ", " << count(p.calendars.size(), "calendar")
          << ")\n";
    } catch (const InputError& e) {
      err << "sla: error: " << e.what() << "\n";
      status = 2;
    }
  }
  return status;
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

// The holidays the command lists: --holidays, else those of the policy's calendar in force.
HolidaySet listed_set(const Options& options, const Context& ctx, std::size_t version) {
  if (!options.holidays.empty()) {
    SystemResources resources;
    return Engine::holiday_sets(options.holidays, resources);
  }
  const Policy& p = ctx.engine.policy(version);
  std::size_t calendar = p.default_calendar;
  if (options.calendar) calendar = parse_calendar(p, *options.calendar, "--calendar");
  return ctx.engine.clock(version, calendar).holidays().set();
}

}  // namespace

int run_policy(const Options& options, std::ostream& out, std::ostream& err) {
  refuse_format(options, "policy");
  if (!options.check.empty()) return check_files(options, out, err);
  Context ctx(options);
  const Output output = parse_output(options.output, "text, json or toml");
  const std::size_t v = current_version(ctx);
  const Policy& p = ctx.engine.policy(v);
  if (output == Output::kToml) {
    out << policy_to_toml(p);
    return 0;
  }
  std::vector<std::string> holidays;
  for (std::size_t c = 0; c < p.calendars.size(); ++c) {
    holidays.push_back(ctx.engine.holidays_label(v, c));
  }
  if (output == Output::kJson) {
    out << render_policy_json(p, holidays) << "\n";
    return 0;
  }
  out << render_policy_text(p, holidays);
  if (ctx.engine.versions() > 1) {
    std::string versions;
    for (std::size_t i = 0; i < ctx.engine.versions(); ++i) {
      const Policy& other = ctx.engine.policy(i);
      if (!versions.empty()) versions += ", ";
      versions += (other.effective ? "from " + date::format("%F", *other.effective)
                                   : std::string("always")) +
                  " (" + ctx.engine.source(i) + (i == v ? ", shown" : "") + ")";
    }
    out << "Versions     " << versions << "\n";
  }
  return 0;
}

// Writes the listing in the output the options ask for.
void write_holidays(const Options& options, const std::vector<Holiday>& list, std::ostream& out) {
  const Output output = parse_output(options.output, "text, json, jsonl, csv or tsv");
  std::string text;
  if (options.format) {
    const auto& names = holiday_field_names();
    const OutputTemplate t = OutputTemplate::parse(*options.format, names, [](FieldSink& sink) {
      HolidayRule rule;
      rule.closed = OpenInterval{};
      visit_holiday(Holiday{date::sys_days{}, date::sys_days{}, &rule}, sink);
    });
    for (const Holiday& h : list) t.append(text, [&h](FieldSink& sink) { visit_holiday(h, sink); });
  } else if (output == Output::kText) {
    text = render_holidays_text(list);
  } else if (output == Output::kJson) {
    text = render_holidays_json(list) + "\n";
  } else if (output == Output::kJsonl) {
    for (const Holiday& h : list) {
      append_json(text, [&h](FieldSink& sink) { visit_holiday(h, sink, false); });
      text += '\n';
    }
  } else {
    const char sep = output == Output::kCsv ? ',' : '\t';
    append_header(text, holiday_field_names(), sep);
    for (const Holiday& h : list) {
      append_row(
          text, [&h](FieldSink& sink) { visit_holiday(h, sink); }, sep);
    }
  }
  out << text;
}

int run_holidays(const Options& options, std::ostream& out) {
  Context ctx(options);
  if (options.format) parse_output(options.output, "text, json, jsonl, csv or tsv");
  const Zone& zone = ctx.engine.policy_zone(current_version(ctx));
  const HolidaySet set = listed_set(options, ctx, current_version(ctx));
  std::vector<Holiday> list;
  if (options.from || options.to) {
    if (!options.from || !options.to || !options.inputs.empty()) {
      throw InputError(
          "--from and --to go together, without years; expected e.g. "
          "--from 2026-01-01 --to 2027-12-31");
    }
    auto day = [&](const std::string& text, std::string_view field) {
      return date::floor<date::days>(zone.to_local(parse_time(text, zone, ctx.now, field)));
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
      auto today = date::floor<date::days>(zone.to_local(ctx.now));
      years.push_back(static_cast<int>(date::year_month_day{today}.year()));
    }
    for (int y : years) {
      for (const Holiday& h : set.observed_in(date::year{y})) list.push_back(h);
    }
  }
  write_holidays(options, list, out);
  return 0;
}

}  // namespace sla
