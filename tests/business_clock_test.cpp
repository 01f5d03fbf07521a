// Tests of the business-hours clock, checked against an independent minute-by-minute walk.
#include "business_clock.hpp"

#include "clock_compare.hpp"
#include "holidays.hpp"
#include "reference_model.hpp"
#include "test_support.hpp"
#include "time_text.hpp"
#include "zone.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace sla {
namespace {

using test::new_york;
using test::ny;
using test::us_federal;
using Seconds = std::chrono::seconds;

constexpr Seconds kHour{3600};

Seconds hours(std::int64_t h) {
  return Seconds{h * 3600};
}

WeeklySchedule policy_schedule() {
  return WeeklySchedule::weekdays(hours(9), hours(18));
}

BusinessClock policy_clock() {
  return BusinessClock{policy_schedule(), new_york(), us_federal()};
}

std::string show(std::optional<date::sys_seconds> t, const Zone& zone = new_york()) {
  return t ? format_time(*t, zone) : std::string{"nullopt"};
}

testing::AssertionResult same_time(std::optional<date::sys_seconds> got,
                                   std::optional<date::sys_seconds> want) {
  if (got == want) return testing::AssertionSuccess();
  return testing::AssertionFailure() << "got " << show(got) << ", want " << show(want);
}

// ---------------------------------------------------------------------------------------------
// The brute force (tests/reference_model): it shares nothing with the clock but the zone: its
// own holiday rules, its own week, and a walk over every open minute of every local day.

using BruteWeek = reference::Week;
using reference::FederalHolidays;
using test::Submissions;

BruteWeek brute_weekdays() {
  return reference::weekdays_9_to_18();
}

// Compares the clock with the brute force under the federal holidays, on the usual targets.
int compare_with_brute(const BusinessClock& clock, const BruteWeek& week, Submissions& subs,
                       int samples) {
  FederalHolidays holidays;
  return test::compare_with_brute(clock, week, holidays, subs, samples);
}

// ---------------------------------------------------------------------------------------------
// 1. The examples of SPEC section 2.

TEST(BusinessClock, SpecExamples) {
  auto clock = policy_clock();
  EXPECT_TRUE(
      same_time(clock.deadline(ny(2026, 11, 25, 16, 30), hours(2)), ny(2026, 11, 27, 9, 30)));
  EXPECT_TRUE(
      same_time(clock.deadline(ny(2026, 11, 23, 10, 0), hours(18)), ny(2026, 11, 25, 10, 0)));
  EXPECT_TRUE(
      same_time(clock.deadline(ny(2026, 11, 28, 12, 0), hours(9)), ny(2026, 11, 30, 18, 0)));
  auto summer = clock.deadline(ny(2040, 7, 2, 12, 0), hours(2));
  EXPECT_TRUE(same_time(summer, ny(2040, 7, 2, 14, 0)));
  EXPECT_EQ(show(summer), "2040-07-02T14:00:00-04:00");
  EXPECT_EQ(show(clock.deadline(ny(2026, 11, 25, 16, 30), hours(2))), "2026-11-27T09:30:00-05:00");
}

TEST(BusinessClock, WeekdaysSchedule) {
  auto schedule = policy_schedule();
  EXPECT_TRUE(schedule.by_weekday[0].empty());
  EXPECT_TRUE(schedule.by_weekday[6].empty());
  for (std::size_t d = 1; d <= 5; ++d) {
    ASSERT_EQ(schedule.by_weekday[d].size(), 1U);
    EXPECT_EQ(schedule.by_weekday[d][0].open.count(), 9 * 3600);
    EXPECT_EQ(schedule.by_weekday[d][0].close.count(), 18 * 3600);
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Randomized comparison with the brute force.

TEST(BusinessClock, BruteForceHolidaysAgreeWithCalendar) {
  // The brute force's own rules must say what the built-in file says, or the comparison
  // below would test the holiday file rather than the clock.
  FederalHolidays mine;
  int disagreements = 0;
  for (date::local_days d{date::year{1900} / 1 / 1}; d <= date::local_days{kLastDay};
       d += date::days{1}) {
    if (mine.is_holiday(d) != us_federal().is_holiday(d) && ++disagreements <= 10) {
      ADD_FAILURE() << "holiday disagreement on " << date::year_month_day{d};
    }
  }
  EXPECT_EQ(disagreements, 0);
}

TEST(BusinessClock, RandomizedAgainstBruteForce) {
  auto clock = policy_clock();
  Submissions subs{new_york(), 1900, 2200, 20261125};
  constexpr int kSamples = SLA_SANITIZED ? 20000 : 100000;
  int mismatches = compare_with_brute(clock, brute_weekdays(), subs, kSamples);
  RecordProperty("samples", kSamples);
  RecordProperty("mismatches", mismatches);
  EXPECT_EQ(mismatches, 0) << "of " << kSamples << " samples";
}

TEST(BusinessClock, RandomizedSplitAndWeekendHours) {
  // Several intervals a day, Saturday mornings, and Sunday open all day (24:00 close).
  WeeklySchedule schedule;
  BruteWeek week;
  for (std::size_t d = 1; d <= 5; ++d) {
    schedule.by_weekday[d] = {{hours(8), hours(12)}, {hours(13), hours(17) + Seconds{1800}}};
    week[d] = {{8 * 60, 12 * 60}, {13 * 60, 17 * 60 + 30}};
  }
  schedule.by_weekday[6] = {{hours(10), hours(14)}};
  week[6] = {{10 * 60, 14 * 60}};
  schedule.by_weekday[0] = {{hours(0), hours(24)}};
  week[0] = {{0, 24 * 60}};
  BusinessClock clock{schedule, new_york(), us_federal()};
  Submissions subs{new_york(), 1990, 2100, 7, true};
  EXPECT_EQ(compare_with_brute(clock, week, subs, 20000), 0);
}

// ---------------------------------------------------------------------------------------------
// 3. A zone whose clocks change inside business hours.

TEST(BusinessClock, TransitionAtNoonOnOpenDays) {
  auto zone = Zone::from_posix("X", "XST5XDT,M3.2.0/12,M11.1.0/12");
  WeeklySchedule every_day;
  BruteWeek week;
  for (std::size_t d = 0; d < 7; ++d) {
    every_day.by_weekday[d] = {{hours(9), hours(18)}};
    week[d] = {{9 * 60, 18 * 60}};
  }
  BusinessClock clock{every_day, zone, us_federal()};
  auto at = [&zone](int y, unsigned m, unsigned d, int h, int min = 0) {
    return zone.from_local_lenient(date::local_days{date::year{y} / date::month{m} / date::day{d}} +
                                   std::chrono::hours{h} + std::chrono::minutes{min});
  };
  // Spring forward on Sun 2026-03-08 at noon: the day holds 8 real hours.
  EXPECT_EQ(clock.elapsed(at(2026, 3, 8, 0), at(2026, 3, 9, 0)).count(), hours(8).count());
  EXPECT_TRUE(same_time(clock.deadline(at(2026, 3, 8, 9), hours(9)), at(2026, 3, 9, 10)));
  EXPECT_TRUE(same_time(clock.deadline(at(2026, 3, 8, 11), hours(2)), at(2026, 3, 8, 14)));
  // Fall back on Sun 2026-11-01 at noon: 10 real hours; 9 h from 09:00 ends at 17:00.
  EXPECT_EQ(clock.elapsed(at(2026, 11, 1, 0), at(2026, 11, 2, 0)).count(), hours(10).count());
  EXPECT_TRUE(same_time(clock.deadline(at(2026, 11, 1, 9), hours(9)), at(2026, 11, 1, 17)));
  EXPECT_TRUE(same_time(clock.deadline(at(2026, 11, 1, 11), hours(2)), at(2026, 11, 1, 12)));

  Submissions subs{zone, 1990, 2100, 42, true};
  EXPECT_EQ(compare_with_brute(clock, week, subs, 20000), 0);
}

TEST(BusinessClock, TransitionAtNoonOnWednesdays) {
  // The same rule on Wednesdays, under the ordinary weekday schedule.
  auto wednesday = Zone::from_posix("W", "WST5WDT,M3.2.3/12,M11.1.3/12");
  BusinessClock weekdays{policy_schedule(), wednesday, us_federal()};
  Submissions subs{wednesday, 1990, 2100, 43, true};
  EXPECT_EQ(compare_with_brute(weekdays, brute_weekdays(), subs, 20000), 0);
  // Wed 2026-03-11 and Wed 2026-11-04 are the transition days.
  auto wat = [&wednesday](int y, unsigned m, unsigned d, int h) {
    return wednesday.from_local_lenient(
        date::local_days{date::year{y} / date::month{m} / date::day{d}} + std::chrono::hours{h});
  };
  EXPECT_EQ(weekdays.elapsed(wat(2026, 3, 11, 0), wat(2026, 3, 12, 0)).count(), hours(8).count());
  EXPECT_EQ(weekdays.elapsed(wat(2026, 11, 4, 0), wat(2026, 11, 5, 0)).count(), hours(10).count());
  EXPECT_EQ(weekdays.elapsed(wat(2026, 3, 9, 0), wat(2026, 3, 16, 0)).count(), hours(44).count());
  EXPECT_EQ(weekdays.elapsed(wat(2026, 11, 2, 0), wat(2026, 11, 9, 0)).count(), hours(46).count());
}

// Clocks that fall back across midnight (St. John's did, at 00:01, until 2011): an instant just
// after the change shows Saturday again, while Sunday's hours, begun at its first midnight, run.
TEST(BusinessClock, FallBackAcrossMidnight) {
  auto zone = Zone::from_posix("N", "NST3:30NDT,M3.2.0/0:01,M11.1.0/0:01");
  WeeklySchedule sundays;
  sundays.by_weekday[0] = {{hours(0), hours(2)}};
  BusinessClock clock{sundays, zone, us_federal()};
  const auto sunday = date::local_days{date::year{2026} / 11 / 1};
  const auto first_midnight = zone.from_local_lenient(date::local_seconds{sunday});
  EXPECT_EQ(format_utc(first_midnight), "2026-11-01T02:30:00Z");
  const auto after = first_midnight + std::chrono::minutes{11};  // shows Sat 23:10 NST
  EXPECT_EQ(date::floor<date::days>(zone.to_local(after)), sunday - date::days{1});
  const auto saturday_noon = zone.from_local_lenient(sunday - date::days{1} + hours(12));
  EXPECT_EQ(clock.elapsed(saturday_noon, after), std::chrono::minutes{11});
  EXPECT_EQ(clock.trace(saturday_noon, after).back().counted, std::chrono::minutes{11});
  // 00:00-02:00 on the wall holds three real hours that night.
  EXPECT_EQ(clock.elapsed(saturday_noon, saturday_noon + std::chrono::hours{48}), hours(3));
}

TEST(BusinessClock, TransitionWeeksAcrossManyYears) {
  // Week and year jumps must see the transition weeks: compare whole years with a sum of days.
  auto wednesday = Zone::from_posix("W", "WST5WDT,M3.2.3/12,M11.1.3/12");
  BusinessClock clock{policy_schedule(), wednesday, us_federal()};
  for (int y : {1950, 2026, 2100, 9998}) {
    auto jan1 = date::local_days{date::year{y} / 1 / 1};
    Seconds by_days{0};
    for (auto d = jan1; d < date::local_days{date::year{y + 1} / 1 / 1}; d += date::days{1}) {
      by_days +=
          clock.elapsed(wednesday.from_local_lenient(date::local_seconds{d}),
                        wednesday.from_local_lenient(date::local_seconds{d + date::days{1}}));
    }
    auto whole = clock.elapsed(wednesday.from_local_lenient(date::local_seconds{jan1}),
                               wednesday.from_local_lenient(date::local_seconds{
                                   date::local_days{date::year{y + 2} / 1 / 1}}));
    auto second =
        clock.elapsed(wednesday.from_local_lenient(
                          date::local_seconds{date::local_days{date::year{y + 1} / 1 / 1}}),
                      wednesday.from_local_lenient(
                          date::local_seconds{date::local_days{date::year{y + 2} / 1 / 1}}));
    EXPECT_EQ((whole - second).count(), by_days.count()) << y;
  }
}

// Three days of summer time a year: both changes can fall in one week, whose ends then have
// the same offset although its open hours lost one (the change back is at night). A year
// between two others is counted a week at a time: each must match a sum of its days.
TEST(BusinessClock, WeeksWithTwoChangesOfOffset) {
  auto zone = Zone::from_posix("T", "TST5TDT,J70/12,J73/3");
  BusinessClock clock{policy_schedule(), zone, us_federal()};
  auto at = [&zone](int y) {
    return zone.from_local_lenient(date::local_seconds{date::local_days{date::year{y} / 1 / 1}});
  };
  int lost = 0;  // years whose summer began on an open day
  for (int y = 2020; y < 2034; ++y) {
    Seconds by_days{0};
    for (auto d = date::local_days{date::year{y} / 1 / 1};
         d < date::local_days{date::year{y + 1} / 1 / 1}; d += date::days{1}) {
      by_days += clock.elapsed(zone.from_local_lenient(date::local_seconds{d}),
                               zone.from_local_lenient(date::local_seconds{d + date::days{1}}));
    }
    if (by_days.count() % 3600 == 0 && by_days.count() / 3600 % 9 != 0) ++lost;
    // y whole, between the years either side.
    const BusinessClock fresh{policy_schedule(), zone, us_federal()};
    const Seconds whole = fresh.elapsed(at(y - 1), at(y + 2));
    EXPECT_EQ(
        (whole - fresh.elapsed(at(y - 1), at(y)) - fresh.elapsed(at(y + 1), at(y + 2))).count(),
        by_days.count())
        << y;
  }
  EXPECT_GT(lost, 0);
}

// ---------------------------------------------------------------------------------------------
// 4. Edge cases.

// due() is clock_start() and deadline() from one walk: they must agree everywhere, including
// targets long enough to jump whole weeks and years, and a zero target.
TEST(BusinessClock, DueAgreesWithClockStartAndDeadline) {
  const BusinessClock clock{policy_schedule(), new_york(), us_federal()};
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<long long> when(test::ny(1900, 1, 2).time_since_epoch().count(),
                                                test::ny(9990, 1, 1).time_since_epoch().count());
  const std::chrono::seconds targets[] = {std::chrono::seconds{0}, std::chrono::hours{2},
                                          std::chrono::hours{27}, std::chrono::hours{9 * 400}};
  for (int i = 0; i < 20000; ++i) {
    date::sys_seconds start{std::chrono::seconds{when(rng)}};
    for (auto target : targets) {
      auto due = clock.due(start, target);
      ASSERT_TRUE(due.has_value());
      EXPECT_EQ(due->clock_start, *clock.clock_start(start)) << start.time_since_epoch().count();
      EXPECT_EQ(due->deadline, *clock.deadline(start, target)) << start.time_since_epoch().count();
    }
  }
  EXPECT_FALSE(clock.due(test::ny(9999, 12, 30, 17, 0), std::chrono::hours{2}).has_value());
}

TEST(BusinessClock, TargetUsedUpAtClosing) {
  auto clock = policy_clock();
  EXPECT_TRUE(same_time(clock.deadline(ny(2026, 11, 23, 9), hours(9)), ny(2026, 11, 23, 18)));
  EXPECT_TRUE(same_time(clock.deadline(ny(2026, 11, 23, 16), hours(2)), ny(2026, 11, 23, 18)));
  EXPECT_TRUE(same_time(clock.deadline(ny(2026, 11, 23, 9), hours(18)), ny(2026, 11, 24, 18)));
  EXPECT_TRUE(same_time(clock.deadline(ny(2026, 11, 23, 16), hours(2) + Seconds{1}),
                        ny(2026, 11, 24, 9, 0, 1)));
}

TEST(BusinessClock, StartAtTheEdgesOfTheDay) {
  auto clock = policy_clock();
  auto mon9 = ny(2026, 11, 23, 9);
  EXPECT_TRUE(same_time(clock.deadline(mon9, hours(2)), ny(2026, 11, 23, 11)));
  EXPECT_TRUE(same_time(clock.clock_start(mon9), mon9));
  auto mon18 = ny(2026, 11, 23, 18);
  EXPECT_TRUE(same_time(clock.clock_start(mon18), ny(2026, 11, 24, 9)));
  EXPECT_TRUE(same_time(clock.deadline(mon18, hours(2)), ny(2026, 11, 24, 11)));
  EXPECT_EQ(clock.elapsed(mon18, ny(2026, 11, 24, 9)).count(), 0);
  auto last_second = ny(2026, 11, 23, 17, 59, 59);
  EXPECT_TRUE(same_time(clock.clock_start(last_second), last_second));
  EXPECT_TRUE(same_time(clock.deadline(last_second, hours(2)), ny(2026, 11, 24, 10, 59, 59)));
  EXPECT_TRUE(same_time(clock.deadline(last_second, Seconds{1}), mon18));
  EXPECT_EQ(clock.elapsed(last_second, mon18).count(), 1);
  EXPECT_TRUE(same_time(clock.clock_start(ny(2026, 11, 23, 8, 59, 59)), mon9));
  EXPECT_TRUE(same_time(clock.deadline(mon9, Seconds{0}), mon9));
  EXPECT_TRUE(same_time(clock.deadline(ny(2026, 11, 28, 12), Seconds{0}), ny(2026, 11, 28, 12)));
  EXPECT_EQ(clock.elapsed(mon9, mon9).count(), 0);
  EXPECT_EQ(clock.elapsed(mon18, mon9).count(), 0);
}

TEST(BusinessClock, HolidaysOnMondayAndFriday) {
  auto clock = policy_clock();
  // Memorial Day, Mon 2026-05-25.
  EXPECT_TRUE(same_time(clock.deadline(ny(2026, 5, 22, 17), hours(2)), ny(2026, 5, 26, 10)));
  EXPECT_TRUE(same_time(clock.clock_start(ny(2026, 5, 23, 12)), ny(2026, 5, 26, 9)));
  // Independence Day falls on Saturday 2026-07-04: observed Fri 2026-07-03.
  EXPECT_TRUE(same_time(clock.deadline(ny(2026, 7, 2, 17), hours(2)), ny(2026, 7, 6, 10)));
  EXPECT_EQ(clock.elapsed(ny(2026, 7, 2, 17), ny(2026, 7, 6, 10)).count(), hours(2).count());
  // New Year's Day 2022 on a Saturday: observed Fri 2021-12-31, across the year boundary.
  EXPECT_TRUE(same_time(clock.deadline(ny(2021, 12, 30, 17), hours(9)), ny(2022, 1, 3, 17)));
}

TEST(BusinessClock, NearTheLastDay) {
  auto clock = policy_clock();
  // 10000-01-01 is a Saturday, so New Year's Day is observed on Fri 9999-12-31.
  EXPECT_TRUE(same_time(clock.deadline(ny(9999, 12, 30, 16), hours(2)), ny(9999, 12, 30, 18)));
  EXPECT_TRUE(same_time(clock.deadline(ny(9999, 12, 30, 17), hours(2)), std::nullopt));
  EXPECT_TRUE(same_time(clock.deadline(ny(9999, 12, 29, 9), hours(27)), std::nullopt));
  EXPECT_TRUE(same_time(clock.deadline(ny(9999, 12, 28, 9), hours(27)), ny(9999, 12, 30, 18)));
  EXPECT_TRUE(same_time(clock.clock_start(ny(9999, 12, 30, 18)), std::nullopt));
  EXPECT_TRUE(same_time(clock.deadline(ny(2026, 1, 1), hours(9 * 365 * 9000)), std::nullopt));
  EXPECT_EQ(clock.elapsed(ny(9999, 12, 30, 17), ny(9999, 12, 31, 23, 59, 59)).count(),
            kHour.count());
}

// Targets as long as a caller can pass find no deadline, and a target either side of the
// clock's walk of days finds the same one from due() and deadline().
TEST(BusinessClock, HugeTargetsFindNoDeadline) {
  const BusinessClock clock{policy_schedule(), new_york(), us_federal()};
  const date::sys_seconds start = ny(2026, 11, 25, 16, 30);
  for (const Seconds target : {Seconds::max(), Seconds{INT64_MAX / 2}, hours(9) * 3'000'000}) {
    EXPECT_FALSE(clock.deadline(start, target).has_value()) << target.count();
    EXPECT_FALSE(clock.due(start, target).has_value()) << target.count();
  }
  WeeklySchedule always;
  for (auto& day : always.by_weekday) day = {{hours(0), hours(24)}};
  const BusinessClock open{always, new_york(), us_federal()};
  for (std::int64_t days = 60; days <= 70; ++days) {
    const Seconds target = hours(24) * days;
    const auto due = open.due(start, target);
    ASSERT_TRUE(due.has_value()) << days;
    EXPECT_EQ(due->deadline, *open.deadline(start, target)) << days;
    EXPECT_EQ(open.elapsed(start, due->deadline), target) << days;
  }
}

TEST(BusinessClock, EmptyScheduleNeverOpens) {
  BusinessClock clock{WeeklySchedule{}, new_york(), us_federal()};
  EXPECT_TRUE(same_time(clock.deadline(ny(2026, 11, 23, 10), hours(2)), std::nullopt));
  EXPECT_TRUE(same_time(clock.clock_start(ny(1900, 1, 1)), std::nullopt));
  EXPECT_EQ(clock.elapsed(ny(1900, 1, 1), ny(9999, 12, 31)).count(), 0);
  EXPECT_TRUE(same_time(clock.deadline(ny(2026, 11, 23, 10), Seconds{0}), ny(2026, 11, 23, 10)));
}

std::string every_day_closed() {
  std::string text = "# every day of the year\n";
  for (date::local_days d{date::year{2000} / 1 / 1}; d < date::local_days{date::year{2001} / 1 / 1};
       d += date::days{1}) {
    date::year_month_day ymd{d};
    char line[32];
    std::snprintf(line, sizeof line, "%02u-%02u | | Closed\n", static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    text += line;
  }
  return text;
}

TEST(BusinessClock, CalendarClosingEveryDay) {
  HolidayCalendar closed{HolidaySet::parse(every_day_closed(), "every-day")};
  BusinessClock clock{policy_schedule(), new_york(), closed};
  EXPECT_TRUE(same_time(clock.deadline(ny(2026, 11, 23, 10), hours(2)), std::nullopt));
  EXPECT_TRUE(same_time(clock.deadline(ny(1900, 1, 1), hours(27)), std::nullopt));
  EXPECT_TRUE(same_time(clock.clock_start(ny(1960, 2, 29, 12)), std::nullopt));
  EXPECT_EQ(clock.elapsed(ny(1900, 1, 1), ny(9999, 12, 31, 23, 59, 59)).count(), 0);
  auto trace = clock.trace(ny(2026, 11, 27), ny(2026, 11, 30, 12));
  ASSERT_EQ(trace.size(), 4U);
  EXPECT_EQ(trace[0].kind, DayTrace::Kind::kHoliday);
  EXPECT_EQ(trace[0].holiday, "Closed");
  EXPECT_EQ(trace[1].kind, DayTrace::Kind::kWeekend);
}

TEST(BusinessClock, EveryDayClosedUntilTheRulesChange) {
  // Closed every day until 2099, then the federal holidays alone: the deadline is found past
  // a century of closed years, and a change of rules stops the skipping in time.
  std::string text = every_day_closed();
  std::string limited;
  for (std::size_t at = 0, nl; (nl = text.find('\n', at)) != std::string::npos; at = nl + 1) {
    auto line = text.substr(at, nl - at);
    auto bar = line.find("| |");
    limited += bar == std::string::npos ? line : line.replace(bar, 3, "| until 2099 |");
    limited += '\n';
  }
  auto set = HolidaySet::parse(limited, "until-2099");
  set.merge(us_federal().set());
  HolidayCalendar calendar{set};
  BusinessClock clock{policy_schedule(), new_york(), calendar};
  // 2100-01-01 is a Friday, but New Year's Day; Mon 2100-01-04 is the first open day.
  EXPECT_TRUE(same_time(clock.deadline(ny(1950, 6, 1), hours(2)), ny(2100, 1, 4, 11)));
  EXPECT_TRUE(same_time(clock.clock_start(ny(1900, 1, 1)), ny(2100, 1, 4, 9)));
  EXPECT_EQ(clock.elapsed(ny(1900, 1, 1), ny(2100, 1, 4, 11)).count(), hours(2).count());
}

TEST(BusinessClock, LongSpansMatchACountOfOpenDays) {
  // New York has changed its clocks only outside business hours since 1900, so each open
  // day holds 9 hours.
  auto clock = policy_clock();
  FederalHolidays holidays;
  auto open_days = [&holidays](date::local_days first, date::local_days end) {
    std::int64_t n = 0;
    for (auto d = first; d < end; d += date::days{1}) {
      auto wd = date::weekday{d};
      if (wd != date::Saturday && wd != date::Sunday && !holidays.is_holiday(d)) ++n;
    }
    return n;
  };
  auto day = [](int y, unsigned m, unsigned d) {
    return date::local_days{date::year{y} / date::month{m} / date::day{d}};
  };
  EXPECT_EQ(clock.elapsed(ny(1990, 1, 1), ny(2026, 6, 15)).count(),
            (hours(9) * open_days(day(1990, 1, 1), day(2026, 6, 15))).count());
  EXPECT_EQ(clock.elapsed(ny(1900, 1, 1), ny(9999, 12, 31, 23, 59, 59)).count(),
            (hours(9) * open_days(day(1900, 1, 1), day(10000, 1, 1))).count());
  EXPECT_EQ(clock.elapsed(ny(1937, 3, 17, 12, 34, 56), ny(8123, 8, 9, 10, 11, 12)).count(),
            (hours(9) * open_days(day(1937, 3, 18), day(8123, 8, 9)) +
             Seconds{5 * 3600 + 25 * 60 + 4} + Seconds{3600 + 11 * 60 + 12})
                .count());
}

// A clock keeps what it worked out for the last two ends it measured to: spans to an end asked
// again, between others, count what a clock asked once counts.
TEST(BusinessClock, ElapsedToAnEndAskedAgainAsToOneAskedOnce) {
  auto clock = policy_clock();
  Submissions subs{new_york(), 1990, 2040, 5};
  const std::array<date::sys_seconds, 3> ends = {subs.next(), subs.next(), subs.next()};
  std::mt19937_64 rng(17);
  for (int i = 0; i < 3000; ++i) {
    const date::sys_seconds to = rng() % 4 == 0 ? subs.next() : ends[rng() % ends.size()];
    const date::sys_seconds from = subs.next();
    const auto fresh = policy_clock();
    ASSERT_EQ(clock.elapsed(from, to), fresh.elapsed(from, to))
        << format_utc(from) << " to " << format_utc(to);
  }
}

TEST(BusinessClock, LongTargetsStayConsistent) {
  auto clock = policy_clock();
  Submissions subs{new_york(), 1900, 2200, 99};
  for (int i = 0; i < 2000; ++i) {
    auto start = subs.next();
    Seconds target{subs.pick(1, std::int64_t{9} * 3600 * 250 * 300)};
    auto end = clock.deadline(start, target);
    ASSERT_TRUE(end.has_value()) << format_utc(start) << " + " << target.count();
    EXPECT_EQ(clock.elapsed(start, *end).count(), target.count())
        << format_utc(start) << " + " << target.count();
    EXPECT_LT(clock.elapsed(start, *end - Seconds{1}), target) << format_utc(start);
  }
}

TEST(BusinessClock, TraceOverThanksgiving) {
  auto clock = policy_clock();
  auto start = ny(2026, 11, 25, 16, 30);
  auto end = clock.deadline(start, hours(27));
  ASSERT_TRUE(same_time(end, ny(2026, 12, 1, 16, 30)));
  auto trace = clock.trace(start, *end);
  ASSERT_EQ(trace.size(), 7U);
  using Kind = DayTrace::Kind;
  auto day = [](unsigned m, unsigned d) {
    return date::local_days{date::year{2026} / date::month{m} / date::day{d}};
  };
  const std::array<std::pair<date::local_days, Kind>, 7> want{{{day(11, 25), Kind::kCounted},
                                                               {day(11, 26), Kind::kHoliday},
                                                               {day(11, 27), Kind::kCounted},
                                                               {day(11, 28), Kind::kWeekend},
                                                               {day(11, 29), Kind::kWeekend},
                                                               {day(11, 30), Kind::kCounted},
                                                               {day(12, 1), Kind::kCounted}}};
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(date::year_month_day{trace[i].day}, date::year_month_day{want[i].first}) << i;
    EXPECT_EQ(trace[i].kind, want[i].second) << i;
  }
  EXPECT_EQ(trace[1].holiday, "Thanksgiving Day");
  EXPECT_TRUE(same_time(trace[0].begin, start));
  EXPECT_TRUE(same_time(trace[0].end, ny(2026, 11, 25, 18)));
  EXPECT_EQ(trace[0].counted.count(), 5400);
  EXPECT_EQ(trace[1].running_total.count(), 5400);
  EXPECT_TRUE(same_time(trace[2].begin, ny(2026, 11, 27, 9)));
  EXPECT_EQ(trace[2].running_total.count(), (Seconds{5400} + hours(9)).count());
  EXPECT_EQ(trace[5].running_total.count(), (Seconds{5400} + hours(18)).count());
  EXPECT_TRUE(same_time(trace[6].end, end));
  EXPECT_EQ(trace[6].counted.count(), Seconds{7 * 3600 + 1800}.count());
  EXPECT_EQ(trace[6].running_total.count(), hours(27).count());
}

TEST(BusinessClock, TraceLeavesOutOpenDaysWithNothingCounted) {
  auto clock = policy_clock();
  // From Monday evening to Tuesday before opening: nothing counted, no closed day.
  EXPECT_TRUE(clock.trace(ny(2026, 11, 23, 19), ny(2026, 11, 24, 8)).empty());
  auto trace = clock.trace(ny(2026, 11, 23, 19), ny(2026, 11, 24, 10));
  ASSERT_EQ(trace.size(), 1U);
  EXPECT_EQ(trace[0].counted.count(), kHour.count());
  EXPECT_TRUE(clock.trace(ny(2026, 11, 24, 10), ny(2026, 11, 23, 19)).empty());
}

}  // namespace
}  // namespace sla
