// Tests of --time-format: times in a format of the user's, read with date::parse.

// As in time_format.cpp: g++ 12 warns of a variable date::parse sets before use.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "time_format.hpp"

#include "error.hpp"

#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>
#include <vector>

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
  // Date 3.0 negates an unset offset where '-' is not followed by its digits: refused first.
  EXPECT_FALSE(offset.read("2026-11-25 16:30 -8").has_value());
  EXPECT_FALSE(offset.read("2026-11-25 16:30 -").has_value());
  TimeFormat colon("%Y-%m-%d %H:%M %Ez");
  EXPECT_EQ(colon.read("2026-11-25 16:30 -5:00")->offset, std::chrono::seconds{-5 * 3600});
  EXPECT_FALSE(colon.read("2026-11-25 16:30 -x").has_value());
}

// Date 3.0's %S leaves a value unset where no digit follows: such a text is refused before
// date::parse reads it (the sanitizer build of this test would see the value used).
TEST(TimeFormat, SecondsAreReadOnlyWhereADigitStands) {
  EXPECT_EQ(TimeFormat::parse_format("%d/%m/%Y %H:%M:%OS"), "%d/%m/%Y %H:%M:%S");
  EXPECT_EQ(TimeFormat::parse_format("%F %T"), "%F %H:%M:%S");
  EXPECT_EQ(TimeFormat::parse_format("%5T%%S"), "%H:%M:%S%%S");
  EXPECT_EQ(TimeFormat::parse_format("%r|%S|%c"), "%I:%M:%S %p|%S|%a %b %e %H:%M:%S %Y");
  EXPECT_THROW(TimeFormat("%T %S"), InputError);
  for (const char* format : {"%d/%m/%Y %H:%M:%S", "%d/%m/%Y %T", "%d/%m/%Y%H:%M:%S"}) {
    TimeFormat f(format);
    const std::string gap = std::string(format).find(' ') != std::string::npos ? " " : "";
    EXPECT_EQ(f.read("25/11/2026" + gap + "16:30:07")->local, local(2026, 11, 25, 16, 30, 7));
    EXPECT_FALSE(f.read("25/11/2026" + gap + "16:30:").has_value()) << format;
    EXPECT_FALSE(f.read("25/11/2026" + gap + "16:30:xx").has_value()) << format;
    EXPECT_FALSE(f.read("25/11/2026" + gap + "16:30:.5").has_value()) << format;
    EXPECT_EQ(f.format(), format);
  }
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
  EXPECT_THROW(TimeFormat("%208970800202Y"), InputError);  // date would overflow the width
  EXPECT_THROW(TimeFormat(std::string("%d\0 %H", 6)), InputError);
  for (const char* bad : {"%t5c", "%n", "%c", "%x", "%Q", "%EY", "%", "%d %", "%51S", "%4Y"}) {
    EXPECT_THROW(TimeFormat{bad}, InputError) << bad;
  }
  EXPECT_EQ(TimeFormat("%%123").format(), "%%123");  // a percent sign, then digits
}

bool same(const std::optional<TimeFormat::Parsed>& a, const std::optional<TimeFormat::Parsed>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->local == b->local && a->offset == b->offset);
}

// The memo of dates and times of day gives what date::parse gives of the whole text, for texts
// good and bad, seen once or again.
TEST(TimeFormat, SplitAndMemoAgreeWithTheWholeText) {
  std::mt19937_64 rng(3);
  const std::vector<std::string> formats = {"%d/%b/%y %I:%M %p", "%d.%m.%Y %H:%M",
                                            "%m/%d/%Y %H:%M:%S", "%Y-%m-%d %H:%M %z",
                                            "%d/%m/%Y %H:%M %Z"};
  const std::string pieces[] = {"25",    "/",   "Nov", "11", "2026", "26", " ",  "  ", "4",
                                ":",     "30",  "PM",  "am", "16",   "24", "99", ".",  "-0800",
                                "+0100", "UTC", "PST", "x",  "0",    "31", "02", "12"};
  for (const std::string& format : formats) {
    TimeFormat f(format), whole(format);
    for (int i = 0; i < 20000; ++i) {
      std::string text;
      const int n = static_cast<int>(rng() % 12);
      for (int k = 0; k < n; ++k) text += pieces[rng() % std::size(pieces)];
      // Half of them well formed: a random instant written in the format.
      if (rng() % 2 == 0) {
        const date::sys_seconds t{std::chrono::minutes{(rng() % 40'000'000) + 15'000'000}};
        text = date::format(format.find("%Z") != std::string::npos
                                ? std::string(format).replace(format.find("%Z"), 2, "UTC")
                            : format.find("%z") != std::string::npos
                                ? std::string(format).replace(format.find("%z"), 2, "+0000")
                                : format,
                            t);
      }
      ASSERT_TRUE(same(f.read(text), whole.read_whole(text))) << format << ": \"" << text << "\"";
    }
  }
}

}  // namespace
}  // namespace sla
