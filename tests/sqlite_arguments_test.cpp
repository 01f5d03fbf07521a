// Tests for the SQLite extension's arguments: every SQL type as a time, a word, seconds and a
// percentage, against parse_time for the times an integer stands for.
#include "sqlite/arguments.hpp"

#include "error.hpp"
#include "test_support.hpp"
#include "time_text.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>

namespace sla {
namespace {

using Type = SqlValue::Type;

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

SqlValue null() {
  return {};
}
SqlValue integer(std::int64_t n) {
  return {Type::kInteger, n, 0, {}};
}
SqlValue real(double x) {
  return {Type::kReal, 0, x, {}};
}
SqlValue text(std::string_view s) {
  return {Type::kText, 0, 0, s};
}
SqlValue blob(std::string_view s) {
  return {Type::kBlob, 0, 0, s};
}

// Returns the InputError message `f` throws, or "" if it throws none.
template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(SqliteArguments, NullAndEmptyTextAreAbsentAndNothingElseIs) {
  EXPECT_TRUE(absent(null()));
  EXPECT_TRUE(absent(text("")));
  EXPECT_FALSE(absent(text(" ")));
  EXPECT_FALSE(absent(integer(0)));
  EXPECT_FALSE(absent(real(0)));
  EXPECT_FALSE(absent(blob("")));
}

TEST(SqliteArguments, TimeTextIsTheTextAsItIs) {
  SqlTextBuffer buffer;
  EXPECT_EQ(time_text(text("2026-11-25 16:30"), "submitted", buffer), "2026-11-25 16:30");
  EXPECT_EQ(time_text(text(""), "submitted", buffer), "");  // parse_time says "empty"
  EXPECT_EQ(time_text(text("2026"), "submitted", buffer), "2026");
}

TEST(SqliteArguments, AnIntegerIsUnixSecondsWrittenAsAnAtForm) {
  SqlTextBuffer buffer;
  EXPECT_EQ(time_text(integer(1795642200), "submitted", buffer), "@1795642200");
  EXPECT_EQ(time_text(integer(-1), "submitted", buffer), "@-1");
  EXPECT_EQ(time_text(integer(std::numeric_limits<std::int64_t>::min()), "submitted", buffer),
            "@-9223372036854775808");
  EXPECT_EQ(time_text(integer(std::numeric_limits<std::int64_t>::max()), "submitted", buffer),
            "@9223372036854775807");
}

TEST(SqliteArguments, RandomIntegersGiveTheInstantTheyCountOrARangeError) {
  std::mt19937_64 rng(11);
  const Zone& zone = test::new_york();
  for (int i = 0; i < 20000; ++i) {
    // Mostly inside 1900..9999, some outside, a few at the ends of int64.
    std::int64_t n = static_cast<std::int64_t>(rng() % 500'000'000'000ULL) - 200'000'000'000LL;
    if (i % 100 == 0) n = static_cast<std::int64_t>(rng());
    SqlTextBuffer buffer;
    const std::string_view t = time_text(integer(n), "submitted", buffer);
    const date::sys_seconds want{std::chrono::seconds{n}};
    if (in_supported_range(want, zone)) {
      EXPECT_EQ(parse_time(t, zone, {}, "submitted"), want) << n;
    } else {
      EXPECT_NE(error_of([&] { parse_time(t, zone, {}, "submitted"); }), "") << n;
    }
  }
}

TEST(SqliteArguments, TimesRefuseRealsBlobsDigitTextAndNow) {
  SqlTextBuffer b;
  EXPECT_EQ(error_of([&] { time_text(real(2461005.5), "submitted", b); }),
            "invalid submitted 2461005.5: a real number; expected a time as text (ISO 8601 like "
            "2026-11-25T16:30:00-05:00, a date or @unix-seconds) or an integer of Unix seconds "
            "such as unixepoch()");
  EXPECT_NE(error_of([&] { time_text(real(kInfinity), "now", b); }).find("invalid now inf: "),
            std::string::npos);
  EXPECT_NE(error_of([&] { time_text(real(-kInfinity), "now", b); }).find("invalid now -inf: "),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              time_text(blob("\x01\x02"), "responded", b);
            }).find("invalid responded (a blob of 2 bytes); expected a time"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              time_text(text("1795642200"), "from", b);
            }).find("invalid from \"1795642200\": digits as text; expected"),
            std::string::npos);
  EXPECT_NE(error_of([&] { time_text(text("-1795642200"), "from", b); }), "");
  for (std::string_view now : {"now", "NOW", "Now"}) {
    EXPECT_EQ(error_of([&] { time_text(text(now), "to", b); }),
              "invalid to \"" + std::string(now) +
                  "\": the extension never reads the clock; expected the time as an argument, "
                  "such as unixepoch() for the current one");
  }
  EXPECT_EQ(error_of([&] { time_text(text("nowadays"), "to", b); }), "");
}

TEST(SqliteArguments, WordsAreTextOrAnIntegersDigits) {
  SqlTextBuffer b;
  EXPECT_EQ(word_text(text("premium"), "tier", b), "premium");
  EXPECT_EQ(word_text(integer(1), "priority", b), "1");
  EXPECT_EQ(word_text(integer(-42), "priority", b), "-42");
  EXPECT_EQ(error_of([&] { word_text(real(1), "priority", b); }),
            "invalid priority 1; expected text or an integer");
  EXPECT_EQ(error_of([&] { word_text(blob("P1"), "priority", b); }),
            "invalid priority (a blob of 2 bytes); expected text or an integer");
}

TEST(SqliteArguments, SecondsAreWholeAndNotNegative) {
  EXPECT_EQ(seconds_of(integer(0), "seconds"), 0);
  EXPECT_EQ(seconds_of(integer(7200), "seconds"), 7200);
  EXPECT_EQ(seconds_of(real(5400.0), "seconds"), 5400);
  EXPECT_EQ(seconds_of(text("3600"), "seconds"), 3600);
  EXPECT_EQ(seconds_of(integer(std::numeric_limits<std::int64_t>::max()), "seconds"),
            std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(error_of([&] { seconds_of(integer(-1), "seconds"); }),
            "invalid seconds -1: negative; expected a whole number of business seconds, 0 or "
            "more");
  for (double x : {1.5, -0.5, 1e300, kInfinity, -kInfinity, kNaN}) {
    EXPECT_NE(error_of([&] { seconds_of(real(x), "seconds"); }).find("not a whole number"),
              std::string::npos)
        << x;
  }
  EXPECT_NE(error_of([&] { seconds_of(text("1h"), "seconds"); }), "");
  EXPECT_NE(error_of([&] { seconds_of(text(""), "seconds"); }), "");
  EXPECT_NE(error_of([&] { seconds_of(text("99999999999999999999"), "seconds"); }), "");
  EXPECT_NE(error_of([&] { seconds_of(blob("1"), "seconds"); }), "");
}

TEST(SqliteArguments, PercentagesGoFromZeroToAHundred) {
  EXPECT_EQ(percent_of(integer(0), "warn_percent"), 0);
  EXPECT_EQ(percent_of(integer(100), "warn_percent"), 100);
  EXPECT_EQ(percent_of(real(62.5), "warn_percent"), 62.5);
  EXPECT_EQ(percent_of(text("80"), "warn_percent"), 80);
  for (const SqlValue& bad :
       {integer(-1), integer(101), integer(std::numeric_limits<std::int64_t>::min()), real(100.5),
        real(kNaN), real(kInfinity), text("80%"), text("nan"), text(""), blob("5")}) {
    EXPECT_NE(
        error_of([&] { percent_of(bad, "warn_percent"); }).find("expected a percentage from 0"),
        std::string::npos);
  }
}

}  // namespace
}  // namespace sla
