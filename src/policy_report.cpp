// `sla policy`: the response table, the priorities and the calendars, as text and JSON.
#include "policy_report.hpp"

#include "json_text.hpp"
#include "time_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace sla {
namespace {

constexpr std::array<std::string_view, 7> kDayNames = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};

void line(std::string& out, std::string_view label, std::string_view value) {
  out += fmt::format("{:<13}{}\n", label, value);
}

std::string pad(std::string_view text, std::size_t width) {
  std::string out(text);
  // Padding counts code points, so that a name with an accent keeps the columns.
  std::size_t shown = 0;
  for (char c : out) shown += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  if (shown < width) out.append(width - shown, ' ');
  return out;
}

std::string capitalized(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

std::string cell_label(const Policy& p, const ResponseCell& cell) {
  std::string out = cell.target.label();
  if (cell.calendar) out += " (" + p.calendars[*cell.calendar].name + ")";
  return out;
}

// "1d = 9 business hours", or "1d = 7h 30m of business time".
std::string day_words(const Calendar& c) {
  auto s = c.day.count();
  if (s % 3600 == 0) {
    return fmt::format("1d = {} business hour{}", s / 3600, s == 3600 ? "" : "s");
  }
  return "1d = " + format_duration(c.day, c.day) + " of business time";
}

// "Mon–Fri 09:00–18:00": weekdays with the same hours grouped, Monday first.
std::string week_words(const WeeklySchedule& week) {
  static constexpr std::array<std::size_t, 7> kOrder = {1, 2, 3, 4, 5, 6, 0};
  std::vector<std::string> groups;
  for (std::size_t i = 0; i < kOrder.size();) {
    const auto& hours = week.by_weekday[kOrder[i]];
    std::size_t j = i + 1;
    while (j < kOrder.size() && week.by_weekday[kOrder[j]] == hours) ++j;
    if (!hours.empty()) {
      std::string group(kDayNames[kOrder[i]]);
      if (j - i > 1) group += "\u2013" + std::string(kDayNames[kOrder[j - 1]]);
      for (std::size_t k = 0; k < hours.size(); ++k) {
        group += (k == 0 ? " " : ", ") + format_interval(hours[k], "\u2013");
      }
      groups.push_back(group);
    }
    i = j;
  }
  std::string out;
  for (const std::string& g : groups) out += (out.empty() ? "" : "; ") + g;
  return out;
}

std::string calendar_words(const Policy& p, const Calendar& c, const std::string& holidays) {
  std::string out = c.always ? "every day, all day (24x7)" : week_words(c.week);
  if (holidays != "none") out += ", except holidays";
  if (c.time_zone != p.time_zone) out += ", " + c.time_zone + " time";
  return out + " (" + day_words(c) + ")";
}

void append_json_strings(std::string& out, const std::vector<std::string>& values) {
  out += '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, values[i]);
  }
  out += ']';
}

// The keys a priority's JSON object has besides one per tier.
bool reserved_key(std::string_view id) {
  for (std::string_view key : {"priority", "name", "definition", "follow_up", "aliases"}) {
    if (id == key) return true;
  }
  return id.size() > 17 && id.substr(id.size() - 17) == "_business_seconds";
}

void append_calendar_json(std::string& out, const Calendar& c, const std::string& holidays) {
  out += "{\"name\":";
  append_json_string(out, c.name);
  out += ",\"time_zone\":";
  append_json_string(out, c.time_zone);
  out += ",\"hours\":";
  if (c.always) {
    out += "\"24x7\"";
  } else {
    out += '{';
    bool first = true;
    for (std::size_t d : {1UL, 2UL, 3UL, 4UL, 5UL, 6UL, 0UL}) {
      if (!first) out += ',';
      first = false;
      std::vector<std::string> intervals;
      for (const OpenInterval& i : c.week.by_weekday[d]) intervals.push_back(format_interval(i));
      out += fmt::format("\"{}\":", kWeekdayKeys[d]);
      append_json_strings(out, intervals);
    }
    out += '}';
  }
  out += fmt::format(",\"day_seconds\":{},\"holidays\":", c.day.count());
  std::vector<std::string> names;
  for (const HolidaySource& h : c.holidays) names.push_back(h.name);
  append_json_strings(out, names);
  out += ",\"holidays_in_use\":";
  append_json_string(out, holidays);
  out += '}';
}

// The default calendar's hours in the shape of one interval on every open day, or null.
void append_business_hours(std::string& out, const Calendar& c) {
  std::vector<std::string> days;
  const OpenInterval* same = nullptr;
  for (std::size_t d : {1UL, 2UL, 3UL, 4UL, 5UL, 6UL, 0UL}) {
    const auto& hours = c.week.by_weekday[d];
    if (hours.empty()) continue;
    if (hours.size() != 1 || (same != nullptr && !(hours[0] == *same))) {
      out += "null";
      return;
    }
    same = &hours[0];
    days.emplace_back(kDayNames[d]);
  }
  out += "{\"days\":";
  append_json_strings(out, days);
  out += fmt::format(",\"open\":\"{}\",\"close\":\"{}\"}}", format_wall_time(same->open),
                     format_wall_time(same->close));
}

}  // namespace

std::string render_policy_text(const Policy& p, const std::vector<std::string>& holidays) {
  std::string out = p.name + "\n\n";
  std::size_t id_width = std::string_view("Priority").size(), name_width = 0;
  for (const PriorityLevel& level : p.priorities) {
    id_width = std::max(id_width, level.id.size());
    name_width = std::max(name_width, level.name.size());
  }
  std::vector<std::size_t> tier_width;
  for (std::size_t t = 0; t < p.tiers.size(); ++t) {
    std::size_t w = p.tiers[t].id.size();
    for (std::size_t i = 0; i < p.priorities.size(); ++i) {
      w = std::max(w, cell_label(p, p.cell(i, t)).size());
    }
    tier_width.push_back(std::max<std::size_t>(10, w + 2));
  }
  out += pad("Priority", id_width + 2) + pad("Name", std::max<std::size_t>(name_width, 4) + 2);
  for (std::size_t t = 0; t < p.tiers.size(); ++t) {
    out += pad(capitalized(p.tiers[t].id), tier_width[t]);
  }
  out += "Follow-up\n";
  for (std::size_t i = 0; i < p.priorities.size(); ++i) {
    const PriorityLevel& level = p.priorities[i];
    out += pad(level.id, id_width + 2) + pad(level.name, std::max<std::size_t>(name_width, 4) + 2);
    for (std::size_t t = 0; t < p.tiers.size(); ++t) {
      out += pad(cell_label(p, p.cell(i, t)), tier_width[t]);
    }
    out += level.follow_up;
    while (out.back() == ' ') out.pop_back();
    out += '\n';
  }
  out += "\nPriorities\n";
  std::size_t short_id = 0;
  for (const PriorityLevel& level : p.priorities) short_id = std::max(short_id, level.id.size());
  for (const PriorityLevel& level : p.priorities) {
    std::string entry = "  " + pad(level.id, short_id) + " " + pad(level.name, name_width + 1);
    if (!level.definition.empty()) entry += " " + level.definition;
    while (!entry.empty() && entry.back() == ' ') entry.pop_back();
    out += entry + "\n";
  }
  out += "\n";
  if (p.effective) line(out, "Effective", "from " + date::format("%F", *p.effective));
  const bool several = p.calendars.size() > 1;
  std::string holiday_text;
  for (std::size_t c = 0; c < p.calendars.size(); ++c) {
    const Calendar& calendar = p.calendars[c];
    std::string prefix = several ? calendar.name + ": " : "";
    line(out, c == 0 ? "Hours" : "", prefix + calendar_words(p, calendar, holidays[c]));
    holiday_text += (c == 0 ? "" : "; ") + prefix + holidays[c];
  }
  line(out, "Time zone", p.time_zone);
  line(out, "Holidays", holiday_text);
  const PriorityLevel& priority = p.priorities[p.default_priority];
  std::string defaults = "priority " + priority.id +
                         (priority.name.empty() ? "" : " (" + priority.name + ")") + ", tier " +
                         p.tiers[p.default_tier].id;
  if (several) defaults += ", calendar " + p.calendars[p.default_calendar].name;
  line(out, "Defaults", defaults);
  if (p.reclassification == Reclassification::kFromChange) {
    line(out, "Reclassified", "a new priority's target counts from the reclassification");
  }
  line(out, "Resellers",
       p.reseller_covered ? "tickets bought through a reseller are covered like any other"
                          : "tickets bought through a reseller are not covered by this SLA");
  return out;
}

std::string render_policy_json(const Policy& p, const std::vector<std::string>& holidays) {
  std::string out = "{\"name\":";
  append_json_string(out, p.name);
  out += ",\"priorities\":[";
  for (std::size_t i = 0; i < p.priorities.size(); ++i) {
    const PriorityLevel& level = p.priorities[i];
    if (i > 0) out += ',';
    out += "{\"priority\":";
    append_json_string(out, level.id);
    out += ",\"name\":";
    append_json_string(out, level.name);
    out += ",\"definition\":";
    append_json_string(out, level.definition);
    for (std::size_t t = 0; t < p.tiers.size(); ++t) {
      const ResponseCell& cell = p.cell(i, t);
      const std::string& id = p.tiers[t].id;
      if (reserved_key(id)) continue;  // the response list below has every cell
      out += ",";
      append_json_string(out, id);
      out += ":";
      append_json_string(out, cell.target.label());
      out += ",";
      append_json_string(out, id + "_business_seconds");
      out += fmt::format(":{}", cell.target.on(p.calendars[p.calendar_of(cell)].day).count());
    }
    out += ",\"follow_up\":";
    append_json_string(out, level.follow_up);
    out += ",\"aliases\":";
    append_json_strings(out, level.aliases);
    out += '}';
  }
  const Calendar& main = p.calendars[p.default_calendar];
  out += "],\"business_hours\":";
  append_business_hours(out, main);
  out += fmt::format(",\"business_day_seconds\":{},\"time_zone\":", main.day.count());
  append_json_string(out, p.time_zone);
  out += ",\"holidays\":";
  append_json_string(out, holidays[p.default_calendar]);
  out += ",\"default_priority\":";
  append_json_string(out, p.priorities[p.default_priority].id);
  out += ",\"default_tier\":";
  append_json_string(out, p.tiers[p.default_tier].id);
  out += p.reseller_covered ? ",\"reseller_covered\":true" : ",\"reseller_covered\":false";
  out += ",\"effective\":";
  if (p.effective) {
    append_json_string(out, date::format("%F", *p.effective));
  } else {
    out += "null";
  }
  out += ",\"reclassification\":";
  append_json_string(out, reclassification_name(p.reclassification));
  out += ",\"default_calendar\":";
  append_json_string(out, main.name);
  out += ",\"tiers\":[";
  for (std::size_t t = 0; t < p.tiers.size(); ++t) {
    if (t > 0) out += ',';
    out += "{\"id\":";
    append_json_string(out, p.tiers[t].id);
    out += ",\"name\":";
    append_json_string(out, p.tiers[t].name);
    out += ",\"aliases\":";
    append_json_strings(out, p.tiers[t].aliases);
    out += '}';
  }
  out += "],\"calendars\":[";
  for (std::size_t c = 0; c < p.calendars.size(); ++c) {
    if (c > 0) out += ',';
    append_calendar_json(out, p.calendars[c], holidays[c]);
  }
  out += "],\"response\":[";
  for (std::size_t i = 0; i < p.priorities.size(); ++i) {
    for (std::size_t t = 0; t < p.tiers.size(); ++t) {
      const ResponseCell& cell = p.cell(i, t);
      const Calendar& calendar = p.calendars[p.calendar_of(cell)];
      if (i + t > 0) out += ',';
      out += "{\"priority\":";
      append_json_string(out, p.priorities[i].id);
      out += ",\"tier\":";
      append_json_string(out, p.tiers[t].id);
      out += ",\"target\":";
      append_json_string(out, cell.target.label());
      out += fmt::format(",\"business_seconds\":{},\"calendar\":",
                         cell.target.on(calendar.day).count());
      append_json_string(out, calendar.name);
      out += '}';
    }
  }
  return out + "]}";
}

}  // namespace sla
