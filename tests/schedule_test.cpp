// Tests of the weekly schedule and the text of its intervals.
#include "schedule.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sla {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

std::string why_not(std::string_view text) {
  std::string why;
  EXPECT_FALSE(parse_interval(text, why).has_value()) << text;
  return why;
}

OpenInterval parse(std::string_view text) {
  std::string why;
  auto interval = parse_interval(text, why);
  EXPECT_TRUE(interval.has_value()) << text << ": " << why;
  return interval.value_or(OpenInterval{});
}

TEST(Interval, Forms) {
  EXPECT_EQ(parse("09:00-18:00"), (OpenInterval{hours{9}, hours{18}}));
  EXPECT_EQ(parse("9:00-18:00"), (OpenInterval{hours{9}, hours{18}}));
  EXPECT_EQ(parse("00:00-24:00"), (OpenInterval{hours{0}, hours{24}}));
  EXPECT_EQ(parse("13:00:30-13:00:31"),
            (OpenInterval{hours{13} + seconds{30}, hours{13} + seconds{31}}));
  EXPECT_EQ(parse("08:15-12:45").close - parse("08:15-12:45").open, minutes{270});
}

TEST(Interval, Rejects) {
  EXPECT_EQ(why_not("18:00-09:00"),
            "the end comes before the start (an interval may not cross midnight: write two)");
  EXPECT_EQ(why_not("22:00-02:00"),
            "the end comes before the start (an interval may not cross midnight: write two)");
  EXPECT_EQ(why_not("09:00-09:00"), "the interval is empty");
  EXPECT_EQ(why_not("24:00-24:00"), "24:00 is only an end");
  EXPECT_EQ(why_not("09:00-24:01"), "hours go from 00 to 24 (24:00 only as an end)");
  EXPECT_EQ(why_not("25:00-26:00"), "hours go from 00 to 24 (24:00 only as an end)");
  EXPECT_EQ(why_not("09:60-10:00"), "minutes and seconds go from 00 to 59");
  EXPECT_EQ(why_not("09:00"), "no '-' between the two times");
  EXPECT_EQ(why_not("09:00 - 18:00"), "no '-' between the two times");
  EXPECT_EQ(why_not("9-18"), "a time is not HH:MM or HH:MM:SS");
  EXPECT_EQ(why_not("0900-1800"), "a time is not HH:MM or HH:MM:SS");
  EXPECT_EQ(why_not("09:00-18:00x"), "unexpected text after the end");
  EXPECT_EQ(why_not(""), "a time is not HH:MM or HH:MM:SS");
}

TEST(Interval, FormatReadsBack) {
  for (int open = 0; open < 24 * 3600; open += 3571) {
    for (int close = open + 1; close <= 24 * 3600; close += 7919) {
      OpenInterval interval{seconds{open}, seconds{close}};
      EXPECT_EQ(parse(format_interval(interval)), interval) << format_interval(interval);
    }
  }
  EXPECT_EQ(format_interval({hours{9}, hours{18}}), "09:00-18:00");
  EXPECT_EQ(format_interval({hours{0}, hours{24}}, "\u2013"), "00:00\u201324:00");
  EXPECT_EQ(format_wall_time(hours{13} + seconds{5}), "13:00:05");
}

TEST(WeeklySchedule, AlwaysAndWeekdays) {
  EXPECT_EQ(WeeklySchedule::always().open_per_week(), hours{168});
  EXPECT_EQ(WeeklySchedule::weekdays(hours{9}, hours{18}).open_per_week(), hours{45});
  EXPECT_EQ(WeeklySchedule{}.open_per_week(), seconds{0});
}

}  // namespace
}  // namespace sla
