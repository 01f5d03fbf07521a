// Tests of the built-in policy table and the priority and tier spellings.
#include "policy.hpp"

#include "error.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

namespace sla {
namespace {

using std::chrono::hours;
using test::builtin_policy;

// The target of a priority and tier of the built-in policy, on the cell's calendar.
const ResponseCell& cell(std::string_view p, std::string_view t) {
  const Policy& policy = builtin_policy();
  return policy.cell(*policy.find_priority(p), *policy.find_tier(t));
}

std::chrono::seconds target(std::string_view p, std::string_view t) {
  const Policy& policy = builtin_policy();
  const ResponseCell& c = cell(p, t);
  return c.target.on(policy.calendars[policy.calendar_of(c)].day);
}

TEST(Policy, TableMatchesTheSeed) {
  const Policy& p = builtin_policy();
  EXPECT_EQ(target("P1", "standard"), hours{9});
  EXPECT_EQ(target("P1", "premium"), hours{2});
  EXPECT_EQ(target("P2", "standard"), hours{9});
  EXPECT_EQ(target("P2", "premium"), hours{2});
  EXPECT_EQ(target("P3", "standard"), hours{18});
  EXPECT_EQ(target("P3", "premium"), hours{9});
  EXPECT_EQ(target("P4", "standard"), hours{27});
  EXPECT_EQ(target("P4", "premium"), hours{18});
  EXPECT_EQ(p.priorities[3].follow_up, "No follow-up defined");
  EXPECT_EQ(p.priorities[0].follow_up, p.priorities[1].follow_up);
  EXPECT_EQ(p.time_zone, "America/New_York");
  const Calendar& business = p.calendars[p.default_calendar];
  EXPECT_EQ(business.week.by_weekday[1][0].close - business.week.by_weekday[1][0].open,
            business.day);
}

TEST(Policy, TargetLabelsAndWords) {
  EXPECT_EQ(cell("P1", "premium").target.label(), "2h");
  EXPECT_EQ(cell("P1", "standard").target.label(), "1d");
  EXPECT_EQ(cell("P1", "premium").target.words(), "2 business hours");
  EXPECT_EQ(cell("P3", "premium").target.words(), "1 business day");
  EXPECT_EQ(cell("P4", "standard").target.words(), "3 business days");
}

TEST(Policy, EveryLabelAgreesWithItsSeconds) {
  const Policy& p = builtin_policy();
  for (const ResponseCell& c : p.cells) {
    const auto day = p.calendars[p.calendar_of(c)].day;
    const std::string label = c.target.label();
    const auto unit = label.back() == 'd' ? day : std::chrono::seconds{hours{1}};
    EXPECT_EQ(c.target.on(day), unit * std::stoi(label)) << label;
  }
}

TEST(Policy, ScheduleIsWeekdaysNineToSix) {
  const WeeklySchedule& s = builtin_policy().calendars[0].week;
  for (unsigned wd = 0; wd < 7; ++wd) {
    if (wd == 0 || wd == 6) {
      EXPECT_TRUE(s.by_weekday[wd].empty());
    } else {
      ASSERT_EQ(s.by_weekday[wd].size(), 1u);
      EXPECT_EQ(s.by_weekday[wd][0].open, hours{9});
      EXPECT_EQ(s.by_weekday[wd][0].close, hours{18});
    }
  }
}

TEST(ParsePriority, AcceptsEverySpellingInAnyCase) {
  const Policy& p = builtin_policy();
  const char* spellings[4][3] = {
      {"P1", "1", "urgent"}, {"P2", "2", "high"}, {"P3", "3", "normal"}, {"P4", "4", "low"}};
  for (std::size_t i = 0; i < 4; ++i) {
    for (std::string s : spellings[i]) {
      EXPECT_EQ(parse_priority(p, s), i) << s;
      for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      EXPECT_EQ(parse_priority(p, s), i) << s;
      for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      EXPECT_EQ(parse_priority(p, s), i) << s;
    }
  }
  EXPECT_EQ(p.priorities[parse_priority(p, "UrGeNt")].id, "P1");
}

// The stock priority names of Zendesk, Jira Service Management, Freshdesk and ServiceNow, and
// the text sla writes itself.
TEST(ParsePriority, HelpDeskWords) {
  const Policy& p = builtin_policy();
  const std::pair<const char*, const char*> words[] = {
      {"Urgent", "P1"},      {"High", "P2"},         {"Normal", "P3"},      {"Low", "P4"},
      {"Highest", "P1"},     {"Medium", "P3"},       {"Lowest", "P4"},      {"1 - Critical", "P1"},
      {"2 - High", "P2"},    {"3 - Moderate", "P3"}, {"4 - Low", "P4"},     {"5 - Planning", "P4"},
      {"P1 (Urgent)", "P1"}, {"P2 (High)", "P2"},    {"P3 (Normal)", "P3"}, {"P4 (Low)", "P4"},
      {"CRITICAL", "P1"},    {"moderate", "P3"}};
  for (const auto& [word, id] : words)
    EXPECT_EQ(p.priorities[parse_priority(p, word)].id, id) << word;
}

TEST(ParsePriority, RejectsOthersQuotingTheValue) {
  const Policy& p = builtin_policy();
  for (const char* bad : {"", "P0", "P5", "5", "0", "P", "urgentt", " P1", "P1 ", "severe"}) {
    try {
      parse_priority(p, bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(quote(bad)), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("P1..P4"), std::string::npos) << e.what();
    }
  }
}

TEST(ParseTier, AcceptsBothTiersRejectsOthers) {
  const Policy& p = builtin_policy();
  EXPECT_EQ(parse_tier(p, "standard"), 0u);
  EXPECT_EQ(parse_tier(p, "PREMIUM"), 1u);
  EXPECT_EQ(p.tiers[parse_tier(p, "Premium")].id, "premium");
  EXPECT_THROW(parse_tier(p, "gold"), InputError);
  EXPECT_THROW(parse_tier(p, ""), InputError);
}

}  // namespace
}  // namespace sla
