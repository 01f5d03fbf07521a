// A policy written back as a policy file (sla policy -o toml).
#include "policy_file.hpp"

#include <cstddef>

namespace sla {
namespace {

// Appends `value` as a TOML basic string.
void append_string(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += '"';
  for (char c : value) {
    auto b = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (b < 0x20 || b == 0x7f) {
      out += "\\u00";
      out += kHex[b >> 4];
      out += kHex[b & 0xf];
    } else {
      out += c;
    }
  }
  out += '"';
}

void append_strings(std::string& out, const std::vector<std::string>& values) {
  out += '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ", ";
    append_string(out, values[i]);
  }
  out += ']';
}

void key_string(std::string& out, std::string_view key, std::string_view value) {
  out.append(key).append(" = ");
  append_string(out, value);
  out += '\n';
}

void append_calendar(std::string& out, const Calendar& c) {
  out += "\n[calendars." + c.name + "]\n";
  key_string(out, "time_zone", c.time_zone);
  std::vector<std::string> holidays;
  for (const HolidaySource& h : c.holidays) holidays.push_back(h.name);
  out += "holidays = ";
  append_strings(out, holidays);
  out += '\n';
  if (c.day_given) {
    const auto s = c.day.count();
    key_string(out, "day", Duration{{0, s / 3600, s % 3600 / 60, s % 60}}.label());
  }
  if (c.always) {
    key_string(out, "hours", "24x7");
    return;
  }
  for (std::size_t d : {1UL, 2UL, 3UL, 4UL, 5UL, 6UL, 0UL}) {
    const auto& day = c.week.by_weekday[d];
    if (day.empty()) continue;
    std::vector<std::string> intervals;
    for (const OpenInterval& i : day) intervals.push_back(format_interval(i));
    out.append(kWeekdayKeys[d]).append(" = ");
    append_strings(out, intervals);
    out += '\n';
  }
}

}  // namespace

std::string policy_to_toml(const Policy& p) {
  std::string out;
  key_string(out, "name", p.name);
  if (p.effective) key_string(out, "effective", date::format("%F", *p.effective));
  key_string(out, "time_zone", p.time_zone);
  key_string(out, "default_priority", p.priorities[p.default_priority].id);
  key_string(out, "default_tier", p.tiers[p.default_tier].id);
  key_string(out, "default_calendar", p.calendars[p.default_calendar].name);
  key_string(out, "reclassification", reclassification_name(p.reclassification));
  out += p.reseller_covered ? "reseller_covered = true\n" : "reseller_covered = false\n";
  for (const Calendar& c : p.calendars) append_calendar(out, c);
  for (const PriorityLevel& level : p.priorities) {
    out += "\n[[priorities]]\n";
    key_string(out, "id", level.id);
    if (!level.name.empty()) key_string(out, "name", level.name);
    if (!level.aliases.empty()) {
      out += "aliases = ";
      append_strings(out, level.aliases);
      out += '\n';
    }
    if (!level.definition.empty()) key_string(out, "definition", level.definition);
    if (!level.follow_up.empty()) key_string(out, "follow_up", level.follow_up);
  }
  for (const Tier& tier : p.tiers) {
    out += "\n[[tiers]]\n";
    key_string(out, "id", tier.id);
    if (!tier.name.empty()) key_string(out, "name", tier.name);
    if (!tier.aliases.empty()) {
      out += "aliases = ";
      append_strings(out, tier.aliases);
      out += '\n';
    }
  }
  out += "\n[response]\n";
  for (std::size_t i = 0; i < p.priorities.size(); ++i) {
    out += p.priorities[i].id + " = { ";
    for (std::size_t t = 0; t < p.tiers.size(); ++t) {
      const ResponseCell& cell = p.cell(i, t);
      if (t > 0) out += ", ";
      out += p.tiers[t].id + " = ";
      if (cell.calendar) {
        out += "{ target = ";
        append_string(out, cell.target.label());
        out += ", calendar = ";
        append_string(out, p.calendars[*cell.calendar].name);
        out += " }";
      } else {
        append_string(out, cell.target.label());
      }
    }
    out += " }\n";
  }
  return out;
}

}  // namespace sla
