// Writes the built-in policy and holiday sets as C++ that builds their values, for
// builtin_policy.hpp: the TOML and the holiday files are parsed here, at build time, by the same
// parsers as any policy or holiday file.
// Usage: sla_builtin_policy_gen POLICY.toml OUT.cpp
#include "embedded.hpp"
#include "error.hpp"
#include "holidays.hpp"
#include "policy_file.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace sla {
namespace {

// Returns `text` as a C++ string literal: printable ASCII as is, every other byte as a
// three-digit octal escape (which, unlike \x, cannot swallow the character after it).
std::string literal(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?') {
      out += ch;
    } else {
      out += fmt::format("\\{:03o}", c);
    }
  }
  return out + "\"";
}

std::string strings(const std::vector<std::string>& list) {
  std::string out = "{";
  for (const std::string& s : list) out += (out.size() > 1 ? ", " : "") + literal(s);
  return out + "}";
}

std::string place(SourcePlace p) {
  return fmt::format("SourcePlace{{{}, {}}}", p.line, p.column);
}

std::string write(const Policy& p) {
  std::string out =
      "// Generated at build time from policies/codesecure.toml and holidays/ by\n"
      "// sla_builtin_policy_gen.\n"
      "#include \"builtin_policy.hpp\"\n\n#include <vector>\n\nnamespace sla {\n\n"
      "Policy builtin_policy() {\n"
      "  Policy p;\n";
  out += fmt::format("  p.name = {};\n", literal(p.name));
  if (p.effective) {
    out += fmt::format("  p.effective = date::local_days{{date::days{{{}}}}};\n",
                       p.effective->time_since_epoch().count());
  }
  out += fmt::format("  p.time_zone = {};\n  p.time_zone_place = {};\n", literal(p.time_zone),
                     place(p.time_zone_place));
  out += fmt::format(
      "  p.default_priority = {};\n  p.default_tier = {};\n  p.default_calendar = {};\n"
      "  p.default_calendar_given = {};\n",
      p.default_priority, p.default_tier, p.default_calendar, p.default_calendar_given);
  out += fmt::format(
      "  p.reclassification = Reclassification::{};\n",
      p.reclassification == Reclassification::kFromChange ? "kFromChange" : "kFromSubmission");
  out += fmt::format("  p.reseller_covered = {};\n", p.reseller_covered);
  for (const PriorityLevel& l : p.priorities) {
    out += fmt::format("  p.priorities.push_back({{{}, {}, {}, {}, {}}});\n", literal(l.id),
                       literal(l.name), strings(l.aliases), literal(l.definition),
                       literal(l.follow_up));
  }
  for (const Tier& t : p.tiers) {
    out += fmt::format("  p.tiers.push_back({{{}, {}, {}}});\n", literal(t.id), literal(t.name),
                       strings(t.aliases));
  }
  for (const Calendar& c : p.calendars) {
    out += "  {\n    Calendar c;\n";
    out += fmt::format("    c.name = {};\n    c.time_zone = {};\n    c.time_zone_place = {};\n",
                       literal(c.name), literal(c.time_zone), place(c.time_zone_place));
    out += fmt::format("    c.always = {};\n", c.always);
    for (std::size_t d = 0; d < 7; ++d) {
      for (const OpenInterval& i : c.week.by_weekday[d]) {
        out += fmt::format(
            "    c.week.by_weekday[{}].push_back({{std::chrono::seconds{{{}}}, "
            "std::chrono::seconds{{{}}}}});\n",
            d, i.open.count(), i.close.count());
      }
    }
    out += fmt::format("    c.day = std::chrono::seconds{{{}}};\n    c.day_given = {};\n",
                       c.day.count(), c.day_given);
    for (const HolidaySource& h : c.holidays) {
      out +=
          fmt::format("    c.holidays.push_back({{{}, {}}});\n", literal(h.name), place(h.place));
    }
    out += "    p.calendars.push_back(std::move(c));\n  }\n";
  }
  for (const ResponseCell& cell : p.cells) {
    const auto& parts = cell.target.parts;
    out += fmt::format("  p.cells.push_back({{Duration{{{{{}, {}, {}, {}}}}}, ", parts[0], parts[1],
                       parts[2], parts[3]);
    out += cell.calendar ? fmt::format("std::size_t{{{}}}}});\n", *cell.calendar)
                         : std::string("std::nullopt});\n");
  }
  return out + "  return p;\n}\n\n";
}

// Returns builtin_holiday_set for the sets `names`, each parsed from its embedded text.
std::string write_sets(const std::vector<std::string>& names) {
  std::string out =
      "std::optional<HolidaySet> builtin_holiday_set(std::string_view name) {\n"
      "  using Kind = HolidayRule::Kind;\n";
  for (const std::string& name : names) {
    const HolidaySet set = HolidaySet::parse(embedded_holiday_set(name), name);
    out += fmt::format("  if (name == {}) {{\n    std::vector<HolidayRule> r;\n", literal(name));
    for (const HolidayRule& h : set.rules()) {
      const char* kind = h.kind == HolidayRule::Kind::kFixed  ? "kFixed"
                         : h.kind == HolidayRule::Kind::kOnce ? "kOnce"
                                                              : "kNthWeekday";
      const std::string closed =
          h.closed ? fmt::format(
                         "OpenInterval{{std::chrono::seconds{{{}}}, std::chrono::seconds{{{}}}}}",
                         h.closed->open.count(), h.closed->close.count())
                   : std::string("std::nullopt");
      out += fmt::format(
          "    r.push_back({{Kind::{}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}}});\n", kind,
          h.month, h.day, h.year, h.nth, h.weekday, h.offset, h.observed, h.from_year, h.until_year,
          closed, literal(h.name));
    }
    out += "    return HolidaySet::of_rules(std::move(r));\n  }\n";
  }
  return out + "  return std::nullopt;\n}\n\n}  // namespace sla\n";
}

}  // namespace
}  // namespace sla

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: sla_builtin_policy_gen POLICY.toml OUT.cpp\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  try {
    std::vector<std::string> sets;
    const std::string_view names = sla::embedded_holiday_set_names();
    for (std::size_t at = 0; at < names.size();) {
      std::size_t end = names.find(',', at);
      if (end == std::string_view::npos) end = names.size();
      sets.emplace_back(names.substr(at, end - at));
      at = end + 1;
      while (at < names.size() && names[at] == ' ') ++at;
    }
    const std::string code =
        sla::write(sla::parse_policy(text.str(), "codesecure.toml")) + sla::write_sets(sets);
    std::ofstream out(argv[2], std::ios::binary);
    out << code;
    if (!out.flush()) {
      std::cerr << "sla_builtin_policy_gen: cannot write " << argv[2] << "\n";
      return 1;
    }
  } catch (const sla::InputError& e) {
    std::cerr << "sla_builtin_policy_gen: error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
