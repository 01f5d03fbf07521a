// Deadlines around every US Eastern daylight-saving change from 1970 to 2199, against the
// reference model's own offsets, holidays and minute walk (no sla::Zone in the expectations).
#include "business_clock.hpp"
#include "evaluate.hpp"
#include "policy.hpp"
#include "reference_model.hpp"
#include "test_support.hpp"
#include "ticket.hpp"
#include "time_text.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sla {
namespace {

namespace ref = reference;
using Seconds = std::chrono::seconds;

constexpr int kFirstYear = 1970;
constexpr int kLastYear = 2199;

// SPEC section 1 in business hours: {standard, premium} by priority.
constexpr std::array<std::array<std::int64_t, 2>, 4> kTargetHours{
    {{{9, 2}}, {{9, 2}}, {{18, 9}}, {{27, 18}}}};
// The distinct targets, ascending, for the model's walk.
const std::vector<Seconds> kWalkTargets{Seconds{2 * 3600}, Seconds{9 * 3600}, Seconds{18 * 3600},
                                        Seconds{27 * 3600}};

std::size_t walk_index(std::int64_t hours) {
  for (std::size_t i = 0; i < kWalkTargets.size(); ++i) {
    if (kWalkTargets[i] == Seconds{hours * 3600}) return i;
  }
  return kWalkTargets.size();
}

// Prints `t` as ISO 8601 with the model's US Eastern offset, as sla prints times.
std::string model_time(date::sys_seconds t) {
  const Seconds offset = ref::eastern_offset(t);
  const auto local = date::local_seconds{(t + offset).time_since_epoch()};
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<Seconds> hms{local - day};
  const auto west = offset.count() < 0;
  const auto minutes = static_cast<int>((west ? -offset.count() : offset.count()) / 60);
  char text[96];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                west ? '-' : '+', minutes / 60, minutes % 60);
  return text;
}

date::local_days local_day(date::sys_seconds t) {
  return date::floor<date::days>(ref::EasternWallClock{}.to_local(t));
}

TEST(DstSweep, ModelTransitionsAreTheKnownOnes) {
  // Dates from the US rules' history, written out: the model must say them.
  const std::array<std::pair<int, std::array<const char*, 2>>, 8> known{{
      {1970, {"1970-04-26T03:00:00-04:00", "1970-10-25T01:00:00-05:00"}},
      {1974, {"1974-01-06T03:00:00-04:00", "1974-10-27T01:00:00-05:00"}},
      {1975, {"1975-02-23T03:00:00-04:00", "1975-10-26T01:00:00-05:00"}},
      {1986, {"1986-04-27T03:00:00-04:00", "1986-10-26T01:00:00-05:00"}},
      {1987, {"1987-04-05T03:00:00-04:00", "1987-10-25T01:00:00-05:00"}},
      {2006, {"2006-04-02T03:00:00-04:00", "2006-10-29T01:00:00-05:00"}},
      {2007, {"2007-03-11T03:00:00-04:00", "2007-11-04T01:00:00-05:00"}},
      {2026, {"2026-03-08T03:00:00-04:00", "2026-11-01T01:00:00-05:00"}},
  }};
  for (const auto& [year, want] : known) {
    auto [spring, fall] = ref::eastern_transitions(year);
    EXPECT_EQ(model_time(spring), want[0]);
    EXPECT_EQ(model_time(fall), want[1]);
    EXPECT_EQ(model_time(spring - Seconds{1}).substr(11), "01:59:59-05:00") << year;
    EXPECT_EQ(model_time(fall - Seconds{1}).substr(11), "01:59:59-04:00") << year;
  }
  // Wall times: the skipped hour maps to the jump, the repeated hour to its first pass.
  const ref::EasternWallClock wall;
  const auto sunday = date::local_days{date::year{2026} / 3 / 8};
  EXPECT_EQ(model_time(wall.from_local_lenient(sunday + std::chrono::minutes{150})),
            "2026-03-08T03:00:00-04:00");
  const auto fall_sunday = date::local_days{date::year{2026} / 11 / 1};
  EXPECT_EQ(model_time(wall.from_local_lenient(fall_sunday + std::chrono::minutes{90})),
            "2026-11-01T01:30:00-04:00");
}

TEST(DstSweep, ZoneChangesWhenTheModelDoes) {
  const Zone& zone = test::new_york();
  for (int y = kFirstYear; y <= kLastYear; ++y) {
    auto [spring, fall] = ref::eastern_transitions(y);
    for (auto t : {spring, fall}) {
      for (auto at : {t - Seconds{1}, t}) {
        ASSERT_EQ(zone.offset_at(at).utc_offset.count(), ref::eastern_offset(at).count())
            << model_time(at);
        ASSERT_EQ(format_time(at, zone), model_time(at));
      }
    }
  }
}

// Every 15 minutes from the Saturday 18:00 before each change through 19:00 on the first
// business day after the Monday that follows it: every priority and tier, the deadline and
// its printed form against the model's.
TEST(DstSweep, DeadlinesAroundEveryTransition) {
  const Engine& engine = test::builtin_engine();
  const ref::EasternWallClock wall;
  ref::FederalHolidays holidays;
  ref::BruteForce model{wall, ref::weekdays_9_to_18(), holidays};
  auto business_day = [&holidays](date::local_days d) {
    auto wd = date::weekday{d};
    return wd != date::Saturday && wd != date::Sunday && !holidays.is_holiday(d);
  };

  std::int64_t transitions = 0, submissions = 0, compared = 0, mismatches = 0;
  std::int64_t through_holiday = 0;
  for (int y = kFirstYear; y <= kLastYear; ++y) {
    auto [spring, fall] = ref::eastern_transitions(y);
    for (date::sys_seconds change : {spring, fall}) {
      ++transitions;
      const date::local_days sunday = local_day(change);
      ASSERT_EQ(date::weekday{sunday}, date::Sunday) << model_time(change);
      const date::local_days monday = sunday + date::days{1};
      date::local_days last = monday + date::days{1};
      while (!business_day(last)) last += date::days{1};
      if (!business_day(monday)) ++through_holiday;
      const auto first = wall.from_local_lenient(sunday - date::days{1} + std::chrono::hours{18});
      const auto end = wall.from_local_lenient(last + std::chrono::hours{19});
      std::array<date::sys_seconds, 8> previous{};  // by priority and tier: never earlier
      for (auto start = first; start <= end; start += std::chrono::minutes{15}) {
        ++submissions;
        const ref::Walk walk = model.run(start, kWalkTargets, start);
        ASSERT_EQ(format_time(start, test::new_york()), model_time(start));
        for (int p = 1; p <= 4; ++p) {
          for (std::size_t tier : {0UL, 1UL}) {
            const std::string_view tier_name = tier == 1 ? "premium" : "standard";
            const std::int64_t hours = kTargetHours[static_cast<std::size_t>(p - 1)][tier];
            const auto& want = walk.deadlines[walk_index(hours)];
            const Ticket ticket = test::ticket(start, "P" + std::to_string(p), tier_name);
            const Result got = *engine.evaluate(ticket, start, 75);
            ++compared;
            auto& before = previous[static_cast<std::size_t>(2 * (p - 1)) + tier];
            if (got.deadline < before && ++mismatches <= 10) {
              ADD_FAILURE() << "submitted " << model_time(start) << ", P" << p << " " << tier_name
                            << ": due before an earlier submission's deadline";
            }
            before = got.deadline;
            const std::string printed = format_time(got.deadline, test::new_york());
            if (got.clock_start != walk.clock_start) {
              if (++mismatches <= 10) {
                ADD_FAILURE() << "submitted " << model_time(start) << ": clock start "
                              << format_time(got.clock_start, test::new_york());
              }
            }
            if (!want || got.deadline != *want || printed != model_time(*want)) {
              if (++mismatches <= 10) {
                ADD_FAILURE() << "submitted " << model_time(start) << ", P" << p << " " << tier_name
                              << ": deadline " << printed << ", want "
                              << (want ? model_time(*want) : std::string{"none"});
              }
            }
          }
        }
      }
    }
  }
  RecordProperty("transitions", static_cast<int>(transitions));
  RecordProperty("submissions", static_cast<int>(submissions));
  EXPECT_EQ(transitions, 2 * (kLastYear - kFirstYear + 1));
  EXPECT_GE(submissions, transitions * (4 * 73 + 1));  // Saturday 18:00 to Tuesday 19:00
  EXPECT_EQ(compared, submissions * 8);
  EXPECT_GE(through_holiday, 1);  // 1975: Veterans Day on the Monday after the change
  EXPECT_EQ(mismatches, 0) << "of " << compared << " deadlines";
}

}  // namespace
}  // namespace sla
