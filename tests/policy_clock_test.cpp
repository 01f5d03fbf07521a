// Policies read from files, judged against the brute-force model: the built-in policy both
// embedded and loaded from policies/codesecure.toml, and random policies with several
// intervals a day, 24x7 calendars, other zones, holiday files and part-day closures.
#include "clock_compare.hpp"
#include "engine.hpp"
#include "error.hpp"
#include "policy_file.hpp"
#include "reference_model.hpp"
#include "test_support.hpp"
#include "time_text.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>

namespace sla {
namespace {

namespace ref = reference;
using Seconds = std::chrono::seconds;
using test::Submissions;
using test::TestResources;

std::string source_file(const std::string& path) {
  std::ifstream in(std::string(SLA_SOURCE_DIR) + "/" + path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The targets of every cell of version 0 on calendar 0, ascending and once each.
std::vector<Seconds> cell_targets(const Engine& engine) {
  const Policy& p = engine.policy(0);
  std::set<Seconds> targets;
  for (const ResponseCell& c : p.cells) targets.insert(c.target.on(p.calendars[0].day));
  return {targets.begin(), targets.end()};
}

// The built-in policy, from both places it can come from, against the brute force with the
// model's own federal holidays; then each cell's deadline as the engine gives it.
TEST(PolicyClock, TheBuiltInPolicyEmbeddedAndFromItsFile) {
  TestResources resources;
  EngineSetup from_file;
  from_file.policies = {{source_file("policies/codesecure.toml"), "codesecure.toml", false}};
  const Engine loaded(from_file, resources);
  const Engine& embedded = test::builtin_engine();
  for (const Engine* engine : {&embedded, &loaded}) {
    const std::vector<Seconds> targets = cell_targets(*engine);
    EXPECT_EQ(targets, (std::vector<Seconds>{Seconds{7200}, Seconds{32400}, Seconds{64800},
                                             Seconds{97200}}));
    ref::FederalHolidays holidays;
    Submissions subs{test::new_york(), 1900, 2200, engine == &embedded ? 2026u : 2027u};
    constexpr int kSamples = SLA_SANITIZED ? 20000 : 100000;
    const int mismatches = test::compare_with_brute(engine->clock(0, 0), ref::weekdays_9_to_18(),
                                                    holidays, subs, kSamples, targets);
    RecordProperty(engine == &embedded ? "embedded_mismatches" : "file_mismatches", mismatches);
    EXPECT_EQ(mismatches, 0) << "of " << kSamples;
  }
  // Each priority and tier: the engine's deadline is the clock's at the cell's target.
  Submissions subs{test::new_york(), 1900, 9990, 5};
  const Policy& p = loaded.policy(0);
  for (int i = 0; i < 20000; ++i) {
    Ticket t;
    t.submitted = subs.next();
    t.priority = static_cast<std::size_t>(subs.pick(0, 3));
    t.tier = static_cast<std::size_t>(subs.pick(0, 1));
    const auto a = embedded.evaluate(t, t.submitted, 75);
    const auto b = loaded.evaluate(t, t.submitted, 75);
    const auto want = loaded.clock(0, 0).deadline(
        t.submitted, p.cell(t.priority, t.tier).target.on(std::chrono::hours{9}));
    ASSERT_EQ(a.has_value(), want.has_value());
    ASSERT_EQ(b.has_value(), want.has_value());
    if (want) {
      ASSERT_EQ(a->deadline, *want);
      ASSERT_EQ(b->deadline, *want);
    }
  }
}

// A random policy with one calendar, written as TOML with a holiday file beside it, and the
// same calendar described to the model in the model's own terms.
struct RandomCalendar {
  std::string zone;
  bool always = false;
  ref::Week week;
  std::vector<ref::Rule> rules;
  std::vector<ref::DatedClosures::Entry> parts;
  std::string policy, holidays;
};

std::string hhmm(int minutes) {
  std::string out = std::to_string(minutes / 60 / 10) + std::to_string(minutes / 60 % 10) + ":" +
                    std::to_string(minutes % 60 / 10) + std::to_string(minutes % 10);
  return out;
}

RandomCalendar random_calendar(std::mt19937_64& rng) {
  auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>{lo, hi}(rng); };
  static const char* kZones[] = {"America/New_York",
                                 "Europe/Berlin",
                                 "Australia/Lord_Howe",
                                 "America/St_Johns",
                                 "Asia/Kolkata",
                                 "Pacific/Chatham",
                                 "UTC",
                                 "America/Santiago"};
  RandomCalendar c;
  c.zone = kZones[pick(0, 7)];
  c.always = pick(0, 5) == 0;
  std::string days;
  if (c.always) {
    for (auto& d : c.week) d = {{0, 24 * 60}};
    days = "hours = \"24x7\"\n";
  } else {
    bool any = false;
    for (std::size_t d = 0; d < 7; ++d) {
      if (pick(0, 3) == 0 && (any || d < 6)) continue;
      any = true;
      std::string list;
      // Intervals around the small hours too, where clocks change.
      int at = pick(0, 12) * 30;
      const int n = pick(1, 3);
      for (int i = 0; i < n && at < 24 * 60 - 1; ++i) {
        const int end = std::min(24 * 60, at + pick(1, 9 * 60));
        c.week[d].push_back({at, end});
        list += (list.empty() ? "\"" : ", \"") + hhmm(at) + "-" + hhmm(end) + "\"";
        at = end + pick(0, 3) * 15;
      }
      days += std::string(kWeekdayKeys[d]) + " = [" + list + "]\n";
    }
  }
  // Holiday rules: fixed dates (observed or not), nth weekdays with year bounds, one-offs.
  const int rules = pick(0, 6);
  for (int i = 0; i < rules; ++i) {
    ref::Rule r;
    const int kind = pick(0, 2);
    r.month = static_cast<unsigned>(pick(1, 12));
    if (kind == 0) {
      r.kind = ref::Rule::Kind::kFixed;
      r.day = static_cast<unsigned>(pick(1, 28));
      r.observed = pick(0, 1) == 1;
    } else if (kind == 1) {
      r.kind = ref::Rule::Kind::kNth;
      r.nth = static_cast<unsigned>(pick(0, 4));
      r.weekday = date::weekday{static_cast<unsigned>(pick(0, 6))};
      if (pick(0, 1)) r.from = pick(1990, 2030);
    } else {
      r.kind = ref::Rule::Kind::kOnce;
      r.year = pick(2000, 2040);
      r.day = static_cast<unsigned>(pick(1, 28));
    }
    c.holidays += r.line("Holiday " + std::to_string(i));
    c.rules.push_back(r);
  }
  // Part-day closures, every year or once, some on the same day as another.
  const int parts = pick(0, 5);
  for (int i = 0; i < parts; ++i) {
    ref::DatedClosures::Entry e;
    e.year = pick(0, 1) ? 0 : pick(2000, 2040);
    e.month = static_cast<unsigned>(pick(1, 12));
    e.day = static_cast<unsigned>(pick(1, 28));
    const int from = pick(0, 46) * 30;
    e.minutes = {from, std::min(24 * 60, from + pick(1, 16) * 30)};
    char date[16];
    if (e.year == 0) {
      std::snprintf(date, sizeof date, "%02u-%02u", e.month, e.day);
    } else {
      std::snprintf(date, sizeof date, "%04d-%02u-%02u", e.year % 10000, e.month % 100,
                    e.day % 100);
    }
    c.holidays += std::string(date) + " | closed " + hhmm(e.minutes.first) + "-" +
                  hhmm(e.minutes.second) + " | Part " + std::to_string(i) + "\n";
    c.parts.push_back(e);
  }
  c.policy = "name = \"Random\"\ntime_zone = \"" + c.zone +
             "\"\ndefault_priority = \"P1\"\ndefault_tier = \"t\"\n"
             "[calendars.c]\nholidays = [\"holidays.txt\"]\nday = \"" +
             std::to_string(pick(1, 24)) + "h\"\n" + days +
             "[[priorities]]\nid = \"P1\"\n[[tiers]]\nid = \"t\"\n[response]\nP1 = { t = \"1d "
             "30m\" }\n";
  return c;
}

TEST(PolicyClock, RandomCalendarsThroughTheEngine) {
  std::mt19937_64 rng(20261201);
  int mismatches = 0, calendars = 0;
  // 120,000 submissions, each against four targets; a fifth of that under sanitizers.
  constexpr int kCalendars = SLA_SANITIZED ? 60 : 300, kSamples = 400;
  for (int i = 0; i < kCalendars; ++i) {
    const RandomCalendar c = random_calendar(rng);
    TestResources resources;
    resources.files["holidays.txt"] = c.holidays;
    EngineSetup setup;
    setup.policies = {{c.policy, "random.toml", false}};
    std::optional<Engine> engine;
    try {
      engine.emplace(setup, resources);
    } catch (const InputError& e) {
      ADD_FAILURE() << e.what() << "\n" << c.policy << c.holidays;
      continue;
    }
    ++calendars;
    const BusinessClock& clock = engine->clock(0, 0);
    EXPECT_EQ(clock.zone().name(), c.zone);
    const Seconds day = engine->policy(0).calendars[0].day;
    ref::RuleHolidays holidays{c.rules};
    ref::DatedClosures parts{c.parts};
    Submissions subs{clock.zone(), 1995, 2045, rng(), true};
    const std::vector<Seconds> targets{Seconds{1}, Seconds{1800}, day + Seconds{1800}, 3 * day};
    const int found =
        test::compare_with_brute(clock, c.week, holidays, subs, kSamples, targets, &parts);
    if (found > 0) ADD_FAILURE() << c.policy << c.holidays;
    mismatches += found;
  }
  RecordProperty("calendars", calendars);
  RecordProperty("mismatches", mismatches);
  EXPECT_EQ(calendars, kCalendars);
  EXPECT_EQ(mismatches, 0) << "over " << kCalendars * kSamples << " submissions";
}

}  // namespace
}  // namespace sla
