// Tests for time_text: every input form of SPEC section 4, the errors, and ISO 8601 output.
#include "time_text.hpp"

#include "error.hpp"
#include "test_support.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

namespace sla {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

using test::utc;

const date::sys_seconds kNow = utc(2026, 6, 15, 12);

date::sys_seconds parse(std::string_view text) {
  return parse_time(text, test::new_york(), kNow, "--submitted");
}

// Returns the InputError message parse_time gives for `text`, or "" if it parses.
std::string error_of(std::string_view text) {
  try {
    parse(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

// --- Accepted forms ---------------------------------------------------------------------------

// The shortcut for the forms sla writes agrees with the full reader on random times, and on
// each of them with one character changed, where it must read the same or leave it.
TEST(ParseTime, TheCanonicalShortcutReadsWhatTheFullReaderReads) {
  std::mt19937_64 rng(25);
  const Zone utc_zone = Zone::utc();
  TimeContext context;
  context.zone = &utc_zone;
  int read = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::int64_t s = static_cast<std::int64_t>(rng() % 252'000'000'000ULL) - 2'200'000'000;
    const int offset = static_cast<int>(rng() % 48) * 1800 - 24 * 3600 + 1800;
    char text[96];
    const date::sys_seconds t{seconds{s}};
    const auto local = date::floor<date::days>(t + seconds{offset});
    const date::year_month_day ymd{local};
    const date::hh_mm_ss<seconds> time{t + seconds{offset} - local};
    const int oh = std::abs(offset) / 3600, om = std::abs(offset) % 3600 / 60;
    std::snprintf(text, sizeof text, "%04d-%02u-%02u%c%02d:%02d:%02d%c%02d:%02d",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), "Tt "[rng() % 3],
                  static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()), offset < 0 ? '-' : '+', oh, om);
    std::string form = text;
    if (offset == 0 && rng() % 2 == 0) form = form.substr(0, 19) + "Z";
    for (int mutation = 0; mutation < 4; ++mutation) {
      std::string variant = form;
      // Bytes next to the digits too ('/', ';', '?', 0xB9), which a digit test by ranges of
      // bits could let through.
      if (mutation > 0) variant[rng() % variant.size()] = "0123456789:-+TZ9 x/;?\xB9"[rng() % 22];
      const auto fast = read_canonical_time(variant);
      if (mutation == 0) {
        ASSERT_TRUE(fast.has_value()) << variant;
        EXPECT_EQ(*fast, t) << variant;
      }
      if (!fast || !in_supported_range(*fast, utc_zone)) continue;
      ++read;
      try {
        const ReadTime full = read_time_in_full(variant, context);
        EXPECT_EQ(full.t, *fast) << variant;
        EXPECT_TRUE(full.offset_given) << variant;
      } catch (const InputError& e) {
        ADD_FAILURE() << variant << " read by the shortcut, refused in full: " << e.what();
      }
    }
  }
  EXPECT_GT(read, 20000);
}

// Every month and day number, valid or not, of years of each leap rule: the shortcut takes
// what the full reader takes, at the same instant, and leaves the rest.
TEST(ParseTime, TheCanonicalShortcutKnowsEveryMonthsDays) {
  const Zone utc_zone = Zone::utc();
  TimeContext context;
  context.zone = &utc_zone;
  int read = 0;
  for (const int y : {0, 1, 399, 400, 1600, 1900, 1969, 1970, 2000, 2023, 2024, 2100, 9999}) {
    for (unsigned mo = 0; mo <= 19; ++mo) {
      for (unsigned d = 0; d <= 39; ++d) {
        char text[32];
        std::snprintf(text, sizeof text, "%04d-%02u-%02uT23:59:58+01:30", y, mo, d);
        const auto fast = read_canonical_time(text);
        const date::year_month_day ymd{date::year{y}, date::month{mo}, date::day{d}};
        ASSERT_EQ(fast.has_value(), ymd.ok()) << text;
        if (!fast) continue;
        EXPECT_EQ(*fast, date::sys_days{ymd} + std::chrono::hours{22} + std::chrono::minutes{29} +
                             seconds{58})
            << text;
        if (!in_supported_range(*fast, utc_zone)) continue;
        EXPECT_EQ(read_time_in_full(text, context).t, *fast) << text;
        ++read;
      }
    }
  }
  EXPECT_GT(read, 2500);
}

// Unix seconds as "@digits": the shortcut reads what the full reader reads, and leaves signs,
// fractions, other bytes and longer numbers to it.
TEST(ParseTime, TheCanonicalShortcutReadsUnixSeconds) {
  const Zone utc_zone = Zone::utc();
  TimeContext context;
  context.zone = &utc_zone;
  std::mt19937_64 rng(1204);
  int read = 0, left = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::uint64_t digits = 1 + rng() % 14;
    std::string text = "@";
    for (std::uint64_t d = 0; d < digits; ++d) text += static_cast<char>('0' + rng() % 10);
    if (i % 3 == 1) text[1 + rng() % (text.size() - 1)] = "-.+x/:; 9"[rng() % 9];
    if (i % 7 == 2) text.insert(1, "-");
    const auto fast = read_canonical_time(text);
    if (!fast) {
      ++left;
      continue;
    }
    EXPECT_LE(text.size(), 13U) << text;
    if (!in_supported_range(*fast, utc_zone)) continue;
    try {
      const ReadTime full = read_time_in_full(text, context);
      EXPECT_EQ(full.t, *fast) << text;
      EXPECT_TRUE(full.offset_given) << text;
      ++read;
    } catch (const InputError& e) {
      ADD_FAILURE() << text << " read by the shortcut, refused in full: " << e.what();
    }
  }
  EXPECT_GT(read, 5000);
  EXPECT_GT(left, 5000);
  EXPECT_EQ(read_canonical_time("@1795642200"),
            date::sys_seconds{std::chrono::seconds{1795642200}});
  EXPECT_FALSE(read_canonical_time("@"));
}

// Every day of years 0..9999 at its midnight, against the date library's count of days.
TEST(ParseTime, TheCanonicalShortcutCountsEveryDay) {
  const date::sys_days first{date::year{0} / 1 / 1}, end{date::year{10000} / 1 / 1};
  int read = 0;
  for (date::sys_days day = first; day < end; day += date::days{1}) {
    const date::year_month_day ymd{day};
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT00:00:00Z", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    const auto fast = read_canonical_time(text);
    ASSERT_TRUE(fast.has_value()) << text;
    ASSERT_EQ(*fast, date::sys_seconds{day}) << text;
    ++read;
  }
  EXPECT_EQ(read, (end - first).count());
}

TEST(ParseTime, OffsetForms) {
  const auto expected = utc(2026, 11, 25, 21, 30);
  EXPECT_EQ(parse("2026-11-25T21:30:00Z"), expected);
  EXPECT_EQ(parse("2026-11-25T16:30:00-05:00"), expected);
  EXPECT_EQ(parse("2026-11-25T16:30:00-0500"), expected);
  EXPECT_EQ(parse("2026-11-25T16:30:00-05"), expected);
  EXPECT_EQ(parse("2026-11-25T16:30-05:00"), expected);
  EXPECT_EQ(parse("2026-11-25 16:30:00-05:00"), expected);
  EXPECT_EQ(parse("2026-11-25t21:30:00z"), expected);
  EXPECT_EQ(parse("2026-11-26T03:00:00+05:30"), expected);
  EXPECT_EQ(parse("2026-11-25T21:30:00+00:00"), expected);
  EXPECT_EQ(parse("2026-11-25T21:30:00-00:00"), expected);
  EXPECT_EQ(parse("2026-11-26T09:15:00+1145"), expected);
}

TEST(ParseTime, FractionalSecondsAreTruncated) {
  EXPECT_EQ(parse("2026-11-25T16:30:00.123-05:00"), utc(2026, 11, 25, 21, 30));
  EXPECT_EQ(parse("2026-11-25T16:30:59.999999999Z"), utc(2026, 11, 25, 16, 30, 59));
  EXPECT_EQ(parse("2026-11-25T16:30:07.5"), utc(2026, 11, 25, 21, 30, 7));
}

TEST(ParseTime, WallTimeInTheZone) {
  EXPECT_EQ(parse("2026-11-25T16:30:00"), utc(2026, 11, 25, 21, 30));  // EST
  EXPECT_EQ(parse("2026-07-01 09:00"), utc(2026, 7, 1, 13));           // EDT
  EXPECT_EQ(parse("2040-07-02T12:00"), utc(2040, 7, 2, 16));           // EDT via the footer
  EXPECT_EQ(parse_time("2026-07-01T09:00", Zone::utc(), kNow, "x"), utc(2026, 7, 1, 9));
}

TEST(ParseTime, DateAloneIsLocalMidnight) {
  EXPECT_EQ(parse("2026-11-25"), utc(2026, 11, 25, 5));
  EXPECT_EQ(parse("2026-07-04"), utc(2026, 7, 4, 4));
  // Where midnight itself was skipped, the day starts when the clocks jumped.
  const Zone havana = Zone::from_posix("Havana", "CST5CDT,M3.2.0/0,M11.1.0/1");
  EXPECT_EQ(parse_time("2030-03-10", havana, kNow, "x"), utc(2030, 3, 10, 5));
  EXPECT_THROW(parse_time("2030-03-10T00:30", havana, kNow, "x"), InputError);
}

TEST(ParseTime, FallBackTakesTheEarlierInstant) {
  EXPECT_EQ(parse("2026-11-01T01:30"), utc(2026, 11, 1, 5, 30));  // EDT
  EXPECT_EQ(parse("2026-11-01T01:30-05:00"), utc(2026, 11, 1, 6, 30));
}

TEST(ParseTime, SpringForwardGapIsAnError) {
  const std::string message = error_of("2026-03-08T02:30");
  EXPECT_EQ(message,
            "invalid --submitted \"2026-03-08T02:30\": the local time does not exist in "
            "America/New_York because the clocks skip from 2026-03-08T02:00:00 to "
            "2026-03-08T03:00:00; expected a wall time the clocks show, or a time with an offset "
            "such as -05:00");
  EXPECT_EQ(parse("2026-03-08T02:30-05:00"), utc(2026, 3, 8, 7, 30));
  EXPECT_EQ(parse("2026-03-08T03:00"), utc(2026, 3, 8, 7));
}

TEST(ParseTime, UnixSeconds) {
  EXPECT_EQ(parse("@1795642200"), date::sys_seconds{seconds{1795642200}});
  EXPECT_EQ(parse("@0"), date::sys_seconds{seconds{0}});
  EXPECT_EQ(parse("@-86400"), date::sys_seconds{seconds{-86400}});
  EXPECT_EQ(parse("@1.5"), date::sys_seconds{seconds{1}});
  EXPECT_EQ(parse("@1.999"), date::sys_seconds{seconds{1}});
  EXPECT_EQ(parse("@-1.5"), date::sys_seconds{seconds{-2}});
  EXPECT_EQ(parse("@-1.0"), date::sys_seconds{seconds{-1}});
  EXPECT_EQ(parse("@-0.001"), date::sys_seconds{seconds{-1}});
  EXPECT_EQ(parse("@0001795642200"), date::sys_seconds{seconds{1795642200}});
}

TEST(ParseTime, Now) {
  EXPECT_EQ(parse("now"), kNow);
  EXPECT_EQ(parse("NOW"), kNow);
  EXPECT_EQ(parse("Now"), kNow);
  EXPECT_FALSE(error_of("nowx").empty());
  EXPECT_FALSE(error_of("no").empty());
}

TEST(ParseTime, SupportedRangeEnds) {
  EXPECT_EQ(parse("1900-01-01"), utc(1900, 1, 1, 5));
  EXPECT_EQ(parse("1900-01-01T00:00:00-05:00"), utc(1900, 1, 1, 5));
  EXPECT_EQ(parse("9999-12-31T23:59:59"), utc(10000, 1, 1, 4, 59, 59));
  EXPECT_EQ(parse("@-2208970800"), utc(1900, 1, 1, 5));
  EXPECT_EQ(parse("@253402318799"), utc(10000, 1, 1, 4, 59, 59));
}

// --- Errors -----------------------------------------------------------------------------------

TEST(ParseTime, MessageForm) {
  EXPECT_EQ(error_of("2026-02-30"),
            "invalid --submitted \"2026-02-30\": no such date; expected ISO 8601 like "
            "2026-11-25T16:30:00-05:00, RFC 2822 like Wed, 25 Nov 2026 16:30:00 -0500, a date, "
            "@unix-seconds or now");
  EXPECT_EQ(error_of("1899-12-31T23:59:59"),
            "invalid --submitted \"1899-12-31T23:59:59\": outside the supported range; expected "
            "a time from 1900-01-01 to 9999-12-31 in America/New_York");
}

TEST(ParseTime, ImpossibleDatesAndTimes) {
  for (const char* text :
       {"2026-02-30", "2026-13-01", "2025-02-29", "2026-00-10", "2026-04-31", "2026-01-00",
        "2026-11-25T24:00", "2026-11-25T24:00:00Z", "2026-11-25T16:60", "2026-11-25T16:30:60",
        "2026-11-25T16:30:61Z", "2026-11-25T99:00"}) {
    EXPECT_FALSE(error_of(text).empty()) << text;
  }
  EXPECT_NE(error_of("2026-11-25T16:30:60").find("leap seconds"), std::string::npos);
  EXPECT_NE(error_of("2026-11-25T24:00").find("hours go from 00 to 23"), std::string::npos);
  EXPECT_EQ(parse("2024-02-29"), utc(2024, 2, 29, 5));
}

TEST(ParseTime, BadOffsets) {
  for (const char* text :
       {"2026-11-25T16:30:00+24:00", "2026-11-25T16:30:00-25", "2026-11-25T16:30:00+05:60",
        "2026-11-25T16:30:00+5", "2026-11-25T16:30:00+050", "2026-11-25T16:30:00+05:0",
        "2026-11-25T16:30:00+05:00:00", "2026-11-25T16:30:00UTC", "2026-11-25T16:30:00  Z",
        "2026-11-25T16:30:00Zz", "2026-11-25T16:30:00+", "2026-11-25T16:30:00-05:"}) {
    EXPECT_FALSE(error_of(text).empty()) << text;
  }
  EXPECT_NE(error_of("2026-11-25T16:30:00+24:00").find("less than 24 hours"), std::string::npos);
  EXPECT_EQ(parse("2026-11-25T16:30:00+23:59"), utc(2026, 11, 24, 16, 31));
  EXPECT_EQ(parse("2026-11-25T16:30:00 Z"), utc(2026, 11, 25, 16, 30));  // SPEC section 9
}

TEST(ParseTime, MalformedText) {
  for (const char* text : {"",
                           " ",
                           "2026",
                           "2026-11",
                           "26-11-25",
                           "02026-11-25",
                           "2026-1-25",
                           "2026-11-5",
                           "2026/11/25",
                           "20261125",
                           "2026-11-25T",
                           "2026-11-25T16",
                           "2026-11-25T1630",
                           "2026-11-25T16:3",
                           "2026-11-25T16:30:0",
                           "2026-11-25T16:30.5",
                           "2026-11-25T16:30:00.",
                           "2026-11-25T16:30:00,5",
                           "2026-11-25x",
                           "2026-11-25  16:30",
                           "2026-11-25_16:30",
                           "2026-11-25T16:30:00Z junk",
                           "tomorrow",
                           "@",
                           "@-",
                           "@+5",
                           "@1e9",
                           "@1.",
                           "@.5",
                           "@12x",
                           "@ 5",
                           "@--1",
                           "-2026-11-25",
                           "+2026-11-25"}) {
    EXPECT_FALSE(error_of(text).empty()) << text;
  }
  EXPECT_NE(error_of("26-11-25").find("4 digits"), std::string::npos);
  EXPECT_NE(error_of("").find(": empty;"), std::string::npos);
}

TEST(ParseTime, OutsideTheSupportedRange) {
  for (const char* text : {"0000-01-01", "1899-12-31", "1899-12-31T23:59:59",
                           "1900-01-01T04:59:59Z", "9999-12-31T23:00:00-06:00", "@-2208970801",
                           "@253402318800", "@99999999999999999999999999999",
                           "@-99999999999999999999999999999.9", "0001-01-01T00:00Z"}) {
    EXPECT_NE(error_of(text).find("outside the supported range"), std::string::npos)
        << text << ": " << error_of(text);
  }
  EXPECT_NE(error_of("10000-01-01").find("4 digits"), std::string::npos);
  EXPECT_EQ(parse("9999-12-31T23:00:00-05:00"), utc(10000, 1, 1, 4));
}

TEST(ParseTime, SpacesAndStrangeBytesAreRejected) {
  for (const std::string& text :
       std::vector<std::string>{" 2026-11-25", "2026-11-25 ", "\t2026-11-25", "2026-11-25\n",
                                std::string("2026-11-25\0", 11), "2026-11-25T16:30\xc2\xa0Z",
                                "n\xc3\xb8w", " now", "now "}) {
    const std::string message = error_of(text);
    EXPECT_FALSE(message.empty()) << text;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
  EXPECT_NE(error_of("2026-11-25 ").find("leading or trailing space"), std::string::npos);
  EXPECT_NE(error_of("2026-11-25\n").find("\\x0a"), std::string::npos);
}

TEST(ParseTime, HugeInputFailsFastWithAShortMessage) {
  const std::string huge(10 * 1024 * 1024, '2');
  const auto start = std::chrono::steady_clock::now();
  const std::string message = error_of(huge);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds{100});
  EXPECT_NE(message.find("too long"), std::string::npos);
  EXPECT_LT(message.size(), 250u);
  EXPECT_NE(message.find("...\""), std::string::npos);
}

TEST(ParseTime, FieldNameLeadsTheMessage) {
  try {
    parse_time("bad", test::new_york(), kNow, "column submitted");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("invalid column submitted \"bad\": ", 0), 0u) << e.what();
  }
}

// --- Output -----------------------------------------------------------------------------------

TEST(FormatTime, NumericOffsetOfTheZone) {
  const Zone& ny = test::new_york();
  EXPECT_EQ(format_time(utc(2026, 11, 27, 14, 30), ny), "2026-11-27T09:30:00-05:00");
  EXPECT_EQ(format_time(utc(2038, 7, 4, 16), ny), "2038-07-04T12:00:00-04:00");
  EXPECT_EQ(format_time(utc(1900, 1, 1, 5), ny), "1900-01-01T00:00:00-05:00");
  EXPECT_EQ(format_time(utc(10000, 1, 1, 4, 59, 59), ny), "9999-12-31T23:59:59-05:00");
  EXPECT_EQ(format_time(utc(1800, 1, 1), ny), "1799-12-31T19:03:58-04:56:02");  // LMT
  EXPECT_EQ(format_time(utc(2026, 7, 1, 9), Zone::utc()), "2026-07-01T09:00:00+00:00");
  EXPECT_EQ(format_time(utc(2026, 7, 1), Zone::from_posix("IST", "IST-5:30")),
            "2026-07-01T05:30:00+05:30");
  EXPECT_EQ(format_time(utc(2026, 7, 1), Zone::from_posix("x", "<-0930>9:30")),
            "2026-06-30T14:30:00-09:30");
}

TEST(FormatTime, AppendAddsToTheEnd) {
  std::string out = "deadline=";
  append_time(out, utc(2026, 11, 27, 14, 30), test::new_york());
  EXPECT_EQ(out, "deadline=2026-11-27T09:30:00-05:00");
}

TEST(FormatTime, UtcWithZ) {
  EXPECT_EQ(format_utc(utc(2026, 11, 27, 14, 30)), "2026-11-27T14:30:00Z");
  EXPECT_EQ(format_utc(date::sys_seconds{seconds{0}}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(date::sys_seconds{seconds{-1}}), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_utc(utc(1900, 1, 1)), "1900-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(utc(9999, 12, 31, 23, 59, 59)), "9999-12-31T23:59:59Z");
}

TEST(FormatTime, OutOfRangeInstantsDoNotCrash) {
  for (auto s : {INT64_MIN, INT64_MAX, std::int64_t{-62167219200} - 86400}) {
    EXPECT_FALSE(format_time(date::sys_seconds{seconds{s}}, test::new_york()).empty());
    EXPECT_FALSE(format_utc(date::sys_seconds{seconds{s}}).empty());
  }
  EXPECT_EQ(format_utc(utc(10000, 1, 1)), "+10000-01-01T00:00:00Z");
}

TEST(FormatTime, ParseReadsWhatFormatWrites) {
  std::mt19937_64 random(7);
  std::uniform_int_distribution<std::int64_t> instants(
      utc(1900, 1, 1, 5).time_since_epoch().count(),
      utc(10000, 1, 1, 4, 59, 59).time_since_epoch().count());
  for (int i = 0; i < 20000; ++i) {
    const date::sys_seconds t{seconds{instants(random)}};
    ASSERT_EQ(parse(format_time(t, test::new_york())), t) << format_time(t, test::new_york());
    ASSERT_EQ(parse(format_utc(t)), t);
  }
}

TEST(InSupportedRange, DatesInTheZone) {
  const Zone& ny = test::new_york();
  EXPECT_TRUE(in_supported_range(utc(1900, 1, 1, 5), ny));
  EXPECT_FALSE(in_supported_range(utc(1900, 1, 1, 4, 59, 59), ny));
  EXPECT_TRUE(in_supported_range(utc(1900, 1, 1), Zone::utc()));
  EXPECT_TRUE(in_supported_range(utc(10000, 1, 1, 4, 59, 59), ny));
  EXPECT_FALSE(in_supported_range(utc(10000, 1, 1, 5), ny));
  EXPECT_FALSE(in_supported_range(date::sys_seconds{seconds{INT64_MAX}}, ny));
  EXPECT_FALSE(in_supported_range(date::sys_seconds{seconds{INT64_MIN}}, ny));
}

TEST(FormatDuration, DaysOfNineHours) {
  constexpr hours kNine{9};
  EXPECT_EQ(format_duration(seconds{0}, kNine), "0m");
  EXPECT_EQ(format_duration(hours{2}, kNine), "2h");
  EXPECT_EQ(format_duration(hours{9}, kNine), "1d");
  EXPECT_EQ(format_duration(hours{18}, kNine), "2d");
  EXPECT_EQ(format_duration(hours{11} + minutes{30}, kNine), "1d 2h 30m");
  EXPECT_EQ(format_duration(hours{9} + minutes{30}, kNine), "1d 30m");
  EXPECT_EQ(format_duration(hours{1} + seconds{5}, kNine), "1h 5s");
  EXPECT_EQ(format_duration(seconds{59}, kNine), "59s");
  EXPECT_EQ(format_duration(minutes{90}, kNine), "1h 30m");
  EXPECT_EQ(format_duration(hours{24}, hours{24}), "1d");
  EXPECT_EQ(format_duration(hours{24}, hours{8}), "3d");
  EXPECT_EQ(format_duration(hours{100} * 9 + seconds{1}, kNine), "100d 1s");
}

}  // namespace
}  // namespace sla
