// Tests of --time-format: times in a format of the user's, read with date::parse.
#include "time_format.hpp"

#include "error.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sla {
namespace {

date::local_seconds local(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0) {
  return date::local_days{date::year{y} / date::month{m} / date::day{d}} + std::chrono::hours{hh} +
         std::chrono::minutes{mm} + std::chrono::seconds{ss};
}

TEST(TimeFormat, JiraAndSpreadsheetForms) {
  TimeFormat jira("%d/%b/%y %I:%M %p");
  auto parsed = jira.read("25/Nov/26 4:30 PM");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->local, local(2026, 11, 25, 16, 30));
  EXPECT_FALSE(parsed->offset.has_value());
  EXPECT_EQ(jira.read("25/nov/26 12:05 am")->local, local(2026, 11, 25, 0, 5));
  TimeFormat european("%d.%m.%Y %H:%M");
  EXPECT_EQ(european.read("25.11.2026 16:30")->local, local(2026, 11, 25, 16, 30));
  TimeFormat us("%m/%d/%Y %H:%M:%S");
  EXPECT_EQ(us.read("11/25/2026 16:30:05")->local, local(2026, 11, 25, 16, 30, 5));
}

TEST(TimeFormat, OffsetsAndZoneNames) {
  TimeFormat offset("%Y-%m-%d %H:%M %z");
  auto parsed = offset.read("2026-11-25 16:30 -0800");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->local, local(2026, 11, 25, 16, 30));
  EXPECT_EQ(parsed->offset, std::chrono::seconds{-8 * 3600});
  TimeFormat named("%Y-%m-%d %H:%M %Z");
  EXPECT_EQ(named.read("2026-11-25 16:30 UTC")->offset, std::chrono::seconds{0});
  EXPECT_FALSE(named.read("2026-11-25 16:30 PST").has_value());  // ambiguous: refused
}

TEST(TimeFormat, WholeTextOrNothing) {
  TimeFormat f("%d/%m/%Y");
  EXPECT_FALSE(f.read("25/11/2026 extra").has_value());
  EXPECT_FALSE(f.read("25/11").has_value());
  EXPECT_FALSE(f.read("").has_value());
  EXPECT_FALSE(f.read("32/11/2026").has_value());
  EXPECT_FALSE(f.read("2026-11-25").has_value());
  // The same object reads again after a failure.
  EXPECT_EQ(f.read("01/02/2027")->local, local(2027, 2, 1, 0, 0));
  EXPECT_THROW(TimeFormat("dd/mm/yyyy"), InputError);
}

}  // namespace
}  // namespace sla
