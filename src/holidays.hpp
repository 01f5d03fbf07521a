// Holiday rules: the file format of SPEC section 3, expansion to observed dates, lookup by day.
#pragma once

#include "schedule.hpp"

#include <date/date.h>

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sla {

// One rule line: which date each year (or once), the years it applies to, how it is observed.
struct HolidayRule {
  enum class Kind { kFixed, kOnce, kNthWeekday };
  Kind kind = Kind::kFixed;
  unsigned month = 1;                  // 1..12
  unsigned day = 1;                    // kFixed, kOnce: 1..31
  int year = 0;                        // kOnce
  int nth = 1;                         // kNthWeekday: 1..5, or -1 for "last"
  unsigned weekday = 1;                // kNthWeekday: 0 = Sunday .. 6 = Saturday
  int offset = 0;                      // kNthWeekday: days after (+) or before (-) the nth weekday
  bool observed = false;               // Saturday -> Friday before, Sunday -> Monday after
  int from_year = -32767;              // inclusive, years of the rule's own date
  int until_year = 32767;              // inclusive
  std::optional<OpenInterval> closed;  // "closed HH:MM-HH:MM": only this part of the day
  std::string name;
};

// A holiday as it falls: the day it is observed, and the rule's own date.
struct Holiday {
  date::sys_days observed_on;  // a local calendar day, held as days since 1970-01-01
  date::sys_days actual;       // the rule's date; differs from observed_on when shifted
  const HolidayRule* rule;     // valid while the HolidaySet lives
  bool shifted() const { return observed_on != actual; }
};

// A set of holiday rules: parsed from one or more files, merged by union.
class HolidaySet {
 public:
  // Parses holiday-file text (SPEC section 3). `source` names the file in errors.
  // Throws InputError naming source, line and column of the first malformed line.
  static HolidaySet parse(std::string_view text, std::string_view source);

  // Returns the set of `rules`, in order, as parse gives them: for sets compiled at build time.
  static HolidaySet of_rules(std::vector<HolidayRule> rules);

  // Adds all of `other`'s rules to this set (union; an identical rule is kept once).
  void merge(const HolidaySet& other);

  const std::vector<HolidayRule>& rules() const { return rules_; }

  // Returns the holidays observed in year `y` (observed_on within y), sorted by date then
  // rule order. Includes a holiday whose rule date falls in y+1 or y-1 but is observed in y
  // (New Year's Day 2022 is observed on 2021-12-31).
  std::vector<Holiday> observed_in(date::year y) const;

 private:
  // Removes every rule identical to an earlier one, keeping the order of the rest.
  static void remove_duplicates(std::vector<HolidayRule>& rules);

  std::vector<HolidayRule> rules_;
};

// What the holidays of one day close: the whole day, or parts of it.
struct Closure {
  std::string names;                 // " / "-joined when several rules fall on the day
  bool whole_day = true;             // false: only `closed` is closed
  std::vector<OpenInterval> closed;  // sorted and merged wall-clock intervals
};

// Answers "is this local day a holiday, and which" quickly for any day in 1900..9999.
// Expands each year once, on first use, and keeps it (the cache is the only mutable state).
class HolidayCalendar {
 public:
  explicit HolidayCalendar(HolidaySet set);

  // Returns what the holidays observed on `day` close, or null if none falls on it. A part-day
  // closure on a day that also has a whole-day holiday closes the whole day. Valid while the
  // calendar lives.
  const Closure* closure_on(date::local_days day) const;

  // Returns the name(s) of the holiday(s) observed on `day`, whole-day or part-day, or an
  // empty view if none. Valid while the calendar lives.
  std::string_view holiday_on(date::local_days day) const {
    const Closure* c = closure_on(day);
    return c == nullptr ? std::string_view{} : std::string_view{c->names};
  }

  // Returns true if a holiday, whole-day or part-day, is observed on `day`.
  bool is_holiday(date::local_days day) const { return closure_on(day) != nullptr; }

  // Returns true if the holidays of `day` close all of it.
  bool closes_whole_day(date::local_days day) const {
    const Closure* c = closure_on(day);
    return c != nullptr && c->whole_day;
  }

  const HolidaySet& set() const { return set_; }

 private:
  // Returns where year y's 366 entries start in days_, expanding the year on first use.
  // REQUIRES: 1900 <= y <= 9999.
  std::uint32_t expand(int y) const;

  HolidaySet set_;
  // The cache. Not safe to share between threads: looking up a new year writes it.
  // By y - first_year_, over the years used so far only (zeroing all of 1900..9999 cost a single
  // command 32,000 instructions): where the year starts in days_, plus one; 0 until used.
  mutable std::vector<std::uint32_t> year_start_;
  mutable int first_year_ = 0;
  mutable std::vector<std::uint32_t>
      days_;                              // by day of year: 0 = none, else 1 + index in closures_
  mutable std::deque<Closure> closures_;  // a deque keeps the pointers closure_on returns valid
  mutable date::local_days last_year_begin_{};  // the year looked up last: [begin, end) and
  mutable date::local_days last_year_end_{};    // where its entries start in days_
  mutable std::uint32_t last_year_start_ = 0;
};

}  // namespace sla
