// Tests of --time-format: times in a format of the user's, read with date::parse.

// As in time_format.cpp: g++ 12 warns of a variable date::parse sets before use.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

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

// What date::parse says of the whole text, with no memo and no split.
std::optional<TimeFormat::Parsed> whole(const std::string& format, const std::string& text) {
  std::istringstream in(text);
  TimeFormat::Parsed parsed;
  std::string abbreviation;
  std::chrono::minutes offset = std::chrono::minutes::min();
  in >> date::parse(format, parsed.local, abbreviation, offset);
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  if (offset != std::chrono::minutes::min()) {
    parsed.offset = offset;
  } else if (!abbreviation.empty()) {
    if (abbreviation != "UTC" && abbreviation != "GMT") return std::nullopt;
    parsed.offset = std::chrono::seconds{0};
  }
  return parsed;
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
    TimeFormat f(format);
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
      ASSERT_TRUE(same(f.read(text), whole(format, text))) << format << ": \"" << text << "\"";
    }
  }
}

}  // namespace
}  // namespace sla
