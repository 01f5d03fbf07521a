// Tests of holiday rules: the file format, observed dates (OPM's published lists), lookup by day.
#include "holidays.hpp"

#include "builtin_policy.hpp"
#include "embedded.hpp"
#include "error.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace sla {
namespace {

using Dates = std::vector<std::pair<std::string, std::string>>;  // ISO date, name

HolidaySet builtin(std::string_view name) {
  return HolidaySet::parse(embedded_holiday_set(name), name);
}

const HolidaySet& federal() {
  static const HolidaySet set = builtin("us-federal");
  return set;
}

std::string iso(date::sys_days day) {
  return date::format("%F", day);
}

date::local_days local(int y, unsigned m, unsigned d) {
  return date::local_days{date::year{y} / date::month{m} / date::day{d}};
}

// Returns the observed dates and names of `set` in year y.
Dates observed(const HolidaySet& set, int y) {
  Dates out;
  for (const Holiday& h : set.observed_in(date::year{y}))
    out.emplace_back(iso(h.observed_on), h.rule->name);
  return out;
}

// Returns the observed dates of `set` in year y whose name is `name`.
std::vector<std::string> dates_of(const HolidaySet& set, int y, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [day, holiday] : observed(set, y)) {
    if (holiday == name) out.push_back(day);
  }
  return out;
}

// Returns the message of the InputError that parsing `text` throws, or "" if none.
std::string parse_error(std::string_view text) {
  try {
    HolidaySet::parse(text, "t.txt");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

constexpr const char* kNewYear = "New Year's Day";
constexpr const char* kMlk = "Birthday of Martin Luther King, Jr.";
constexpr const char* kWashington = "Washington's Birthday";
constexpr const char* kMemorial = "Memorial Day";
constexpr const char* kJuneteenth = "Juneteenth National Independence Day";
constexpr const char* kIndependence = "Independence Day";
constexpr const char* kLabor = "Labor Day";
constexpr const char* kColumbus = "Columbus Day";
constexpr const char* kVeterans = "Veterans Day";
constexpr const char* kThanksgiving = "Thanksgiving Day";
constexpr const char* kChristmas = "Christmas Day";

// OPM's published federal holiday lists (opm.gov, "Federal Holidays"), by the year the day
// falls in: OPM lists Fri 2021-12-31 under 2022, here it is a day of 2021.
// The sets compiled at build time are the sets their files parse to, rule by rule, and they
// observe the same holidays in every year.
TEST(BuiltinSets, CompiledAreTheParsedOnes) {
  int rules = 0;
  for (const std::string_view name : {"us-federal", "us-federal-closures"}) {
    const HolidaySet parsed = HolidaySet::parse(embedded_holiday_set(name), name);
    const std::optional<HolidaySet> compiled = builtin_holiday_set(name);
    ASSERT_TRUE(compiled) << name;
    ASSERT_EQ(compiled->rules().size(), parsed.rules().size()) << name;
    for (std::size_t i = 0; i < parsed.rules().size(); ++i) {
      const HolidayRule& a = compiled->rules()[i];
      const HolidayRule& b = parsed.rules()[i];
      SCOPED_TRACE(std::string(name) + ": " + b.name);
      EXPECT_EQ(a.kind, b.kind);
      EXPECT_EQ(a.month, b.month);
      EXPECT_EQ(a.day, b.day);
      EXPECT_EQ(a.year, b.year);
      EXPECT_EQ(a.nth, b.nth);
      EXPECT_EQ(a.weekday, b.weekday);
      EXPECT_EQ(a.offset, b.offset);
      EXPECT_EQ(a.observed, b.observed);
      EXPECT_EQ(a.from_year, b.from_year);
      EXPECT_EQ(a.until_year, b.until_year);
      EXPECT_EQ(a.closed.has_value(), b.closed.has_value());
      if (a.closed && b.closed) {
        EXPECT_EQ(a.closed->open, b.closed->open);
        EXPECT_EQ(a.closed->close, b.closed->close);
      }
      EXPECT_EQ(a.name, b.name);
      ++rules;
    }
    for (int y = 1900; y <= 2200; ++y) {
      const auto ours = compiled->observed_in(date::year{y});
      const auto theirs = parsed.observed_in(date::year{y});
      ASSERT_EQ(ours.size(), theirs.size()) << y;
      for (std::size_t i = 0; i < ours.size(); ++i) {
        EXPECT_EQ(ours[i].observed_on, theirs[i].observed_on) << y;
        EXPECT_EQ(ours[i].rule->name, theirs[i].rule->name) << y;
      }
    }
  }
  EXPECT_GT(rules, 20);
  EXPECT_FALSE(builtin_holiday_set("us-federal-typo"));
}

TEST(UsFederal, MatchesOpm2020To2027) {
  const std::map<int, Dates> opm = {
      {2020,
       {{"2020-01-01", kNewYear},
        {"2020-01-20", kMlk},
        {"2020-02-17", kWashington},
        {"2020-05-25", kMemorial},
        {"2020-07-03", kIndependence},
        {"2020-09-07", kLabor},
        {"2020-10-12", kColumbus},
        {"2020-11-11", kVeterans},
        {"2020-11-26", kThanksgiving},
        {"2020-12-25", kChristmas}}},
      {2021,
       {{"2021-01-01", kNewYear},
        {"2021-01-18", kMlk},
        {"2021-02-15", kWashington},
        {"2021-05-31", kMemorial},
        {"2021-06-18", kJuneteenth},
        {"2021-07-05", kIndependence},
        {"2021-09-06", kLabor},
        {"2021-10-11", kColumbus},
        {"2021-11-11", kVeterans},
        {"2021-11-25", kThanksgiving},
        {"2021-12-24", kChristmas},
        {"2021-12-31", kNewYear}}},
      {2022,
       {{"2022-01-17", kMlk},
        {"2022-02-21", kWashington},
        {"2022-05-30", kMemorial},
        {"2022-06-20", kJuneteenth},
        {"2022-07-04", kIndependence},
        {"2022-09-05", kLabor},
        {"2022-10-10", kColumbus},
        {"2022-11-11", kVeterans},
        {"2022-11-24", kThanksgiving},
        {"2022-12-26", kChristmas}}},
      {2023,
       {{"2023-01-02", kNewYear},
        {"2023-01-16", kMlk},
        {"2023-02-20", kWashington},
        {"2023-05-29", kMemorial},
        {"2023-06-19", kJuneteenth},
        {"2023-07-04", kIndependence},
        {"2023-09-04", kLabor},
        {"2023-10-09", kColumbus},
        {"2023-11-10", kVeterans},
        {"2023-11-23", kThanksgiving},
        {"2023-12-25", kChristmas}}},
      {2024,
       {{"2024-01-01", kNewYear},
        {"2024-01-15", kMlk},
        {"2024-02-19", kWashington},
        {"2024-05-27", kMemorial},
        {"2024-06-19", kJuneteenth},
        {"2024-07-04", kIndependence},
        {"2024-09-02", kLabor},
        {"2024-10-14", kColumbus},
        {"2024-11-11", kVeterans},
        {"2024-11-28", kThanksgiving},
        {"2024-12-25", kChristmas}}},
      {2025,
       {{"2025-01-01", kNewYear},
        {"2025-01-20", kMlk},
        {"2025-02-17", kWashington},
        {"2025-05-26", kMemorial},
        {"2025-06-19", kJuneteenth},
        {"2025-07-04", kIndependence},
        {"2025-09-01", kLabor},
        {"2025-10-13", kColumbus},
        {"2025-11-11", kVeterans},
        {"2025-11-27", kThanksgiving},
        {"2025-12-25", kChristmas}}},
      {2026,
       {{"2026-01-01", kNewYear},
        {"2026-01-19", kMlk},
        {"2026-02-16", kWashington},
        {"2026-05-25", kMemorial},
        {"2026-06-19", kJuneteenth},
        {"2026-07-03", kIndependence},
        {"2026-09-07", kLabor},
        {"2026-10-12", kColumbus},
        {"2026-11-11", kVeterans},
        {"2026-11-26", kThanksgiving},
        {"2026-12-25", kChristmas}}},
      {2027,
       {{"2027-01-01", kNewYear},
        {"2027-01-18", kMlk},
        {"2027-02-15", kWashington},
        {"2027-05-31", kMemorial},
        {"2027-06-18", kJuneteenth},
        {"2027-07-05", kIndependence},
        {"2027-09-06", kLabor},
        {"2027-10-11", kColumbus},
        {"2027-11-11", kVeterans},
        {"2027-11-25", kThanksgiving},
        {"2027-12-24", kChristmas},
        {"2027-12-31", kNewYear}}},
  };
  for (const auto& [year, dates] : opm) EXPECT_EQ(observed(federal(), year), dates) << year;
}

TEST(UsFederal, NewYearOnSaturdayIsObservedTheFridayBefore) {
  auto in_2021 = federal().observed_in(date::year{2021});
  ASSERT_FALSE(in_2021.empty());
  const Holiday& last = in_2021.back();
  EXPECT_EQ(iso(last.observed_on), "2021-12-31");
  EXPECT_EQ(iso(last.actual), "2022-01-01");
  EXPECT_TRUE(last.shifted());
  EXPECT_EQ(last.rule->name, kNewYear);
  // No extra Monday in 2022, and the rule's year is 2022: a rule from 2022 still gives 2021-12-31.
  EXPECT_TRUE(dates_of(federal(), 2022, kNewYear).empty());
  auto from_2022 = HolidaySet::parse("01-01 | observed, from 2022 | New Year", "t");
  EXPECT_EQ(observed(from_2022, 2021), (Dates{{"2021-12-31", "New Year"}}));
  auto until_2021 = HolidaySet::parse("01-01 | observed, until 2021 | New Year", "t");
  EXPECT_EQ(observed(until_2021, 2021), (Dates{{"2021-01-01", "New Year"}}));
}

TEST(UsFederal, ShiftedFlagsAndActualDates) {
  for (const Holiday& h : federal().observed_in(date::year{2026})) {
    EXPECT_EQ(h.shifted(), iso(h.observed_on) == "2026-07-03") << iso(h.observed_on);
    if (h.shifted()) {
      EXPECT_EQ(iso(h.actual), "2026-07-04");
    }
  }
}

TEST(UsFederal, RulesApplyFromTheirYears) {
  EXPECT_TRUE(dates_of(federal(), 1985, kMlk).empty());
  EXPECT_EQ(dates_of(federal(), 1986, kMlk), std::vector<std::string>{"1986-01-20"});
  EXPECT_TRUE(dates_of(federal(), 2020, kJuneteenth).empty());
  EXPECT_EQ(dates_of(federal(), 2021, kJuneteenth), std::vector<std::string>{"2021-06-18"});
  EXPECT_EQ(dates_of(federal(), 1975, kVeterans), std::vector<std::string>{"1975-10-27"});
  EXPECT_EQ(dates_of(federal(), 1977, kVeterans), std::vector<std::string>{"1977-10-24"});
  EXPECT_EQ(dates_of(federal(), 1978, kVeterans), std::vector<std::string>{"1978-11-10"});
  EXPECT_EQ(dates_of(federal(), 1970, kVeterans), std::vector<std::string>{"1970-11-11"});
  EXPECT_EQ(dates_of(federal(), 1953, "Armistice Day"), std::vector<std::string>{"1953-11-11"});
  EXPECT_TRUE(dates_of(federal(), 1937, "Armistice Day").empty());
  EXPECT_EQ(dates_of(federal(), 1968, kWashington), std::vector<std::string>{"1968-02-22"});
  EXPECT_EQ(dates_of(federal(), 1970, kWashington), std::vector<std::string>{"1970-02-23"});
  EXPECT_EQ(dates_of(federal(), 1971, kWashington), std::vector<std::string>{"1971-02-15"});
  EXPECT_EQ(dates_of(federal(), 1970, kMemorial), std::vector<std::string>{"1970-05-29"});
  EXPECT_EQ(dates_of(federal(), 1971, kMemorial), std::vector<std::string>{"1971-05-31"});
  EXPECT_TRUE(dates_of(federal(), 1970, kColumbus).empty());
  EXPECT_EQ(dates_of(federal(), 1971, kColumbus), std::vector<std::string>{"1971-10-11"});
  EXPECT_EQ(dates_of(federal(), 1938, kThanksgiving), std::vector<std::string>{"1938-11-24"});
  EXPECT_EQ(dates_of(federal(), 1939, kThanksgiving), std::vector<std::string>{"1939-11-23"});
  EXPECT_EQ(dates_of(federal(), 1940, kThanksgiving), std::vector<std::string>{"1940-11-21"});
  EXPECT_EQ(dates_of(federal(), 1941, kThanksgiving), std::vector<std::string>{"1941-11-20"});
  EXPECT_EQ(dates_of(federal(), 1942, kThanksgiving), std::vector<std::string>{"1942-11-26"});
  EXPECT_EQ(observed(federal(), 1900).size(), 7u);  // no Armistice Day, MLK, Columbus, Juneteenth
}

TEST(UsFederal, ElevenHolidaysEveryModernYear) {
  for (int y = 2021; y <= 2200; ++y) {
    std::size_t count = 0;
    for (int ry : {y - 1, y, y + 1}) {
      for (const Holiday& h : federal().observed_in(date::year{ry})) {
        count += date::year_month_day{h.actual}.year() == date::year{y};
      }
    }
    EXPECT_EQ(count, 11u) << y;
  }
}

TEST(HolidayRules, FifthAndLastWeekdays) {
  auto set = HolidaySet::parse("5th Thu of Nov | | Fifth\nlast Fri of Feb | | Last\n", "t");
  EXPECT_EQ(observed(set, 2023), (Dates{{"2023-02-24", "Last"}, {"2023-11-30", "Fifth"}}));
  EXPECT_EQ(observed(set, 2024), (Dates{{"2024-02-23", "Last"}}));  // November 2024: four Thursdays
}

// The day after Thanksgiving is the Friday after the 4th Thursday, which is not always the 4th
// Friday (November 2019 began on a Friday).
TEST(HolidayRules, DayOffsetsFollowTheWeekdayRule) {
  auto set = HolidaySet::parse(
      "4th Thu of Nov +1 | | Day after Thanksgiving\nlast Mon of May -3 | | Before\n", "t");
  EXPECT_EQ(observed(set, 2019),
            (Dates{{"2019-05-24", "Before"}, {"2019-11-29", "Day after Thanksgiving"}}));
  for (int y = 1942; y <= 2200; ++y) {
    auto thanksgiving = date::sys_days{date::year{y} / date::November / date::Thursday[4]};
    auto days = observed(set, y);
    ASSERT_EQ(days.size(), 2u) << y;
    EXPECT_EQ(days[1].first, date::format("%F", thanksgiving + date::days{1})) << y;
  }
}

TEST(HolidayRules, LeapDayRuleGivesADateOnlyInLeapYears) {
  auto set = HolidaySet::parse("02-29 | | Leap\n", "t");
  EXPECT_EQ(observed(set, 2024), (Dates{{"2024-02-29", "Leap"}}));
  EXPECT_TRUE(observed(set, 2023).empty());
  EXPECT_TRUE(observed(set, 1900).empty());
  EXPECT_EQ(observed(set, 2000), (Dates{{"2000-02-29", "Leap"}}));
}

TEST(HolidayRules, OnceRulesAndTheirObservation) {
  auto set = HolidaySet::parse("2022-12-24 | observed | Shifted\n2022-12-24 | | Kept\n", "t");
  EXPECT_EQ(observed(set, 2022), (Dates{{"2022-12-23", "Shifted"}, {"2022-12-24", "Kept"}}));
  EXPECT_TRUE(observed(set, 2021).empty());
  EXPECT_TRUE(observed(set, 2023).empty());
}

TEST(HolidayRules, ObservedInHandlesTheEdgesOfTheYearRange) {
  auto set = HolidaySet::parse("01-01 | observed | A\n12-31 | observed | B\n", "t");
  // 10000-01-01 is a Saturday, observed on Friday 9999-12-31.
  EXPECT_EQ(observed(set, 9999),
            (Dates{{"9999-01-01", "A"}, {"9999-12-31", "A"}, {"9999-12-31", "B"}}));
  EXPECT_TRUE(set.observed_in(date::year{0}).empty());
  EXPECT_TRUE(set.observed_in(date::year{10000}).empty());
  EXPECT_TRUE(set.observed_in(date::year{-32767}).empty());
  EXPECT_TRUE(set.observed_in(date::year{32767}).empty());
}

TEST(HolidayFile, AcceptsTheDocumentedSyntax) {
  auto set = HolidaySet::parse(
      "\xef\xbb\xbf# a company calendar\r\n"
      "\r\n"
      "  3RD mon OF jan |OBSERVED ,  From 2000,until 2030| First \t# note\r\n"
      "last Monday of May | | Second # Monday and May in full\n"
      "\t07-04|observed|Fête nationale — 日本\n"
      "2030-01-02 | from 2030 | Once",  // no final newline
      "t");
  ASSERT_EQ(set.rules().size(), 4u);
  const HolidayRule& first = set.rules()[0];
  EXPECT_EQ(first.kind, HolidayRule::Kind::kNthWeekday);
  EXPECT_EQ(first.nth, 3);
  EXPECT_EQ(first.weekday, 1u);
  EXPECT_EQ(first.month, 1u);
  EXPECT_TRUE(first.observed);
  EXPECT_EQ(first.from_year, 2000);
  EXPECT_EQ(first.until_year, 2030);
  EXPECT_EQ(first.name, "First");
  EXPECT_EQ(set.rules()[1].nth, -1);
  EXPECT_EQ(set.rules()[1].name, "Second");
  EXPECT_EQ(set.rules()[2].kind, HolidayRule::Kind::kFixed);
  EXPECT_EQ(set.rules()[2].name, "Fête nationale — 日本");
  EXPECT_EQ(set.rules()[3].kind, HolidayRule::Kind::kOnce);
  EXPECT_EQ(set.rules()[3].year, 2030);
}

TEST(HolidayFile, EmptyAndCommentOnlyFilesHaveNoHolidays) {
  for (std::string_view text : {"", "\n\n", "# nothing\n   \t\n#", "\r\n"}) {
    HolidayCalendar calendar{HolidaySet::parse(text, "t")};
    EXPECT_TRUE(calendar.set().rules().empty());
    EXPECT_TRUE(calendar.set().observed_in(date::year{2026}).empty());
    EXPECT_FALSE(calendar.is_holiday(local(2026, 1, 1)));
  }
}

// Every malformed line: the whole message, with file, line and column of the problem.
TEST(HolidayFile, ErrorsNameFileLineAndColumn) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"01-01 | | A\n3rd Mo of Jan | | B",
       "t.txt:2:5: unknown weekday, got \"Mo\"; expected Mon, Tue, Wed, Thu, Fri, Sat or Sun"},
      {"6th Mon of Jan | | A",
       "t.txt:1:1: bad ordinal, got \"6th\"; expected 1st, 2nd, 3rd, 4th, 5th or last"},
      {"6th Mon | | A",
       "t.txt:1:1: bad ordinal, got \"6th\"; expected 1st, 2nd, 3rd, 4th, 5th or last"},
      {"3rd Mon | | A", "t.txt:1:1: incomplete rule, got \"3rd Mon\"; expected Nth DAY of MONTH"},
      {"3rd Mon in Jan | | A",
       "t.txt:1:9: unexpected word, got \"in\"; expected \"of\" after the weekday"},
      {"3rd Mon of Jam | | A",
       "t.txt:1:12: unknown month, got \"Jam\"; expected Jan, Feb, Mar, ... or Dec"},
      {"3rd Mon of Jan 2026 | | A",
       "t.txt:1:16: unexpected text after the rule, got \"2026\"; expected '|', or a day offset "
       "+1..+31 or -1..-31"},
      {"4th Thu of Nov +32 | | A",
       "t.txt:1:16: unexpected text after the rule, got \"+32\"; expected '|', or a day offset "
       "+1..+31 or -1..-31"},
      {"4th Thu of Nov +1 x | | A",
       "t.txt:1:19: unexpected text after the rule, got \"x\"; expected '|' and the options"},
      {"13-01 | | A", "t.txt:1:1: no such month, got \"13-01\"; expected a month 01..12"},
      {"  02-30 | | A",
       "t.txt:1:3: no such day in the month, got \"02-30\"; expected a day of the month "
       "(02-29 is allowed)"},
      {"04-31 | | A",
       "t.txt:1:1: no such day in the month, got \"04-31\"; expected a day of the month "
       "(02-29 is allowed)"},
      {"2026-02-29 | | A",
       "t.txt:1:1: no such date, got \"2026-02-29\"; expected a date that exists in the calendar"},
      {"0000-01-01 | | A",
       "t.txt:1:1: year out of range, got \"0000-01-01\"; expected a year 0001..9999"},
      {"1-1 | | A",
       "t.txt:1:1: malformed rule, got \"1-1\"; expected MM-DD, YYYY-MM-DD or Nth DAY of MONTH, "
       "as in 3rd Mon of Jan"},
      {"Christmas | | A",
       "t.txt:1:1: malformed rule, got \"Christmas\"; expected MM-DD, YYYY-MM-DD or Nth DAY of "
       "MONTH, as in 3rd Mon of Jan"},
      {"12-25 observed | | A",
       "t.txt:1:7: unexpected text after the date, got \"observed\"; expected '|' and the options"},
      {" | | A",
       "t.txt:1:1: missing rule, got \"\"; expected MM-DD, YYYY-MM-DD or Nth DAY of MONTH, as in "
       "3rd Mon of Jan"},
      {"01-01 | from 2000, until 1999 | A",
       "t.txt:1:20: until before from, got \"until 1999\"; expected a year no earlier than the "
       "from year 2000"},
      {"01-01 | observed, observed | A",
       "t.txt:1:19: duplicate option, got \"observed\"; expected each option at most once"},
      {"01-01 | from 2000, from 2001 | A",
       "t.txt:1:20: duplicate option, got \"from 2001\"; expected each option at most once"},
      {"01-01 | observed,, from 2000 | A",
       "t.txt:1:18: empty option, got \"\"; expected observed, from YYYY, until YYYY or closed "
       "HH:MM-HH:MM"},
      {"01-01 | observed, | A",
       "t.txt:1:18: empty option, got \"\"; expected observed, from YYYY, until YYYY or closed "
       "HH:MM-HH:MM"},
      {"01-01 | shifted | A",
       "t.txt:1:9: unknown option, got \"shifted\"; expected observed, from YYYY, until YYYY or "
       "closed HH:MM-HH:MM"},
      {"01-01 | observed 2 | A",
       "t.txt:1:18: unexpected text after observed, got \"2\"; expected ',' between options"},
      {"01-01 | from | A",
       "t.txt:1:9: missing year, got \"from\"; expected from YYYY or until YYYY"},
      {"01-01 | from 2000 2001 | A",
       "t.txt:1:19: unexpected text after the year, got \"2001\"; expected ',' between options"},
      {"01-01 | from 0 | A", "t.txt:1:14: bad year, got \"0\"; expected a year 1..9999"},
      {"01-01 | until 10000 | A", "t.txt:1:15: bad year, got \"10000\"; expected a year 1..9999"},
      {"01-01 | from 20x0 | A", "t.txt:1:14: bad year, got \"20x0\"; expected a year 1..9999"},
      {"01-01 | until -5 | A", "t.txt:1:15: bad year, got \"-5\"; expected a year 1..9999"},
      {"# header\n\n01-01 | observed",
       "t.txt:3:1: missing fields, got \"01-01 | observed\"; "
       "expected RULE | OPTIONS | NAME"},
      {"  01-01  ", "t.txt:1:3: missing fields, got \"01-01\"; expected RULE | OPTIONS | NAME"},
      {"01-01 | | A | B",
       "t.txt:1:13: too many fields, got \"| B\"; expected RULE | OPTIONS | NAME (a name cannot "
       "contain '|')"},
      {"01-01 | observed |   # no name",
       "t.txt:1:19: empty name, got \"\"; expected a holiday name after the second '|'"},
      {"01-01 | | A\xff\xfe",
       "t.txt:1:12: invalid UTF-8 in the name, got \"\\xff\\xfe\"; expected UTF-8 text"},
      {"01-01 | | A\xc3",
       "t.txt:1:12: invalid UTF-8 in the name, got \"\\xc3\"; expected UTF-8 text"},
      {"01-01 | | \xed\xa0\x80",  // an encoded surrogate
       "t.txt:1:11: invalid UTF-8 in the name, got \"\\xed\\xa0\\x80\"; expected UTF-8 text"},
      {"01-01 | | \xc0\xaf",  // an overlong '/'
       "t.txt:1:11: invalid UTF-8 in the name, got \"\\xc0\\xaf\"; expected UTF-8 text"},
      {std::string("01-01 | | A\0B", 13),
       "t.txt:1:12: control character, got \"\\x00\"; expected text (is this a holiday file?)"},
      {std::string("01-01 | | A # \0", 15),
       "t.txt:1:15: control character, got \"\\x00\"; expected text (is this a holiday file?)"},
      {"01-01 | | A\rB\r\n",
       "t.txt:1:12: control character, got \"\\x0d\"; expected text (is this a holiday file?)"},
      {"\x7f\x45LF\x02\x01\x01",
       "t.txt:1:1: control character, got \"\\x7f\"; expected text (is this a holiday file?)"},
  };
  for (const auto& [text, message] : cases) EXPECT_EQ(parse_error(text), message) << text;
}

TEST(HolidayFile, ErrorMessagesStayOnOneShortLine) {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919) % 256);
  std::string message = parse_error("01-01 | | " + std::string(200, 'x') + "|" + garbage);
  EXPECT_EQ(message.find('\n'), std::string::npos);
  EXPECT_LT(message.size(), 200u);
  std::string source_error;
  try {
    HolidaySet::parse("bad", "evil\nname");
  } catch (const InputError& e) {
    source_error = e.what();
  }
  EXPECT_EQ(source_error.find('\n'), std::string::npos);
  EXPECT_EQ(source_error.rfind("evil?name:1:1: ", 0), 0u) << source_error;
}

TEST(HolidayFile, HugeLinesParseInLinearTime) {
  const std::size_t huge = 100 * 1000 * 1000;
  std::string name(huge, 'x');
  auto set = HolidaySet::parse("01-01 | | " + name + "\n", "t");
  EXPECT_EQ(set.rules().at(0).name.size(), huge);
  name.clear();
  EXPECT_EQ(parse_error("01-01 | | A" + std::string(huge, ' ') + "| B")
                .rfind("t.txt:1:100000012: too many fields", 0),
            0u);
  EXPECT_EQ(
      parse_error("01-01 | " + std::string(huge, ',') + " | A").rfind("t.txt:1:8: empty option", 0),
      0u);
  EXPECT_EQ(parse_error("3rd" + std::string(huge, ' ') + "Mon" + std::string(huge, '\t')),
            "t.txt:1:1: missing fields, got \"3rd" + std::string(57, ' ') +
                "...\"; expected RULE | OPTIONS | NAME");
  EXPECT_EQ(parse_error(std::string(huge, '|')).rfind("t.txt:1:3: too many fields", 0), 0u);
  EXPECT_TRUE(HolidaySet::parse(std::string(huge, '\n'), "t").rules().empty());
  EXPECT_TRUE(HolidaySet::parse("#" + std::string(huge, '#'), "t").rules().empty());
}

// A small fuzz pass: mutated copies of the built-in files either parse or throw one InputError
// with a one-line message, and whatever parses expands without trouble.
TEST(HolidayFile, MutatedFilesParseOrFailCleanly) {
  const std::string seed = std::string(embedded_holiday_set("us-federal")) +
                           "5th Sat of Feb | observed, until 2400 | Fünfter\n02-29 | | L\n";
  const std::string alphabet = std::string("0123456789-|,# \t\r\n\xc3\xa9ofstlastMonFeb") + '\0';
  std::mt19937 random{20260101};
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
  };
  int parsed = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = seed;
    for (std::size_t edits = 1 + pick(8); edits > 0; --edits) {
      std::size_t at = pick(text.size());
      switch (pick(3)) {
        case 0:
          text[at] = alphabet[pick(alphabet.size())];
          break;
        case 1:
          text.erase(at, 1 + pick(6));
          break;
        default:
          text.insert(at, 1, alphabet[pick(alphabet.size())]);
          break;
      }
    }
    try {
      HolidayCalendar calendar{HolidaySet::parse(text, "m")};
      ++parsed;
      for (int y : {1900, 1971, 2026, 9999}) calendar.holiday_on(local(y, 12, 31));
    } catch (const InputError& e) {
      std::string message = e.what();
      ASSERT_EQ(message.rfind("m:", 0), 0u) << message;
      ASSERT_EQ(message.find('\n'), std::string::npos) << message;
      ASSERT_NE(message.find(", got \""), std::string::npos) << message;
      ASSERT_NE(message.find("; expected "), std::string::npos) << message;
    }
  }
  EXPECT_GT(parsed, 100);
}

TEST(HolidaySet, MergeIsAUnionThatKeepsIdenticalRulesOnce) {
  HolidaySet merged = federal();
  merged.merge(federal());
  merged.merge(merged);
  EXPECT_EQ(merged.rules().size(), federal().rules().size());
  EXPECT_EQ(observed(merged, 2026), observed(federal(), 2026));

  // Same date but a different option or name is a different rule.
  auto extra = HolidaySet::parse(
      "01-01 | observed, from 1870 | New Year's Day\n"
      "01-01 | from 1870 | New Year's Day\n"
      "01-01 | observed, from 1870 | New Year\n",
      "t");
  merged.merge(extra);
  EXPECT_EQ(merged.rules().size(), federal().rules().size() + 2);
  // A duplicate line within one file counts once too.
  EXPECT_EQ(HolidaySet::parse("12-25 | | X\n12-25 | | X\n", "t").rules().size(), 1u);
}

TEST(HolidaySet, CompanyChristmasEveMergesWithFederal) {
  HolidaySet company = federal();
  company.merge(HolidaySet::parse("12-24 | observed | Christmas Eve\n", "company"));
  HolidayCalendar calendar{company};
  // 2022: Eve on Saturday -> Fri 23; Christmas on Sunday -> Mon 26. Both appear.
  EXPECT_EQ(calendar.holiday_on(local(2022, 12, 23)), "Christmas Eve");
  EXPECT_EQ(calendar.holiday_on(local(2022, 12, 26)), kChristmas);
  // 2021 and 2027: Christmas on Saturday is observed on Fri 24, the Eve itself: one day.
  EXPECT_EQ(calendar.holiday_on(local(2021, 12, 24)), "Christmas Day / Christmas Eve");
  EXPECT_EQ(calendar.holiday_on(local(2027, 12, 24)), "Christmas Day / Christmas Eve");
  EXPECT_FALSE(calendar.is_holiday(local(2021, 12, 23)));
  std::vector<std::string> december;
  for (const auto& [day, name] : observed(company, 2021)) {
    if (day >= "2021-12-01") december.push_back(day + " " + name);
  }
  EXPECT_EQ(december,
            (std::vector<std::string>{"2021-12-24 Christmas Day", "2021-12-24 Christmas Eve",
                                      "2021-12-31 New Year's Day"}));
  // 2026: Eve Thursday, Christmas Friday.
  EXPECT_EQ(calendar.holiday_on(local(2026, 12, 24)), "Christmas Eve");
  EXPECT_EQ(calendar.holiday_on(local(2026, 12, 25)), kChristmas);
}

TEST(HolidayCalendar, SameNameOnOneDayIsShownOnce) {
  HolidayCalendar calendar{HolidaySet::parse(
      "07-04 | observed | Independence Day\n07-03 | | Independence Day\n07-03 | | Picnic\n", "t")};
  // 2026: July 4 is a Saturday, observed Friday July 3.
  EXPECT_EQ(calendar.holiday_on(local(2026, 7, 3)), "Independence Day / Picnic");
}

TEST(UsFederalClosures, ParsesAndHoldsTheKnownClosures) {
  HolidaySet closures = builtin("us-federal-closures");
  EXPECT_EQ(closures.rules().size(), 16u);
  for (const HolidayRule& rule : closures.rules()) {
    EXPECT_EQ(rule.kind, HolidayRule::Kind::kOnce) << rule.name;
    EXPECT_FALSE(rule.observed) << rule.name;
    EXPECT_GE(rule.year, 2000) << rule.name;
  }
  HolidaySet both = federal();
  both.merge(closures);
  HolidayCalendar calendar{both};
  EXPECT_EQ(calendar.holiday_on(local(2024, 12, 24)), "Christmas Eve closure");
  EXPECT_EQ(calendar.holiday_on(local(2025, 1, 9)),
            "National Day of Mourning for President Jimmy Carter");
  EXPECT_EQ(calendar.holiday_on(local(2025, 12, 26)), "Day after Christmas closure");
  EXPECT_FALSE(calendar.is_holiday(local(2002, 12, 24)));  // a half day: out of scope
  EXPECT_FALSE(HolidayCalendar{federal()}.is_holiday(local(2024, 12, 24)));
}

TEST(HolidayCalendar, AnswersForFederalDays) {
  HolidayCalendar calendar{federal()};
  EXPECT_EQ(calendar.holiday_on(local(2026, 11, 26)), kThanksgiving);
  EXPECT_EQ(calendar.holiday_on(local(2021, 12, 31)), kNewYear);
  EXPECT_EQ(calendar.holiday_on(local(2026, 7, 3)), kIndependence);
  EXPECT_TRUE(calendar.holiday_on(local(2026, 7, 4)).empty());  // a Saturday: observed the 3rd
  EXPECT_TRUE(calendar.holiday_on(local(2022, 1, 1)).empty());
  EXPECT_TRUE(calendar.holiday_on(local(2022, 1, 3)).empty());
  EXPECT_EQ(calendar.holiday_on(local(2024, 12, 25)), kChristmas);
}

TEST(HolidayCalendar, DaysOutsideTheSupportedYearsAreNotHolidays) {
  HolidayCalendar calendar{HolidaySet::parse("01-01 | | A\n12-31 | | B\n", "t")};
  EXPECT_TRUE(calendar.holiday_on(local(1899, 12, 31)).empty());
  EXPECT_TRUE(calendar.holiday_on(local(10000, 1, 1)).empty());
  EXPECT_TRUE(calendar.holiday_on(local(-32767, 1, 1)).empty());
  EXPECT_TRUE(calendar.holiday_on(date::local_days{date::days{2'000'000'000}}).empty());
  EXPECT_TRUE(calendar.holiday_on(date::local_days{date::days{-2'000'000'000}}).empty());
  EXPECT_EQ(calendar.holiday_on(local(1900, 1, 1)), "A");
  EXPECT_EQ(calendar.holiday_on(local(9999, 12, 31)), "B");
}

TEST(HolidayCalendar, ViewsStayValidAsMoreYearsAreExpanded) {
  HolidayCalendar calendar{federal()};
  std::string_view first = calendar.holiday_on(local(2026, 1, 1));
  for (int y = 1900; y <= 2300; ++y) calendar.holiday_on(local(y, 6, 1));
  EXPECT_EQ(first, kNewYear);
  HolidayCalendar copy = calendar;
  EXPECT_EQ(copy.holiday_on(local(2026, 1, 1)), kNewYear);
}

TEST(HolidayCalendar, LookupOrderDoesNotMatter) {
  const date::local_days first = local(2019, 12, 1);
  const int count = 3 * 366;
  HolidayCalendar in_order{federal()};
  std::vector<std::string> expected;
  for (int i = 0; i < count; ++i) {
    expected.emplace_back(in_order.holiday_on(first + date::days{i}));
  }
  HolidayCalendar scattered{federal()};
  for (int k = 0; k < count; ++k) {
    int i = static_cast<int>((k * 7919L) % count);       // 7919 is prime: every day once
    scattered.holiday_on(local(1900 + k % 8000, 1, 1));  // a year far away in between
    ASSERT_EQ(scattered.holiday_on(first + date::days{i}), expected[static_cast<std::size_t>(i)]);
  }
}

// holiday_on must agree with observed_in on every day: both sets and a company rule together, so
// that some days hold two holidays.
TEST(HolidayCalendar, AgreesWithObservedInOnEveryDay) {
  HolidaySet set = federal();
  set.merge(builtin("us-federal-closures"));
  set.merge(
      HolidaySet::parse("12-24 | observed | Christmas Eve\n5th Fri of Dec | | Fifth\n"
                        "last Sat of Feb | observed | Shifted\n02-29 | | Leap\n",
                        "company"));
  HolidayCalendar calendar{set};
  std::vector<int> years;
  for (int y = 1900; y <= 2100; ++y) years.push_back(y);
  for (int y = 9950; y <= 9999; ++y) years.push_back(y);
  for (int y : {2400, 4321, 6000, 8888}) years.push_back(y);
  std::size_t holidays = 0;
  for (int y : years) {
    std::map<date::sys_days, std::vector<std::string>> names;
    for (const Holiday& h : set.observed_in(date::year{y})) {
      std::vector<std::string>& day = names[h.observed_on];
      if (std::find(day.begin(), day.end(), h.rule->name) == day.end()) day.push_back(h.rule->name);
    }
    std::map<date::sys_days, std::string> expected;
    for (const auto& [day, list] : names) {
      for (const std::string& name : list)
        expected[day] += (expected[day].empty() ? "" : " / ") + name;
    }
    holidays += expected.size();
    date::local_days first = local(y, 1, 1);
    for (date::local_days day = first; day <= local(y, 12, 31); day += date::days{1}) {
      auto it = expected.find(date::sys_days{day.time_since_epoch()});
      std::string want = it == expected.end() ? "" : it->second;
      ASSERT_EQ(calendar.holiday_on(day), want) << date::format("%F", day);
    }
  }
  EXPECT_GT(holidays, years.size() * 11);
}

}  // namespace
}  // namespace sla
