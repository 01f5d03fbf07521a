// The support policy as a value: priorities, tiers, calendars and the response targets.
#pragma once

#include "duration.hpp"
#include "schedule.hpp"

#include <date/date.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sla {

// Where a value stood in its policy file, for errors found after parsing (a zone or holiday
// set that cannot be loaded). Line and column count from 1; 0 when not from a file.
struct SourcePlace {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// How a reclassified ticket's target is measured (SPEC section 8).
enum class Reclassification { kFromSubmission, kFromChange };

// Returns "from_submission" or "from_change".
std::string_view reclassification_name(Reclassification r);

// One priority: its id ("P1"), what people call it, and what it means.
struct PriorityLevel {
  std::string id;
  std::string name;
  std::vector<std::string> aliases;  // trimmed, as written
  std::string definition;
  std::string follow_up;
};

// One support tier.
struct Tier {
  std::string id;
  std::string name;
  std::vector<std::string> aliases;
};

// A holiday set a calendar lists: a built-in name or a path relative to the policy file.
struct HolidaySource {
  std::string name;
  SourcePlace place;
};

// Business hours: a weekly schedule in a zone, with holidays, and the length of its "1d".
struct Calendar {
  std::string name;
  std::string time_zone;  // IANA name; the policy's unless the file gives one
  SourcePlace time_zone_place;
  bool always = false;  // hours = "24x7"
  WeeklySchedule week;
  std::chrono::seconds day{0};  // what "1d" means on this calendar
  bool day_given = false;       // false: derived from the week
  std::vector<HolidaySource> holidays;
};

// A first-response target of one priority and tier, and the calendar it runs on.
struct ResponseCell {
  Duration target;
  std::optional<std::size_t> calendar;  // index into calendars; none: the default calendar
};

// A support policy: one version of it, in force from `effective`.
struct Policy {
  std::string name;
  std::optional<date::local_days> effective;  // first day (policy zone); none: always
  std::string time_zone;
  SourcePlace time_zone_place;
  std::size_t default_priority = 0;  // indexes into the lists below
  std::size_t default_tier = 0;
  std::size_t default_calendar = 0;
  bool default_calendar_given = false;
  Reclassification reclassification = Reclassification::kFromSubmission;
  bool reseller_covered = false;
  std::vector<PriorityLevel> priorities;  // the most urgent first
  std::vector<Tier> tiers;
  std::vector<Calendar> calendars;
  std::vector<ResponseCell> cells;  // priorities.size() x tiers.size(), by priority then tier

  // Returns the cell of priority `p` and tier `t`. REQUIRES: both in range.
  const ResponseCell& cell(std::size_t p, std::size_t t) const {
    return cells[p * tiers.size() + t];
  }
  // Returns the calendar a cell runs on.
  std::size_t calendar_of(const ResponseCell& c) const {
    return c.calendar.value_or(default_calendar);
  }

  // Returns the priority `text` names (its id or an alias, in any case), or nullopt.
  std::optional<std::size_t> find_priority(std::string_view text) const;
  // Returns the tier `text` names, as find_priority does.
  std::optional<std::size_t> find_tier(std::string_view text) const;
  // Returns the calendar named `text` (any case), or nullopt.
  std::optional<std::size_t> find_calendar(std::string_view text) const;

  // Return the accepted words for error messages: "P1..P4, or a name such as urgent or low".
  std::string priority_words() const;
  std::string tier_words() const;
  std::string calendar_words() const;
};

// Returns the priority `text` names under `policy`; `field` names the option or column.
// Throws InputError quoting `text` and listing what is accepted.
std::size_t parse_priority(const Policy& policy, std::string_view text,
                           std::string_view field = "priority");

// Returns the tier `text` names; throws InputError as parse_priority does.
std::size_t parse_tier(const Policy& policy, std::string_view text,
                       std::string_view field = "tier");

// Returns the calendar `text` names; throws InputError as parse_priority does.
std::size_t parse_calendar(const Policy& policy, std::string_view text,
                           std::string_view field = "calendar");

// Returns `a` and `b` compared as ASCII letters of either case.
bool equals_ignoring_case(std::string_view a, std::string_view b);

}  // namespace sla
