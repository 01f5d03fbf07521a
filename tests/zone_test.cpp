// Tests for zone: TZif parsing, the footer rule past 2037, wall-time resolution, bad input.
#include "zone.hpp"

#include "embedded.hpp"
#include "error.hpp"
#include "test_support.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace sla {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

using test::utc;

date::local_seconds wall(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0) {
  return date::local_days{date::year{y} / date::month{m} / date::day{d}} + hours{hh} + minutes{mm} +
         seconds{ss};
}

date::sys_seconds at(std::int64_t s) {
  return date::sys_seconds{seconds{s}};
}

// Returns the bytes of a system zoneinfo file, or "" if it is not installed.
std::string read_zoneinfo(const std::string& name) {
  std::ifstream in("/usr/share/zoneinfo/" + name, std::ios::binary | std::ios::ate);
  if (!in) return "";
  std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return in ? bytes : "";
}

// The parts of a TZif v2+ file the tests check against, read independently of zone.cpp.
struct TzifFacts {
  std::vector<std::int64_t> transitions;
  std::string footer;
};

std::uint64_t be(const std::string& s, std::size_t pos, std::size_t n) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v = v << 8 | static_cast<unsigned char>(s[pos + i]);
  return v;
}

TzifFacts facts(const std::string& tzif) {
  auto counts = [&](std::size_t header, std::size_t i) { return be(tzif, header + 20 + 4 * i, 4); };
  auto block = [&](std::size_t header, std::uint64_t t) {
    return counts(header, 3) * (t + 1) + counts(header, 4) * 6 + counts(header, 5) +
           counts(header, 2) * (t + 4) + counts(header, 1) + counts(header, 0);
  };
  const std::size_t second = static_cast<std::size_t>(44 + block(0, 4));
  TzifFacts f;
  for (std::uint64_t i = 0; i < counts(second, 3); ++i) {
    f.transitions.push_back(static_cast<std::int64_t>(be(tzif, second + 44 + 8 * i, 8)));
  }
  const std::size_t footer = static_cast<std::size_t>(second + 44 + block(second, 8)) + 1;
  f.footer = tzif.substr(footer, tzif.find('\n', footer) - footer);
  return f;
}

::testing::AssertionResult same_offset(const Zone& a, const Zone& b, date::sys_seconds t) {
  const ZoneOffset x = a.offset_at(t);
  const ZoneOffset y = b.offset_at(t);
  if (x.utc_offset == y.utc_offset && x.is_dst == y.is_dst && x.abbreviation == y.abbreviation) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << a.name() << " at " << t.time_since_epoch().count() << ": table " << x.utc_offset.count()
         << " " << x.abbreviation << " dst=" << x.is_dst << ", rule " << y.utc_offset.count() << " "
         << y.abbreviation << " dst=" << y.is_dst;
}

// --- America/New_York, the policy zone -------------------------------------------------------

TEST(Zone, NewYorkSummerAndWinter) {
  const Zone& ny = test::new_york();
  EXPECT_EQ(ny.name(), "America/New_York");
  ZoneOffset summer = ny.offset_at(utc(2026, 7, 1, 16));
  EXPECT_EQ(summer.utc_offset, hours{-4});
  EXPECT_TRUE(summer.is_dst);
  EXPECT_EQ(summer.abbreviation, "EDT");
  ZoneOffset winter = ny.offset_at(utc(2026, 1, 15, 17));
  EXPECT_EQ(winter.utc_offset, hours{-5});
  EXPECT_FALSE(winter.is_dst);
  EXPECT_EQ(winter.abbreviation, "EST");
}

TEST(Zone, NewYorkPast2037UsesTheFooterRule) {
  const Zone& ny = test::new_york();
  auto july4 = ny.from_local(wall(2038, 7, 4, 12));
  ASSERT_TRUE(july4);
  EXPECT_EQ(*july4, utc(2038, 7, 4, 16));
  EXPECT_EQ(ny.offset_at(*july4).abbreviation, "EDT");
  EXPECT_EQ(ny.offset_at(*july4).utc_offset, hours{-4});
  EXPECT_EQ(ny.offset_at(utc(2040, 7, 2, 16)).utc_offset, hours{-4});
  EXPECT_EQ(ny.offset_at(utc(2040, 12, 25, 17)).utc_offset, hours{-5});
  EXPECT_EQ(ny.offset_at(utc(9999, 7, 1)).abbreviation, "EDT");
  EXPECT_EQ(ny.offset_at(utc(9999, 12, 31, 23)).abbreviation, "EST");
}

// US rule since 2007: daylight time from the second Sunday of March 02:00 EST to the first
// Sunday of November 02:00 EDT. Computed here with date's weekday arithmetic.
TEST(Zone, NewYorkTransitionsEveryYearTo9999) {
  const Zone& ny = test::new_york();
  for (int y = 2007; y <= 9999; y += (y < 2200 ? 1 : 97)) {
    const date::year year{y};
    const date::sys_seconds start =
        date::sys_days{year / date::March / date::Sunday[2]} + hours{2 + 5};
    const date::sys_seconds end =
        date::sys_days{year / date::November / date::Sunday[1]} + hours{2 + 4};
    ASSERT_EQ(ny.offset_at(start - seconds{1}).utc_offset, hours{-5}) << y;
    ASSERT_EQ(ny.offset_at(start).utc_offset, hours{-4}) << y;
    ASSERT_EQ(ny.offset_at(end - seconds{1}).utc_offset, hours{-4}) << y;
    ASSERT_EQ(ny.offset_at(end).utc_offset, hours{-5}) << y;
    ASSERT_EQ(ny.offset_at(utc(y, 1, 1)).abbreviation, "EST") << y;
    ASSERT_EQ(ny.offset_at(utc(y, 12, 31, 23, 59, 59)).abbreviation, "EST") << y;
  }
}

TEST(Zone, NewYork1900AndLocalMeanTime) {
  const Zone& ny = test::new_york();
  EXPECT_EQ(ny.offset_at(utc(1900, 1, 1, 5)).utc_offset, hours{-5});
  EXPECT_EQ(ny.offset_at(utc(1900, 7, 1)).abbreviation, "EST");
  // Before the first transition (railway time, 1883-11-18 17:00 UTC): time type 0, LMT.
  const ZoneOffset lmt = ny.offset_at(utc(1800, 1, 1));
  EXPECT_EQ(lmt.abbreviation, "LMT");
  EXPECT_EQ(lmt.utc_offset, -(hours{4} + minutes{56} + seconds{2}));
  EXPECT_EQ(ny.offset_at(utc(1883, 11, 18, 16, 59, 59)).abbreviation, "LMT");
  EXPECT_EQ(ny.offset_at(utc(1883, 11, 18, 17)).abbreviation, "EST");
  // Daylight time during World War II was "EWT".
  EXPECT_EQ(ny.offset_at(utc(1943, 1, 1)).abbreviation, "EWT");
}

TEST(Zone, FallBackTakesTheEarlierInstant) {
  const Zone& ny = test::new_york();
  auto t = ny.from_local(wall(2026, 11, 1, 1, 30));
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, utc(2026, 11, 1, 5, 30));  // 01:30 EDT, not 01:30 EST (06:30Z)
  EXPECT_EQ(ny.offset_at(*t).abbreviation, "EDT");
  EXPECT_EQ(ny.from_local_lenient(wall(2026, 11, 1, 1, 30)), *t);
  EXPECT_EQ(ny.from_local(wall(2026, 11, 1, 2, 0)), utc(2026, 11, 1, 7));
  EXPECT_EQ(ny.from_local(wall(2050, 11, 6, 1, 59, 59)), utc(2050, 11, 6, 5, 59, 59));
}

TEST(Zone, SpringForwardGapDoesNotExist) {
  const Zone& ny = test::new_york();
  EXPECT_FALSE(ny.from_local(wall(2026, 3, 8, 2, 30)));
  EXPECT_FALSE(ny.from_local(wall(2026, 3, 8, 2, 0)));
  EXPECT_EQ(ny.from_local(wall(2026, 3, 8, 1, 59, 59)), utc(2026, 3, 8, 6, 59, 59));
  EXPECT_EQ(ny.from_local(wall(2026, 3, 8, 3, 0)), utc(2026, 3, 8, 7));
  EXPECT_EQ(ny.from_local_lenient(wall(2026, 3, 8, 2, 30)), utc(2026, 3, 8, 7));
  EXPECT_FALSE(ny.from_local(wall(2045, 3, 12, 2, 15)));  // footer rule
  EXPECT_EQ(ny.from_local_lenient(wall(2045, 3, 12, 2, 15)), utc(2045, 3, 12, 7));
}

TEST(Zone, WallTimesRoundTripEveryHalfHour) {
  const Zone& ny = test::new_york();
  for (auto t = utc(2030, 1, 1); t < utc(2042, 1, 1); t += minutes{30}) {
    const date::local_seconds local = ny.to_local(t);
    auto back = ny.from_local(local);
    ASSERT_TRUE(back) << t.time_since_epoch().count();
    // The second 01:xx of a fall-back night maps to the first, an hour earlier.
    if (*back != t) {
      ASSERT_EQ(*back, t - hours{1}) << t.time_since_epoch().count();
    }
  }
}

TEST(Zone, NewYork1900And9999WallTimes) {
  const Zone& ny = test::new_york();
  EXPECT_EQ(ny.from_local(wall(1900, 1, 1)), utc(1900, 1, 1, 5));
  EXPECT_EQ(ny.from_local(wall(9999, 12, 31, 23, 59, 59)), utc(10000, 1, 1, 4, 59, 59));
  EXPECT_EQ(ny.from_local(wall(9999, 7, 1, 12)), utc(9999, 7, 1, 16));
  EXPECT_EQ(ny.to_local(utc(9999, 7, 1, 16)), wall(9999, 7, 1, 12));
}

TEST(Zone, ExtremeInstantsDoNotCrash) {
  const Zone& ny = test::new_york();
  for (std::int64_t s : {INT64_MIN, INT64_MIN + 1, -(std::int64_t{1} << 59), std::int64_t{0},
                         std::int64_t{1} << 59, INT64_MAX - 1, INT64_MAX}) {
    (void)ny.offset_at(at(s));
    const date::local_seconds local{seconds{s}};
    (void)ny.from_local(local);
    (void)ny.from_local_lenient(local);
  }
  EXPECT_EQ(ny.offset_at(at(INT64_MAX)).abbreviation.empty(), false);
}

// For every transition of the explicit table from 2007 (when the current US rule began) to
// 2037, the footer rule alone gives the same local time type on both sides: this proves the
// rule code against zic's own output.
TEST(Zone, NewYorkFooterAgreesWithTheTable) {
  const std::string bytes(embedded_new_york_tzif());
  const TzifFacts f = facts(bytes);
  ASSERT_EQ(f.footer, "EST5EDT,M3.2.0,M11.1.0");
  const Zone& table = test::new_york();
  const Zone rule = Zone::from_posix("footer", f.footer);
  int checked = 0;
  for (std::int64_t t : f.transitions) {
    if (t < utc(2007, 1, 1).time_since_epoch().count()) continue;
    ASSERT_TRUE(same_offset(table, rule, at(t - 1)));
    ASSERT_TRUE(same_offset(table, rule, at(t)));
    ++checked;
  }
  EXPECT_EQ(checked, 62);  // two a year, 2007..2037
  // And the check has teeth: under the 1987-2006 rule, April 2006 differs.
  EXPECT_FALSE(same_offset(table, rule, utc(2006, 3, 20)));
}

// --- Other zones from the system database -------------------------------------------------------

struct DiskZone {
  const char* name;
  int footer_from;  // the first year whose table follows the footer rule
  const char* footer;
};

class FooterAgreement : public ::testing::TestWithParam<DiskZone> {};

// For each transition and every six hours from the year the current rule began to the end of
// the table, the footer-only zone agrees with the table.
TEST_P(FooterAgreement, TableAndFooterAgree) {
  const DiskZone& z = GetParam();
  const std::string bytes = read_zoneinfo(z.name);
  if (bytes.empty()) GTEST_SKIP() << z.name << " is not installed";
  const TzifFacts f = facts(bytes);
  EXPECT_EQ(f.footer, z.footer);
  const Zone table = Zone::from_tzif(z.name, bytes);
  const Zone rule = Zone::from_posix("footer", f.footer);
  const date::sys_seconds from = utc(std::max(z.footer_from, 2000), 1, 1);
  for (std::int64_t t : f.transitions) {
    if (t < from.time_since_epoch().count()) continue;
    ASSERT_TRUE(same_offset(table, rule, at(t - 1)));
    ASSERT_TRUE(same_offset(table, rule, at(t)));
  }
  for (auto t = from; t < utc(2038, 1, 1); t += hours{6}) {
    ASSERT_TRUE(same_offset(table, rule, t));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Zones, FooterAgreement,
    ::testing::Values(DiskZone{"Europe/Berlin", 1996, "CET-1CEST,M3.5.0,M10.5.0/3"},
                      DiskZone{"Australia/Lord_Howe", 2008, "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0"},
                      DiskZone{"Asia/Tehran", 2023, "<+0330>-3:30"},
                      DiskZone{"America/Sao_Paulo", 2020, "<-03>3"},
                      DiskZone{"Pacific/Apia", 2022, "<+13>-13"},
                      DiskZone{"Europe/Dublin", 1996, "IST-1GMT0,M10.5.0,M3.5.0/1"},
                      DiskZone{"Asia/Jerusalem", 2013, "IST-2IDT,M3.4.4/26,M10.5.0"},
                      DiskZone{"Pacific/Chatham", 2008,
                               "<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45"},
                      DiskZone{"America/Havana", 2028, "CST5CDT,M3.2.0/0,M11.1.0/1"},
                      DiskZone{"Antarctica/Troll", 2006, "<+00>0<+02>-2,M3.5.0/1,M10.5.0/3"},
                      DiskZone{"America/St_Johns", 2012, "NST3:30NDT,M3.2.0,M11.1.0"},
                      DiskZone{"Australia/Sydney", 2008, "AEST-10AEDT,M10.1.0,M4.1.0/3"}),
    [](const ::testing::TestParamInfo<DiskZone>& param_info) {
      std::string name = param_info.param.name;
      for (char& c : name) {
        if (c == '/') c = '_';
      }
      return name;
    });

// Every zone of the system database loads, and where its footer has daylight time and its
// table runs to 2037, the last table year follows the footer.
TEST(Zone, EveryInstalledZoneLoadsAndEndsOnItsFooter) {
  namespace fs = std::filesystem;
  std::error_code error;
  int loaded = 0;
  int rule_zones = 0;
  for (fs::recursive_directory_iterator it("/usr/share/zoneinfo", error), end; it != end;
       it.increment(error)) {
    if (error || !it->is_regular_file()) continue;
    const std::string name = fs::relative(it->path(), "/usr/share/zoneinfo").string();
    if (name.rfind("right/", 0) == 0) continue;  // leap seconds: rejected, tested below
    const std::string bytes = read_zoneinfo(name);
    if (bytes.rfind("TZif", 0) != 0) continue;
    const Zone table = Zone::from_tzif(name, bytes);
    const TzifFacts f = facts(bytes);
    ++loaded;
    if (f.transitions.empty() || f.footer.empty()) continue;
    const Zone rule = Zone::from_posix("footer", f.footer);
    const std::int64_t last = f.transitions.back();
    EXPECT_TRUE(same_offset(table, rule, at(last))) << name;
    // Fat tables run to 2037 on the footer rule; longer ones (Gaza, Morocco) follow Ramadan.
    const bool fat_to_2037 = last >= utc(2037, 1, 1).time_since_epoch().count() &&
                             last < utc(2038, 1, 1).time_since_epoch().count();
    if (f.footer.find(',') == std::string::npos || !fat_to_2037) continue;
    ++rule_zones;
    for (auto t = f.transitions.rbegin(); t != f.transitions.rend() && *t >= last - 86400 * 365;
         ++t) {
      EXPECT_TRUE(same_offset(table, rule, at(*t - 1))) << name;
      EXPECT_TRUE(same_offset(table, rule, at(*t))) << name;
    }
  }
  if (loaded == 0) GTEST_SKIP() << "no system zoneinfo";
  EXPECT_GT(loaded, 300);
  EXPECT_GT(rule_zones, 100);
}

// glibc's localtime in one zone after another, for the length of a test: TZ is put back after.
class GlibcLocaltime {
 public:
  GlibcLocaltime() {
    const char* saved = std::getenv("TZ");
    had_tz_ = saved != nullptr;
    if (had_tz_) saved_tz_ = saved;
  }
  GlibcLocaltime(const GlibcLocaltime&) = delete;
  GlibcLocaltime& operator=(const GlibcLocaltime&) = delete;
  ~GlibcLocaltime() {
    if (had_tz_) {
      setenv("TZ", saved_tz_.c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }
  // Makes the system zone file `name` glibc's zone.
  void use(const char* name) {
    setenv("TZ", (std::string(":/usr/share/zoneinfo/") + name).c_str(), 1);
    tzset();
  }
  // Returns glibc's local time at `s` seconds since 1970 (tm_gmtoff, tm_isdst, tm_zone).
  std::tm at(std::int64_t s) const {
    const std::time_t t = static_cast<std::time_t>(s);
    std::tm tm{};
    if (localtime_r(&t, &tm) == nullptr) ADD_FAILURE() << "localtime_r failed at " << s;
    return tm;
  }

 private:
  bool had_tz_ = false;
  std::string saved_tz_;
};

// glibc's localtime_r reads the same files and applies the footer after 2037: an independent
// implementation to compare with, at random instants from 1900 to 2500.
TEST(Zone, AgreesWithGlibcLocaltime) {
  const char* zones[] = {"America/New_York", "Europe/Berlin",     "Australia/Lord_Howe",
                         "Asia/Tehran",      "America/Sao_Paulo", "Pacific/Apia",
                         "Europe/Dublin",    "Asia/Jerusalem",    "America/Godthab",
                         "America/Santiago", "Africa/Cairo",      "Asia/Gaza",
                         "Pacific/Chatham",  "America/Havana",    "Africa/Casablanca"};
  GlibcLocaltime glibc;
  std::mt19937_64 random(42);
  std::uniform_int_distribution<std::int64_t> instants(utc(1900, 1, 1).time_since_epoch().count(),
                                                       utc(2500, 1, 1).time_since_epoch().count());
  for (const char* name : zones) {
    const std::string bytes = read_zoneinfo(name);
    if (bytes.empty()) continue;
    const Zone zone = Zone::from_tzif(name, bytes);
    glibc.use(name);
    for (int i = 0; i < 3000; ++i) {
      const std::int64_t s = instants(random);
      const std::tm tm = glibc.at(s);
      const ZoneOffset offset = zone.offset_at(at(s));
      ASSERT_EQ(offset.utc_offset.count(), tm.tm_gmtoff) << name << " at " << s;
      ASSERT_EQ(offset.is_dst, tm.tm_isdst > 0) << name << " at " << s;
      ASSERT_EQ(offset.abbreviation, tm.tm_zone) << name << " at " << s;
    }
  }
}

// At each change of offset from 1900 to 2100 (where the lookup steps through the table's
// buckets), and a second either side of it, as glibc's localtime says.
TEST(Zone, AgreesWithGlibcAtEveryChange) {
  const char* zones[] = {"America/New_York", "Australia/Lord_Howe", "Pacific/Apia", "Europe/Dublin",
                         "America/Sao_Paulo"};
  GlibcLocaltime glibc;
  int changes = 0;
  for (const char* name : zones) {
    const std::string bytes = read_zoneinfo(name);
    if (bytes.empty()) continue;
    const Zone zone = Zone::from_tzif(name, bytes);
    glibc.use(name);
    const std::int64_t end = utc(2100, 1, 1).time_since_epoch().count();
    for (std::int64_t t = utc(1900, 1, 1).time_since_epoch().count(); t < end;) {
      const std::int64_t next = zone.offset_stretch(at(t)).until;
      ASSERT_GT(next, t) << name;
      if (next >= end) break;
      ++changes;
      for (const std::int64_t s : {next - 1, next, next + 1}) {
        ASSERT_EQ(zone.offset_at(at(s)).utc_offset.count(), glibc.at(s).tm_gmtoff)
            << name << " at " << s;
      }
      t = next;
    }
  }
  EXPECT_GT(changes, 600);
}

// A stretch holds its instant and one offset throughout: checked at its ends, from the
// table and from the footer rule (New York past 2037, and a zone of a POSIX string alone).
TEST(Zone, OffsetStretchesHoldOneOffset) {
  std::vector<Zone> zones;
  for (const char* name : {"America/New_York", "Australia/Lord_Howe", "Pacific/Apia"}) {
    const std::string bytes = read_zoneinfo(name);
    if (!bytes.empty()) zones.push_back(Zone::from_tzif(name, bytes));
  }
  zones.push_back(Zone::from_posix("P", "PST8PDT,M3.2.0,M11.1.0"));
  zones.push_back(Zone::utc());
  std::mt19937_64 random(7);
  std::uniform_int_distribution<std::int64_t> instants(utc(1890, 1, 1).time_since_epoch().count(),
                                                       utc(2600, 1, 1).time_since_epoch().count());
  int bounded = 0;
  for (const Zone& zone : zones) {
    for (int i = 0; i < 20000; ++i) {
      const std::int64_t t = instants(random);
      const Zone::OffsetStretch s = zone.offset_stretch(at(t));
      const std::int64_t offset = zone.offset_at(at(t)).utc_offset.count();
      ASSERT_EQ(s.utc_offset, offset) << zone.name() << " at " << t;
      ASSERT_LE(s.from, t) << zone.name();
      ASSERT_GT(s.until, t) << zone.name();
      if (s.from != INT64_MIN) {
        ASSERT_EQ(zone.offset_at(at(s.from)).utc_offset.count(), offset) << zone.name() << t;
      }
      if (s.until != INT64_MAX) {
        ++bounded;
        ASSERT_EQ(zone.offset_at(at(s.until - 1)).utc_offset.count(), offset) << zone.name() << t;
        // Mid-way too: a stretch is never two offsets that happen to match at its ends.
        ASSERT_EQ(zone.offset_at(at(s.from / 2 + s.until / 2)).utc_offset.count(), offset)
            << zone.name() << t;
      }
    }
  }
  EXPECT_GT(bounded, 40000);
}

TEST(Zone, LordHoweHalfHourDaylightTime) {
  const std::string bytes = read_zoneinfo("Australia/Lord_Howe");
  if (bytes.empty()) GTEST_SKIP();
  const Zone zone = Zone::from_tzif("Australia/Lord_Howe", bytes);
  // 2040 is past the table. Clocks go 02:00 -> 02:30 on the first Sunday of October.
  EXPECT_FALSE(zone.from_local(wall(2040, 10, 7, 2, 15)));
  EXPECT_EQ(zone.from_local(wall(2040, 10, 7, 2, 30)), utc(2040, 10, 6, 15, 30));
  EXPECT_EQ(zone.from_local_lenient(wall(2040, 10, 7, 2, 15)), utc(2040, 10, 6, 15, 30));
  // And 02:00 -> 01:30 on the first Sunday of April: 01:45 happens twice.
  EXPECT_EQ(zone.from_local(wall(2040, 4, 1, 1, 45)), utc(2040, 3, 31, 14, 45));
  EXPECT_EQ(zone.offset_at(utc(2040, 1, 1)).utc_offset, hours{11});
  EXPECT_EQ(zone.offset_at(utc(2040, 7, 1)).utc_offset, hours{10} + minutes{30});
}

TEST(Zone, ApiaSkippedAWholeDay) {
  const std::string bytes = read_zoneinfo("Pacific/Apia");
  if (bytes.empty()) GTEST_SKIP();
  const Zone zone = Zone::from_tzif("Pacific/Apia", bytes);
  // Samoa jumped from the end of 2011-12-29 (-10) to 2011-12-31 (+14).
  EXPECT_FALSE(zone.from_local(wall(2011, 12, 30, 12)));
  EXPECT_EQ(zone.from_local_lenient(wall(2011, 12, 30, 12)), utc(2011, 12, 30, 10));
  EXPECT_EQ(zone.from_local(wall(2011, 12, 31)), utc(2011, 12, 30, 10));
  EXPECT_EQ(zone.from_local(wall(2011, 12, 29, 23, 59, 59)), utc(2011, 12, 30, 9, 59, 59));
}

// --- POSIX TZ strings -------------------------------------------------------------------------

TEST(Zone, PosixUsRule) {
  const Zone z = Zone::from_posix("test", "EST5EDT,M3.2.0,M11.1.0");
  EXPECT_EQ(z.name(), "test");
  EXPECT_EQ(z.offset_at(utc(2026, 3, 8, 6, 59, 59)).abbreviation, "EST");
  EXPECT_EQ(z.offset_at(utc(2026, 3, 8, 7)).abbreviation, "EDT");
  EXPECT_EQ(z.offset_at(utc(2026, 11, 1, 5, 59, 59)).abbreviation, "EDT");
  EXPECT_EQ(z.offset_at(utc(2026, 11, 1, 6)).abbreviation, "EST");
  EXPECT_EQ(z.offset_at(utc(1900, 7, 1)).abbreviation, "EDT");  // a rule alone applies always
}

TEST(Zone, PosixWithoutDaylightTime) {
  const Zone tehran = Zone::from_posix("t", "<+0330>-3:30");
  EXPECT_EQ(tehran.offset_at(utc(2050, 6, 1)).utc_offset, hours{3} + minutes{30});
  EXPECT_EQ(tehran.offset_at(utc(2050, 6, 1)).abbreviation, "+0330");
  EXPECT_FALSE(tehran.offset_at(utc(2050, 6, 1)).is_dst);
  const Zone brazil = Zone::from_posix("b", "<-03>3");
  EXPECT_EQ(brazil.offset_at(utc(2050, 1, 1)).utc_offset, hours{-3});
  EXPECT_EQ(brazil.from_local(wall(2050, 1, 1)), utc(2050, 1, 1, 3));
  EXPECT_EQ(Zone::from_posix("j", "JST-9").offset_at(utc(3000, 1, 1)).utc_offset, hours{9});
}

TEST(Zone, PosixEuropeanRuleWithTime) {
  const Zone z = Zone::from_posix("cet", "CET-1CEST,M3.5.0,M10.5.0/3");
  EXPECT_EQ(z.offset_at(utc(2026, 3, 29, 0, 59, 59)).abbreviation, "CET");
  EXPECT_EQ(z.offset_at(utc(2026, 3, 29, 1)).abbreviation, "CEST");
  EXPECT_EQ(z.offset_at(utc(2026, 10, 25, 0, 59, 59)).abbreviation, "CEST");
  EXPECT_EQ(z.offset_at(utc(2026, 10, 25, 1)).abbreviation, "CET");
  // Month with five Sundays and without: M3.5.0 is the last Sunday either way.
  const date::sys_days last_sunday{date::year{2065} / date::March / date::Sunday[date::last]};
  EXPECT_EQ(z.offset_at(last_sunday + hours{1} - seconds{1}).abbreviation, "CET");
  EXPECT_EQ(z.offset_at(last_sunday + hours{1}).abbreviation, "CEST");
}

TEST(Zone, PosixJulianDayForms) {
  // Jn counts 1..365 and never Feb 29: J60 is always March 1.
  const Zone j = Zone::from_posix("j", "AAA0BBB,J60/0,J300/0");
  EXPECT_EQ(j.offset_at(utc(2024, 2, 29, 23, 59, 59)).abbreviation, "AAA");
  EXPECT_EQ(j.offset_at(utc(2024, 3, 1)).abbreviation, "BBB");
  EXPECT_EQ(j.offset_at(utc(2023, 3, 1)).abbreviation, "BBB");
  // n counts 0..365 and does count Feb 29: day 59 is Feb 29 in a leap year.
  const Zone n = Zone::from_posix("n", "AAA0BBB,59/0,300/0");
  EXPECT_EQ(n.offset_at(utc(2024, 2, 28, 23, 59, 59)).abbreviation, "AAA");
  EXPECT_EQ(n.offset_at(utc(2024, 2, 29)).abbreviation, "BBB");
  EXPECT_EQ(n.offset_at(utc(2023, 2, 28, 23)).abbreviation, "AAA");
  EXPECT_EQ(n.offset_at(utc(2023, 3, 1)).abbreviation, "BBB");
}

TEST(Zone, PosixTransitionTimesBeyondTheDay) {
  // Version 3 extension: times from -167 to 167 hours, signed.
  const Zone z = Zone::from_posix("x", "AAA0BBB-1,M3.2.0/167,M11.1.0/-167");
  const date::sys_days start{date::year{2030} / date::March / date::Sunday[2]};
  const date::sys_days end{date::year{2030} / date::November / date::Sunday[1]};
  EXPECT_EQ(z.offset_at(start + hours{167} - seconds{1}).abbreviation, "AAA");
  EXPECT_EQ(z.offset_at(start + hours{167}).abbreviation, "BBB");
  EXPECT_EQ(z.offset_at(end - hours{167} - hours{1} - seconds{1}).abbreviation, "BBB");
  EXPECT_EQ(z.offset_at(end - hours{167} - hours{1}).abbreviation, "AAA");
  // Greenland: daylight time starts at -1:00, the Saturday before the last Sunday of March.
  const Zone nuuk = Zone::from_posix("nuuk", "<-02>2<-01>,M3.5.0/-1,M10.5.0/0");
  EXPECT_EQ(nuuk.offset_at(utc(2030, 3, 31, 0, 59, 59)).utc_offset, hours{-2});
  EXPECT_EQ(nuuk.offset_at(utc(2030, 3, 31, 1)).utc_offset, hours{-1});
}

TEST(Zone, PosixDaylightTimeAllYear) {
  // tzfile(5): starting Jan 1 00:00 and ending Dec 31 at 24:00 + the DST offset means DST
  // all year.
  const Zone z = Zone::from_posix("x", "EST5EDT,0/0,J365/25");
  for (int y : {1900, 2023, 2024, 2100, 9999}) {
    for (auto t : {utc(y, 1, 1), utc(y, 1, 1, 5), utc(y, 3, 1), utc(y, 12, 31, 23, 59, 59),
                   utc(y, 12, 31, 4, 59, 59), utc(y, 7, 1)}) {
      EXPECT_EQ(z.offset_at(t).abbreviation, "EDT") << y << " " << t.time_since_epoch().count();
    }
    EXPECT_EQ(z.from_local(wall(y, 1, 1)), utc(y, 1, 1, 4));
    EXPECT_EQ(z.from_local(wall(y, 12, 31, 23, 30)), utc(y + 1, 1, 1, 3, 30));
  }
}

TEST(Zone, PosixSouthernAndNegativeDaylightTime) {
  const Zone howe = Zone::from_posix("lh", "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0");
  EXPECT_EQ(howe.offset_at(utc(2050, 1, 1)).utc_offset, hours{11});
  EXPECT_EQ(howe.offset_at(utc(2050, 7, 1)).utc_offset, hours{10} + minutes{30});
  // Ireland: "standard" IST +1 in summer, "daylight" GMT in winter (negative DST).
  const Zone dublin = Zone::from_posix("ie", "IST-1GMT0,M10.5.0,M3.5.0/1");
  EXPECT_EQ(dublin.offset_at(utc(2050, 1, 1)).abbreviation, "GMT");
  EXPECT_TRUE(dublin.offset_at(utc(2050, 1, 1)).is_dst);
  EXPECT_EQ(dublin.offset_at(utc(2050, 7, 1)).abbreviation, "IST");
  EXPECT_EQ(dublin.offset_at(utc(2050, 7, 1)).utc_offset, hours{1});
}

TEST(Zone, PosixDaylightNameWithoutRuleGetsTheUsRule) {
  const Zone z = Zone::from_posix("x", "EST5EDT");
  EXPECT_EQ(z.offset_at(utc(2030, 7, 1)).abbreviation, "EDT");
  EXPECT_EQ(z.offset_at(utc(2030, 7, 1)).utc_offset, hours{-4});
  const Zone explicit_offset = Zone::from_posix("x", "AAA5BBB3:30,M3.2.0,M11.1.0");
  EXPECT_EQ(explicit_offset.offset_at(utc(2030, 7, 1)).utc_offset, -(hours{3} + minutes{30}));
}

TEST(Zone, MalformedPosixStringsThrow) {
  for (const char* tz : {"",
                         "EST",
                         "5",
                         "ES5",
                         "EST+",
                         "EST25",
                         "EST5:60",
                         "EST5EDT,",
                         "EST5EDT,M3.2.0",
                         "EST5EDT,M13.1.0,M11.1.0",
                         "EST5EDT,M3.6.0,M11.1.0",
                         "EST5EDT,M3.2.7,M11.1.0",
                         "EST5EDT,M0.2.0,M11.1.0",
                         "EST5EDT,J0,J100",
                         "EST5EDT,J366,J100",
                         "EST5EDT,366,J100",
                         "EST5EDT,M3.2.0/168,M11.1.0",
                         "EST5EDT,M3.2.0,M11.1.0x",
                         "<AB>5",
                         "<ABC5",
                         "EST5 ",
                         "EST5EDT,M3.2.0/1:2:3:4,M11.1.0",
                         "EST5EDT4,M3.2.0,M11.1.0,",
                         "EST0005"}) {
    EXPECT_THROW(Zone::from_posix("My/Zone", tz), InputError) << tz;
  }
  try {
    Zone::from_posix("My/Zone", "EST5EDT,M13.1.0,M11.1.0");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("\"My/Zone\""), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("\"EST5EDT,M13.1.0,M11.1.0\""), std::string::npos);
  }
}

TEST(Zone, Utc) {
  const Zone z = Zone::utc();
  EXPECT_EQ(z.name(), "UTC");
  EXPECT_EQ(z.offset_at(utc(2026, 7, 1)).utc_offset, seconds{0});
  EXPECT_EQ(z.offset_at(utc(2026, 7, 1)).abbreviation, "UTC");
  EXPECT_EQ(z.from_local(wall(2026, 3, 8, 2, 30)), utc(2026, 3, 8, 2, 30));
}

TEST(Zone, AbbreviationsSurviveCopyAndMove) {
  Zone copy = test::new_york();
  const std::string_view abbreviation = copy.offset_at(utc(2026, 7, 1)).abbreviation;
  Zone moved = std::move(copy);
  EXPECT_EQ(abbreviation, "EDT");
  EXPECT_EQ(moved.offset_at(utc(2050, 1, 1)).abbreviation, "EST");
}

// --- Malformed TZif ---------------------------------------------------------------------------

// Builds a TZif file: version 1 (`version` 0) or a v2+ file with an empty v1 block.
std::string build_tzif(char version, const std::vector<std::int64_t>& times,
                       const std::vector<std::uint8_t>& indexes,
                       const std::vector<std::int32_t>& offsets, const std::string& chars,
                       const std::string& footer) {
  auto put = [](std::string& s, std::uint64_t v, int n) {
    for (int i = n - 1; i >= 0; --i) s += static_cast<char>(v >> (8 * i) & 0xff);
  };
  auto header = [&](std::string& s, std::size_t timecnt, std::size_t typecnt, std::size_t charcnt) {
    s += "TZif";
    s += version;
    s += std::string(15, '\0');
    for (std::size_t c :
         {std::size_t{0}, std::size_t{0}, std::size_t{0}, timecnt, typecnt, charcnt}) {
      put(s, c, 4);
    }
  };
  auto block = [&](std::string& s, int time_size) {
    header(s, times.size(), offsets.size(), chars.size());
    for (auto t : times) put(s, static_cast<std::uint64_t>(t), time_size);
    for (auto i : indexes) s += static_cast<char>(i);
    for (std::size_t i = 0; i < offsets.size(); ++i) {
      put(s, static_cast<std::uint32_t>(offsets[i]), 4);
      s += static_cast<char>(i % 2);
      s += '\0';
    }
    s += chars;
  };
  std::string s;
  if (version == 0) {
    block(s, 4);
    return s;
  }
  header(s, 0, 1, 1);
  s += std::string(6 + 1, '\0');
  block(s, 8);
  return s + "\n" + footer + "\n";
}

TEST(Zone, ParsesVersion1AndVersion4) {
  const std::string v1 =
      build_tzif(0, {1000000000}, {1}, {-18000, -14400}, std::string("XST\0", 4), "");
  const Zone a = Zone::from_tzif("v1", v1);
  EXPECT_EQ(a.offset_at(at(999999999)).utc_offset, hours{-5});
  EXPECT_EQ(a.offset_at(at(1000000000)).utc_offset, hours{-4});
  EXPECT_EQ(a.offset_at(utc(2100, 1, 1)).utc_offset, hours{-4});  // no footer: last type
  const std::string v4 = build_tzif('4', {}, {}, {3600}, std::string("ABC\0", 4), "EST5EDT");
  const Zone b = Zone::from_tzif("v4", v4);
  EXPECT_EQ(b.offset_at(utc(2030, 7, 1)).abbreviation, "EDT");  // no transitions: footer
}

// Transitions further apart than INT64_MAX seconds (as the fuzzer found): the table is
// searched without its bucket index, and offsets are right on either side of each.
TEST(Zone, TransitionsFurtherApartThanAnyIndexSpans) {
  const std::int64_t early = -4'000'000'000'000'000'000, late = 6'000'000'000'000'000'000;
  const std::string bytes =
      build_tzif('2', {early, 0, late}, {1, 0, 1}, {-18000, -14400}, std::string("XST\0", 4), "");
  const Zone zone = Zone::from_tzif("far", bytes);
  for (const std::int64_t t : {early - 1, early, std::int64_t{-1}, std::int64_t{0}, late - 1, late,
                               std::int64_t{INT64_MAX}}) {
    const std::int64_t want = (t >= early && t < 0) || t >= late ? -14400 : -18000;
    EXPECT_EQ(zone.offset_at(at(t)).utc_offset.count(), want) << t;
    EXPECT_EQ(zone.offset_stretch(at(t)).utc_offset, want) << t;
  }
}

// A jump forward of nearly a day, and 256 s later one back further than it (as the fuzzer
// found): the wall times the first skipped come again after the second, so they exist.
TEST(Zone, AWallTimeSkippedAndShownLaterExists) {
  const std::string bytes =
      build_tzif('2', {0, 256}, {1, 0}, {256, 85336}, std::string("XST\0", 4), "");
  const Zone zone = Zone::from_tzif("jumps", bytes);
  for (const std::int64_t t : {std::int64_t{300}, std::int64_t{64688}, std::int64_t{85000}}) {
    const auto local = zone.to_local(at(t));
    const std::optional<date::sys_seconds> back = zone.from_local(local);
    ASSERT_TRUE(back.has_value()) << t;
    EXPECT_EQ(zone.to_local(*back), local) << t;
    EXPECT_LE(back->time_since_epoch().count(), t) << t;
    EXPECT_EQ(zone.from_local_lenient(local), *back) << t;
  }
  // 300 local is skipped at 0 and shown nowhere after: it does not exist, and is the jump.
  const auto skipped = date::local_seconds{std::chrono::seconds{300}};
  EXPECT_FALSE(zone.from_local(skipped).has_value());
  EXPECT_EQ(zone.from_local_lenient(skipped).time_since_epoch().count(), 0);
}

TEST(Zone, MalformedTzifThrowsNamingTheZone) {
  const std::string chars("ABC\0", 4);
  const std::vector<std::string> bad = {
      "",
      "TZif",
      "TZjf" + std::string(40, '\0'),
      build_tzif('5', {}, {}, {0}, chars, ""),                      // unknown version
      build_tzif('2', {}, {}, {}, chars, ""),                       // no types
      build_tzif('2', {}, {}, {0}, "", ""),                         // no characters
      build_tzif('2', {5, 5}, {0, 0}, {0}, chars, ""),              // times not ascending
      build_tzif('2', {5}, {1}, {0}, chars, ""),                    // type index out of range
      build_tzif('2', {}, {}, {0}, "ABC", ""),                      // abbreviation not ended
      build_tzif('2', {}, {}, {100000}, chars, ""),                 // offset too big
      build_tzif('2', {}, {}, {INT32_MIN}, chars, ""),              // offset -2^31
      build_tzif('2', {}, {}, {0}, std::string("A\x01\0", 3), ""),  // unprintable
      build_tzif('2', {}, {}, {0}, chars, "EST5EDT,M3"),            // bad footer
      build_tzif('2', {}, {}, {0}, chars, "EST5") + "x",            // trailing bytes
      build_tzif('2', {}, {}, {0}, chars, "EST5").substr(0, 110),   // footer not ended
  };
  for (std::size_t i = 0; i < bad.size(); ++i) {
    try {
      Zone::from_tzif("Bad/Zone", bad[i]);
      ADD_FAILURE() << "case " << i << " did not throw";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("\"Bad/Zone\""), std::string::npos) << e.what();
    }
  }
  // An abbreviation index past the characters.
  std::string index = build_tzif('2', {}, {}, {0}, chars, "");
  index[index.size() - 2 - 4 - 1] = 9;
  EXPECT_THROW(Zone::from_tzif("Bad/Zone", index), InputError);
}

TEST(Zone, HugeCountsFailWithoutAllocating) {
  std::string tzif(embedded_new_york_tzif());
  for (std::size_t field = 0; field < 6; ++field) {
    std::string bad = tzif;
    for (std::size_t i = 0; i < 4; ++i) bad[20 + 4 * field + i] = '\xff';
    EXPECT_THROW(Zone::from_tzif("America/New_York", bad), InputError) << field;
  }
}

TEST(Zone, EveryTruncationOfNewYorkThrows) {
  const std::string tzif(embedded_new_york_tzif());
  for (std::size_t n = 0; n < tzif.size(); ++n) {
    EXPECT_THROW(Zone::from_tzif("America/New_York", tzif.substr(0, n)), InputError) << n;
  }
}

// A cheap stand-in for the fuzzer: corrupt each byte; parsing either works or throws.
TEST(Zone, CorruptedBytesNeverCrash) {
  const std::string tzif(embedded_new_york_tzif());
  int rejected = 0;
  for (std::size_t i = 0; i < tzif.size(); ++i) {
    for (int value : {0x00, 0x01, 0x7f, 0xff}) {
      std::string bad = tzif;
      bad[i] = static_cast<char>(value);
      try {
        const Zone zone = Zone::from_tzif("fuzz", bad);
        (void)zone.offset_at(utc(2026, 7, 1));
        (void)zone.from_local(wall(2050, 3, 13, 2, 30));
      } catch (const InputError&) {
        ++rejected;
      }
    }
  }
  EXPECT_GT(rejected, 1000);
}

TEST(Zone, LeapSecondZonesAreRejected) {
  const std::string bytes = read_zoneinfo("right/America/New_York");
  if (bytes.empty()) GTEST_SKIP();
  EXPECT_THROW(Zone::from_tzif("right/America/New_York", bytes), InputError);
}

}  // namespace
}  // namespace sla
