// Tests of durations as policy files write them.
#include "duration.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace sla {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

Duration parse(std::string_view text) {
  std::string why;
  auto d = parse_duration(text, why);
  EXPECT_TRUE(d.has_value()) << text << ": " << why;
  return d.value_or(Duration{});
}

std::string why_not(std::string_view text) {
  std::string why;
  EXPECT_FALSE(parse_duration(text, why).has_value()) << text;
  return why;
}

TEST(Duration, PartsLargestFirstWithOrWithoutSpaces) {
  EXPECT_EQ(parse("2h").on(hours{9}), hours{2});
  EXPECT_EQ(parse("1d").on(hours{9}), hours{9});
  EXPECT_EQ(parse("1d").on(hours{24}), hours{24});
  EXPECT_EQ(parse("1d 4h").on(hours{9}), hours{13});
  EXPECT_EQ(parse("1d4h30m").on(hours{8}), hours{12} + minutes{30});
  EXPECT_EQ(parse("90m").on(hours{9}), minutes{90});
  EXPECT_EQ(parse("  2h  30m ").on(hours{9}), minutes{150});
  EXPECT_EQ(parse("1h 1s").on(hours{9}), seconds{3601});
  EXPECT_EQ(parse("4 h 30 m").on(hours{9}), minutes{270});
  EXPECT_EQ(parse("0h").on(hours{9}), seconds{0});
  EXPECT_TRUE(parse("0d 0s").zero());
}

TEST(Duration, DaysStayApartFromTheRest) {
  Duration d = parse("2d 3h");
  EXPECT_EQ(d.days(), 2);
  EXPECT_EQ(d.rest(), hours{3});
  EXPECT_EQ(d.on(hours{7}), hours{17});
}

TEST(Duration, LabelKeepsTheWrittenParts) {
  EXPECT_EQ(parse("90m").label(), "90m");
  EXPECT_EQ(parse("1d 4h").label(), "1d 4h");
  EXPECT_EQ(parse("1d4h").label(), "1d 4h");
  EXPECT_EQ(parse("0h").label(), "0s");
  EXPECT_EQ(parse("2h").words(), "2 business hours");
  EXPECT_EQ(parse("1h").words(), "1 business hour");
  EXPECT_EQ(parse("1d").words(), "1 business day");
  EXPECT_EQ(parse("30m").words(), "30 business minutes");
  EXPECT_EQ(parse("1d 4h").words(), "1d 4h of business time");
}

TEST(Duration, RejectsWithAReason) {
  EXPECT_EQ(why_not(""), "empty");
  EXPECT_EQ(why_not("   "), "empty");
  EXPECT_EQ(why_not("2"), "a number has no unit (d, h, m or s)");
  EXPECT_EQ(why_not("h"), "a part does not start with a number");
  EXPECT_EQ(why_not("2x"), "unknown unit \"x\" (write d, h, m or s)");
  EXPECT_EQ(why_not("2w"), "unknown unit \"w\" (write d, h, m or s)");
  EXPECT_EQ(why_not("4 hours"), "unknown unit \"hours\" (write d, h, m or s)");
  EXPECT_EQ(why_not("4hm"), "unknown unit \"hm\" (write d, h, m or s)");
  EXPECT_EQ(why_not("4h 1d"), "units must come largest first, each once (d, h, m, s)");
  EXPECT_EQ(why_not("1h 2h"), "units must come largest first, each once (d, h, m, s)");
  EXPECT_EQ(why_not("-2h"), "a part does not start with a number");
  EXPECT_EQ(why_not("2.5h"), "unknown unit '.'");
  EXPECT_EQ(why_not("1000001h"), "a part is larger than 1000000");
  EXPECT_EQ(why_not("99999999999999999999999h"), "a part is larger than 1000000");
}

// Every duration written from random parts reads back to the same parts and seconds.
TEST(Duration, RandomPartsRoundTrip) {
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<std::int64_t> part(0, Duration::kMaxPart);
  for (int i = 0; i < 10000; ++i) {
    Duration d;
    for (auto& p : d.parts) p = rng() % 3 == 0 ? 0 : part(rng);
    const auto back = parse(d.label());
    EXPECT_EQ(back, d) << d.label();
    const seconds day{1 + static_cast<std::int64_t>(rng() % 86400)};
    EXPECT_EQ(back.on(day),
              day * d.parts[0] + hours{d.parts[1]} + minutes{d.parts[2]} + seconds{d.parts[3]});
  }
}

}  // namespace
}  // namespace sla
