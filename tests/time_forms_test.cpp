// Tests of the time forms of SPEC section 9 (RFC 2822, a space before the offset, RFC 9557
// suffixes, one-digit hours) and of the errors that guess what was meant.
#include "error.hpp"
#include "test_support.hpp"
#include "time_text.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <sstream>
#include <string>

namespace sla {
namespace {

using test::ny;
using test::utc;

const date::sys_seconds kNow = utc(2026, 6, 15, 12);

const Zone& zone_named(std::string_view name) {
  static std::map<std::string, Zone, std::less<>> zones;
  auto found = zones.find(name);
  if (found != zones.end()) return found->second;
  test::TestResources resources;
  return zones.emplace(std::string(name), resources.zone(name, "zone suffix")).first->second;
}

ReadTime read(std::string_view text) {
  TimeContext context;
  context.zone = &test::new_york();
  context.now = kNow;
  context.field = "submitted";
  context.suffix_zone = [](std::string_view name) -> const Zone& { return zone_named(name); };
  return read_time(text, context);
}

std::string error_of(std::string_view text) {
  try {
    read(text);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "accepted " << text;
  return "";
}

TEST(TimeForms, Rfc2822) {
  EXPECT_EQ(read("Wed, 25 Nov 2026 16:30:00 -0500").t, utc(2026, 11, 25, 21, 30));
  EXPECT_EQ(read("25 Nov 2026 16:30 -0500").t, utc(2026, 11, 25, 21, 30));
  EXPECT_EQ(read("Wed, 25 Nov 2026 21:30:00 GMT").t, utc(2026, 11, 25, 21, 30));
  EXPECT_EQ(read("wed, 25 nov 2026 21:30:00 UT").t, utc(2026, 11, 25, 21, 30));
  EXPECT_EQ(read("Wed,25 Nov 2026 21:30 Z").t, utc(2026, 11, 25, 21, 30));
  EXPECT_EQ(read("1 Jul 2040 09:05:07 +0200").t, utc(2040, 7, 1, 7, 5, 7));
  EXPECT_TRUE(read("25 Nov 2026 16:30 -0500").offset_given);
  EXPECT_NE(
      error_of("Thu, 25 Nov 2026 16:30:00 -0500").find("the weekday is not that date's (wed)"),
      std::string::npos);
  EXPECT_NE(error_of("Wed, 25 Nov 2026 16:30:00 EST").find("RFC 2822 zone names such as EST"),
            std::string::npos);
  EXPECT_NE(error_of("Wed, 25 Nov 2026 16:30:00").find("no zone after the time"),
            std::string::npos);
  EXPECT_NE(error_of("31 Feb 2026 16:30 GMT").find("no such date"), std::string::npos);
  EXPECT_NE(error_of("25 Noe 2026 16:30 GMT").find("a month Jan..Dec"), std::string::npos);
  EXPECT_NE(error_of("Wednesday, 25 Nov 2026 16:30 GMT").find("not an RFC 2822 date"),
            std::string::npos);
}

TEST(TimeForms, SpaceBeforeTheOffsetAndOneDigitHours) {
  EXPECT_EQ(read("2026-11-25 16:30:00 -0500").t, utc(2026, 11, 25, 21, 30));
  EXPECT_EQ(read("2026-11-25 16:30 +01:00").t, utc(2026, 11, 25, 15, 30));
  EXPECT_EQ(read("2026-11-25 16:30:00 UTC").t, utc(2026, 11, 25, 16, 30));
  EXPECT_EQ(read("2026-11-25 16:30:00 GMT").t, utc(2026, 11, 25, 16, 30));
  EXPECT_EQ(read("2026-11-25 9:05").t, ny(2026, 11, 25, 9, 5));
  EXPECT_EQ(read("2026-11-25T9:05:30Z").t, utc(2026, 11, 25, 9, 5, 30));
  EXPECT_FALSE(read("2026-11-25 9:05").offset_given);
  EXPECT_FALSE(error_of("2026-11-25 16:30  -0500").empty());
  EXPECT_FALSE(error_of("2026-11-25 16:30:00UTC").empty());
  EXPECT_FALSE(error_of("2026-11-25 123:05").empty());
}

TEST(TimeForms, ZoneSuffixMustAgreeWithTheOffset) {
  EXPECT_EQ(read("2026-11-25T16:30:00-05:00[America/New_York]").t, utc(2026, 11, 25, 21, 30));
  EXPECT_EQ(read("2026-07-01T16:30:00+02:00[!Europe/Berlin]").t, utc(2026, 7, 1, 14, 30));
  EXPECT_EQ(read("2026-11-25T21:30Z[UTC]").t, utc(2026, 11, 25, 21, 30));
  EXPECT_NE(error_of("2026-11-25T16:30:00-04:00[America/New_York]")
                .find("the offset does not agree with America/New_York, which is -05:00"),
            std::string::npos);
  EXPECT_NE(error_of("2026-11-25T16:30:00[America/New_York]").find("needs an offset"),
            std::string::npos);
  EXPECT_NE(error_of("2026-11-25T16:30:00-05:00[Mars/Olympus]").find("\"Mars/Olympus\""),
            std::string::npos);
  EXPECT_NE(error_of("2026-11-25T16:30:00-05:00[u-ca=hebrew]").find("suffix tag"),
            std::string::npos);
  EXPECT_FALSE(error_of("2026-11-25T16:30:00-05:00[America/New_York").empty());
  // Without a way to find zones, a suffix is refused.
  TimeContext bare;
  bare.zone = &test::new_york();
  bare.field = "t";
  EXPECT_THROW(read_time("2026-11-25T16:30:00-05:00[America/New_York]", bare), InputError);
}

TEST(TimeForms, ErrorsGuessWhatWasMeant) {
  EXPECT_NE(error_of("1795642200").find("write @1795642200"), std::string::npos);
  EXPECT_NE(error_of("1795642200123").find("milliseconds"), std::string::npos);
  EXPECT_NE(error_of("1795642200123").find("@1795642200"), std::string::npos);
  EXPECT_NE(error_of("11/25/2026").find("--time-format '%m/%d/%Y'"), std::string::npos);
  EXPECT_NE(error_of("25/11/2026 16:30").find("--time-format '%d/%m/%Y %H:%M'"), std::string::npos);
  EXPECT_NE(error_of("25/Nov/26 4:30 PM").find("--time-format '%d/%b/%y %I:%M %p'"),
            std::string::npos);
  EXPECT_NE(error_of("25.11.2026").find("--time-format '%d.%m.%Y'"), std::string::npos);
  EXPECT_NE(error_of("10/11/2026").find("'%m/%d/%Y' or '%d/%m/%Y'"), std::string::npos);
  EXPECT_NE(error_of("26-11-25").find("4 digits"), std::string::npos);
}

// A time written in each form names the same instant.
TEST(TimeForms, RandomInstantsInEveryForm) {
  std::mt19937_64 rng(9);
  std::uniform_int_distribution<long long> when(utc(1901, 1, 1).time_since_epoch().count(),
                                                utc(9998, 1, 1).time_since_epoch().count());
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int i = 0; i < 20000; ++i) {
    const date::sys_seconds t{std::chrono::seconds{when(rng)}};
    const int offset_minutes = static_cast<int>(rng() % 1440) - 720;
    const auto local = t + std::chrono::minutes{offset_minutes};
    const auto day = date::floor<date::days>(local);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss<std::chrono::seconds> tod{local - day};
    const int m = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    char text[96];
    std::snprintf(text, sizeof text, "%s, %u %s %04d %02d:%02d:%02d %c%02d%02d",
                  kDays[date::weekday{day}.c_encoding()], unsigned{ymd.day()},
                  kMonths[unsigned{ymd.month()} - 1], int{ymd.year()},
                  static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                  static_cast<int>(tod.seconds().count()), offset_minutes < 0 ? '-' : '+', m / 60,
                  m % 60);
    ASSERT_EQ(read(text).t, t) << text;
    std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d:%02d %c%02d%02d", int{ymd.year()},
                  unsigned{ymd.month()}, unsigned{ymd.day()}, static_cast<int>(tod.hours().count()),
                  static_cast<int>(tod.minutes().count()), static_cast<int>(tod.seconds().count()),
                  offset_minutes < 0 ? '-' : '+', m / 60, m % 60);
    ASSERT_EQ(read(text).t, t) << text;
    const std::string suffixed = format_time(t, test::new_york()) + "[America/New_York]";
    ASSERT_EQ(read(suffixed).t, t) << suffixed;
  }
}

}  // namespace
}  // namespace sla
