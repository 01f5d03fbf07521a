// Custom holiday sets through --holidays and through the library: a company calendar, weekend
// holidays moved across a new year, an empty file, and two holidays on one day.
#include "business_clock.hpp"
#include "cli_run.hpp"
#include "holidays.hpp"
#include "reference_model.hpp"
#include "test_support.hpp"
#include "time_text.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace sla::test {
namespace {

namespace ref = reference;
using Seconds = std::chrono::seconds;

// The day after Thanksgiving, written out: no rule of the file format says "the Friday after
// the 4th Thursday" (in 2024 and 2030 that is the 5th Friday, in 2029 not the last one).
constexpr const char* kCompany =
    "# Company calendar, used with --holidays us-federal\n"
    "2024-11-29 | | Day after Thanksgiving\n"
    "2025-11-28 | | Day after Thanksgiving\n"
    "2026-11-27 | | Day after Thanksgiving\n"
    "2027-11-26 | | Day after Thanksgiving\n"
    "2028-11-24 | | Day after Thanksgiving\n"
    "2029-11-23 | | Day after Thanksgiving\n"
    "2030-11-29 | | Day after Thanksgiving\n"
    "12-24 | | Christmas Eve\n";
constexpr const char* kNewYear = "01-01 | observed | New Year's Day\n";
constexpr const char* kYearEnd = "12-31 | observed | Year end\n";
constexpr const char* kComments = "# nothing but comments\n\n   \n# and blank lines\n";
constexpr const char* kBoxingDay =
    "12-25 | observed | Christmas Day\n"
    "12-26 | | Boxing Day\n";

// The same calendars in the reference model's terms, built without the file format.
std::vector<ref::Rule> company_rules() {
  std::vector<ref::Rule> rules;
  for (int y = 2024; y <= 2030; ++y) {
    date::year_month_day day{date::local_days{date::year{y} / 11 / date::Thursday[4]} +
                             date::days{1}};
    ref::Rule r;
    r.kind = ref::Rule::Kind::kOnce;
    r.year = y;
    r.month = static_cast<unsigned>(day.month());
    r.day = static_cast<unsigned>(day.day());
    rules.push_back(r);
  }
  ref::Rule eve;
  eve.month = 12;
  eve.day = 24;
  rules.push_back(eve);
  return rules;
}

ref::Rule fixed(unsigned month, unsigned day, bool observed) {
  ref::Rule r;
  r.month = month;
  r.day = day;
  r.observed = observed;
  return r;
}

RunResult sla(const std::vector<std::string>& args) {
  return run(SLA_BINARY, args);
}

// Returns the string value of "name" in a flat JSON object, or "<absent>".
std::string json_field(const std::string& json, const std::string& name) {
  std::string key = "\"" + name + "\":\"";
  auto at = json.find(key);
  if (at == std::string::npos) return "<absent>";
  at += key.size();
  return json.substr(at, json.find('"', at) - at);
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// Holiday files in a fresh directory, removed at the end of each test.
class HolidaySets : public testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/sla-holiday-sets-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    for (const std::string& f : files_) std::remove(f.c_str());
    rmdir(dir_.c_str());
  }

  // Writes `text` to a file and returns its path.
  std::string file(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    files_.push_back(path);
    return path;
  }

  // Returns the deadline sla prints for a ticket, with `holidays` as --holidays options.
  std::string deadline(const std::string& priority, const std::string& tier,
                       const std::string& submitted, const std::vector<std::string>& holidays) {
    std::vector<std::string> args{"-p", priority, "-t", tier, "-s", submitted, "-o", "json"};
    for (const std::string& h : holidays) args.insert(args.end(), {"--holidays", h});
    RunResult r = sla(args);
    EXPECT_EQ(r.status, 0) << r.err;
    return json_field(r.out, "deadline");
  }

  // Returns `sla holidays YEAR -o json` with `holidays` as --holidays options.
  std::string listed(const std::string& year, const std::vector<std::string>& holidays) {
    std::vector<std::string> args{"holidays", year, "-o", "json"};
    for (const std::string& h : holidays) args.insert(args.end(), {"--holidays", h});
    RunResult r = sla(args);
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");
    return r.out;
  }

  std::string dir_;
  std::vector<std::string> files_;
};

TEST_F(HolidaySets, CompanyCalendarAddsTheDayAfterThanksgivingAndChristmasEve) {
  auto company = file("company.txt", kCompany);
  // SPEC's example is due Fri 09:30; the company is closed that Friday.
  EXPECT_EQ(deadline("P1", "premium", "2026-11-25 16:30", {}), "2026-11-27T09:30:00-05:00");
  EXPECT_EQ(deadline("P1", "premium", "2026-11-25 16:30", {"us-federal", company}),
            "2026-11-30T09:30:00-05:00");
  // Thu 2026-12-24 and Christmas on Friday: one hour Wednesday, one hour Monday.
  EXPECT_EQ(deadline("P1", "premium", "2026-12-23 17:00", {"us-federal", company}),
            "2026-12-28T10:00:00-05:00");
  EXPECT_EQ(deadline("P1", "premium", "2026-12-23 17:00", {}), "2026-12-24T10:00:00-05:00");
  // 2024: Thanksgiving on the 28th, so the day after is the fifth Friday.
  EXPECT_EQ(deadline("P2", "premium", "2024-11-27 17:00", {"us-federal", company}),
            "2024-12-02T10:00:00-05:00");

  std::string list = listed("2026", {"us-federal", company});
  EXPECT_NE(list.find(R"({"date":"2026-11-26","weekday":"Thu","name":"Thanksgiving Day")"),
            std::string::npos)
      << list;
  EXPECT_NE(list.find(R"({"date":"2026-11-27","weekday":"Fri","name":"Day after Thanksgiving")"),
            std::string::npos)
      << list;
  EXPECT_NE(list.find(R"({"date":"2026-12-24","weekday":"Thu","name":"Christmas Eve")"),
            std::string::npos)
      << list;
  EXPECT_EQ(count(list, "\"date\":"), 13U) << list;  // 11 federal holidays and 2 of ours
}

TEST_F(HolidaySets, AFileAloneReplacesTheDefault) {
  auto company = file("company.txt", kCompany);
  // Without us-federal, Thanksgiving is a working day.
  EXPECT_EQ(deadline("P1", "premium", "2026-11-25 16:30", {company}), "2026-11-26T09:30:00-05:00");
  EXPECT_EQ(count(listed("2026", {company}), "\"date\":"), 2U);
}

TEST_F(HolidaySets, OverlappingHolidaysCountTheDayOnce) {
  auto company = file("company.txt", kCompany);
  // 2027: Christmas falls on Saturday and is observed Fri 24 December, Christmas Eve too.
  std::string list = listed("2027", {"us-federal", company});
  EXPECT_EQ(count(list, "\"date\":\"2027-12-24\""), 2U) << list;
  EXPECT_EQ(deadline("P1", "standard", "2027-12-23 17:00", {"us-federal", company}),
            "2027-12-27T17:00:00-05:00");

  // Boxing Day and Christmas observed on Mon 2022-12-26: one closed day, not two.
  auto boxing = file("boxing.txt", kBoxingDay);
  EXPECT_EQ(deadline("P1", "standard", "2022-12-23 17:00", {boxing}), "2022-12-27T17:00:00-05:00");
  RunResult r =
      sla({"-p", "P1", "-s", "2022-12-23 17:00", "--holidays", boxing, "-o", "json", "--explain"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(count(r.out, "\"date\":\"2022-12-26\""), 1U) << r.out;
  EXPECT_NE(r.out.find("Christmas Day / Boxing Day"), std::string::npos) << r.out;

  // The same set twice, or a rule repeated under another name, changes nothing.
  auto thanksgiving = file("thanksgiving.txt", "4th Thu of Nov | | Thanksgiving (company)\n");
  EXPECT_EQ(deadline("P1", "premium", "2026-11-25 16:30", {"us-federal", thanksgiving}),
            "2026-11-27T09:30:00-05:00");
  EXPECT_EQ(deadline("P3", "standard", "2026-11-25 10:00", {"us-federal", "us-federal"}),
            deadline("P3", "standard", "2026-11-25 10:00", {}));
  EXPECT_EQ(listed("2026", {"us-federal", "us-federal"}), listed("2026", {}));
}

TEST_F(HolidaySets, WeekendHolidaysMoveAcrossTheNewYear) {
  // New Year's Day 2022 is a Saturday: observed Fri 2021-12-31, and 2022 has none.
  auto new_year = file("new-year.txt", kNewYear);
  EXPECT_EQ(deadline("P1", "premium", "2021-12-30 17:00", {new_year}), "2022-01-03T10:00:00-05:00");
  std::string y2021 = listed("2021", {new_year});
  EXPECT_NE(
      y2021.find(
          R"({"date":"2021-01-01","weekday":"Fri","name":"New Year's Day","observed":false})"),
      std::string::npos)
      << y2021;
  EXPECT_NE(y2021.find(
                R"({"date":"2021-12-31","weekday":"Fri","name":"New Year's Day","observed":true})"),
            std::string::npos)
      << y2021;
  EXPECT_EQ(count(y2021, "\"date\":"), 2U) << y2021;
  EXPECT_EQ(listed("2022", {new_year}), "[]\n");

  // 31 December 2023 is a Sunday: observed Mon 2024-01-01.
  auto year_end = file("year-end.txt", kYearEnd);
  EXPECT_EQ(deadline("P1", "premium", "2023-12-29 17:00", {year_end}), "2024-01-02T10:00:00-05:00");
  EXPECT_EQ(listed("2023", {year_end}), "[]\n");
  EXPECT_EQ(
      listed("2024", {year_end}),
      "[{\"date\":\"2024-01-01\",\"weekday\":\"Mon\",\"name\":\"Year end\",\"observed\":true},"
      "{\"date\":\"2024-12-31\",\"weekday\":\"Tue\",\"name\":\"Year end\",\"observed\":false}"
      "]\n");
  // The same through a range that spans the new year.
  RunResult r = sla({"holidays", "--from", "2021-12-01", "--to", "2022-01-31", "--holidays",
                     new_year, "-o", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(count(r.out, "\"date\":"), 1U) << r.out;
  EXPECT_NE(r.out.find("2021-12-31"), std::string::npos) << r.out;
}

TEST_F(HolidaySets, EmptyFileMeansWeekendsOnly) {
  for (const char* text : {"", kComments}) {
    auto empty = file("empty.txt", text);
    EXPECT_EQ(listed("2026", {empty}), "[]\n");
    // Thanksgiving and New Year's Day are working days; weekends still are not.
    EXPECT_EQ(deadline("P1", "premium", "2026-11-25 16:30", {empty}), "2026-11-26T09:30:00-05:00");
    EXPECT_EQ(deadline("P1", "premium", "2026-12-31 17:00", {empty}), "2027-01-01T10:00:00-05:00");
    EXPECT_EQ(deadline("P1", "standard", "2026-11-28 12:00", {empty}), "2026-11-30T18:00:00-05:00");
    EXPECT_EQ(deadline("P3", "standard", "2026-11-27 12:00", {empty}), "2026-12-01T12:00:00-05:00");
  }
}

// The library: each set's calendar against the model's reading of the same rules on every
// day from 1900 to 9999, and deadlines against the model's minute walk.
struct Case {
  const char* name;
  std::string text;
  std::vector<ref::Rule> rules;
  bool federal;
};

std::vector<Case> cases() {
  return {
      {"company", kCompany, company_rules(), true},
      {"new year", kNewYear, {fixed(1, 1, true)}, false},
      {"year end", kYearEnd, {fixed(12, 31, true)}, false},
      {"empty", "", {}, false},
      {"boxing day", kBoxingDay, {fixed(12, 25, true), fixed(12, 26, false)}, false},
  };
}

TEST(HolidaySetsLibrary, CalendarsAgreeWithTheModelOnEveryDay) {
  for (const Case& c : cases()) {
    HolidaySet set = HolidaySet::parse(c.text, c.name);
    if (c.federal) set.merge(us_federal().set());
    HolidayCalendar calendar{set};
    ref::RuleHolidays own{c.rules};
    ref::FederalHolidays federal;
    ref::AnyOf model{c.federal ? std::vector<ref::Holidays*>{&own, &federal}
                               : std::vector<ref::Holidays*>{&own}};
    int disagreements = 0;
    for (date::local_days d{date::year{1900} / 1 / 1}; d <= ref::kLastDay; d += date::days{1}) {
      if (calendar.is_holiday(d) != model.is_holiday(d) && ++disagreements <= 5) {
        ADD_FAILURE() << c.name << ": " << date::year_month_day{d} << " is "
                      << (calendar.is_holiday(d) ? "" : "not ") << "a holiday in sla";
      }
    }
    EXPECT_EQ(disagreements, 0) << c.name;
  }
}

TEST(HolidaySetsLibrary, DeadlinesAgreeWithTheModel) {
  const std::vector<Seconds> targets{Seconds{2 * 3600}, Seconds{9 * 3600}, Seconds{18 * 3600},
                                     Seconds{27 * 3600}};
  for (const Case& c : cases()) {
    HolidaySet set = HolidaySet::parse(c.text, c.name);
    if (c.federal) set.merge(us_federal().set());
    HolidayCalendar calendar{set};
    BusinessClock clock{WeeklySchedule::weekdays(Seconds{9 * 3600}, Seconds{18 * 3600}), new_york(),
                        calendar};
    ref::RuleHolidays own{c.rules};
    ref::FederalHolidays federal;
    ref::AnyOf holidays{c.federal ? std::vector<ref::Holidays*>{&own, &federal}
                                  : std::vector<ref::Holidays*>{&own}};
    ref::EasternWallClock wall;
    ref::BruteForce model{wall, ref::weekdays_9_to_18(), holidays};
    // Submissions every 97 minutes over late November to mid January, 2021 to 2030.
    int mismatches = 0, compared = 0;
    for (int y = 2021; y <= 2030; ++y) {
      auto first = ny(y, 11, 20);
      auto last = ny(y + 1, 1, 15);
      for (auto start = first; start < last; start += std::chrono::minutes{97}) {
        auto walk = model.run(start, targets, start);
        for (std::size_t k = 0; k < targets.size(); ++k) {
          ++compared;
          auto got = clock.deadline(start, targets[k]);
          if (got != walk.deadlines[k] && ++mismatches <= 5) {
            ADD_FAILURE() << c.name << ": submitted " << format_time(start, new_york()) << " + "
                          << targets[k].count() << "s: deadline "
                          << (got ? format_time(*got, new_york()) : "none") << ", model "
                          << (walk.deadlines[k] ? format_time(*walk.deadlines[k], new_york())
                                                : "none");
          }
        }
      }
    }
    EXPECT_GT(compared, 20000) << c.name;
    EXPECT_EQ(mismatches, 0) << c.name;
  }
}

}  // namespace
}  // namespace sla::test
