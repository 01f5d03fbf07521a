// Tests of the built-in policy table and the priority and tier spellings.
#include "policy.hpp"

#include "error.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

namespace sla {
namespace {

using std::chrono::hours;

TEST(Policy, TableMatchesTheSeed) {
  Policy p = builtin_policy();
  EXPECT_EQ(p.target(Priority::kP1, Tier::kStandard).business, hours{9});
  EXPECT_EQ(p.target(Priority::kP1, Tier::kPremium).business, hours{2});
  EXPECT_EQ(p.target(Priority::kP2, Tier::kStandard).business, hours{9});
  EXPECT_EQ(p.target(Priority::kP2, Tier::kPremium).business, hours{2});
  EXPECT_EQ(p.target(Priority::kP3, Tier::kStandard).business, hours{18});
  EXPECT_EQ(p.target(Priority::kP3, Tier::kPremium).business, hours{9});
  EXPECT_EQ(p.target(Priority::kP4, Tier::kStandard).business, hours{27});
  EXPECT_EQ(p.target(Priority::kP4, Tier::kPremium).business, hours{18});
  EXPECT_EQ(p.terms_for(Priority::kP4).follow_up, "No follow-up defined");
  EXPECT_EQ(p.terms_for(Priority::kP1).follow_up, p.terms_for(Priority::kP2).follow_up);
  EXPECT_EQ(p.time_zone, "America/New_York");
  EXPECT_EQ(p.close - p.open, p.business_day);
}

TEST(Policy, TargetLabelsAndWords) {
  Policy p = builtin_policy();
  EXPECT_EQ(p.target(Priority::kP1, Tier::kPremium).label(), "2h");
  EXPECT_EQ(p.target(Priority::kP1, Tier::kStandard).label(), "1d");
  EXPECT_EQ(p.target(Priority::kP1, Tier::kPremium).words(), "2 business hours");
  EXPECT_EQ(p.target(Priority::kP3, Tier::kPremium).words(), "1 business day");
  EXPECT_EQ(p.target(Priority::kP4, Tier::kStandard).words(), "3 business days");
}

TEST(Policy, EveryLabelAgreesWithItsSeconds) {
  Policy p = builtin_policy();
  for (const PriorityTerms& t : p.terms) {
    for (const Target& target : {t.standard, t.premium}) {
      auto unit = target.unit == 'd' ? p.business_day : std::chrono::seconds{hours{1}};
      EXPECT_EQ(target.business, unit * target.amount) << target.label();
    }
  }
}

TEST(Policy, ScheduleIsWeekdaysNineToSix) {
  WeeklySchedule s = builtin_policy().schedule();
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
  const char* spellings[4][3] = {
      {"P1", "1", "urgent"}, {"P2", "2", "high"}, {"P3", "3", "normal"}, {"P4", "4", "low"}};
  for (int i = 0; i < 4; ++i) {
    for (std::string s : spellings[i]) {
      EXPECT_EQ(parse_priority(s), static_cast<Priority>(i + 1)) << s;
      for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      EXPECT_EQ(parse_priority(s), static_cast<Priority>(i + 1)) << s;
      for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      EXPECT_EQ(parse_priority(s), static_cast<Priority>(i + 1)) << s;
    }
  }
  EXPECT_EQ(priority_code(parse_priority("UrGeNt")), "P1");
}

TEST(ParsePriority, RejectsOthersQuotingTheValue) {
  for (const char* bad : {"", "P0", "P5", "5", "0", "P", "urgentt", " P1", "P1 ", "critical"}) {
    try {
      parse_priority(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(quote(bad)), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("P1..P4"), std::string::npos) << e.what();
    }
  }
}

TEST(ParseTier, AcceptsBothTiersRejectsOthers) {
  EXPECT_EQ(parse_tier("standard"), Tier::kStandard);
  EXPECT_EQ(parse_tier("PREMIUM"), Tier::kPremium);
  EXPECT_EQ(tier_name(parse_tier("Premium")), "premium");
  EXPECT_THROW(parse_tier("gold"), InputError);
  EXPECT_THROW(parse_tier(""), InputError);
}

}  // namespace
}  // namespace sla
