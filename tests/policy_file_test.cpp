// Tests of policy files: the schema of SPEC section 7 read from TOML, and written back.
#include "policy_file.hpp"

#include "builtin_policy.hpp"
#include "embedded.hpp"
#include "error.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace sla {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// The parts of SPEC's example every test starts from: one calendar, two priorities, one tier.
const std::string kHead = R"(name = "Test policy"
time_zone = "America/New_York"
default_priority = "P2"
default_tier = "standard"
)";
const std::string kCalendar = R"(
[calendars.business]
mon = ["09:00-17:00"]
)";
const std::string kLevels = R"(
[[priorities]]
id = "P1"
[[priorities]]
id = "P2"
[[tiers]]
id = "standard"
)";
const std::string kResponse = R"(
[response]
P1 = { standard = "4h" }
P2 = { standard = "1d" }
)";

Policy parse(const std::string& text) {
  return parse_policy(text, "test.toml");
}

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "accepted:\n" << text;
  return "";
}

// Compares two policies field by field, places in the file aside.
testing::AssertionResult same(const Policy& a, const Policy& b) {
  auto fail = [](const std::string& what) { return testing::AssertionFailure() << what; };
  if (a.name != b.name || a.effective != b.effective || a.time_zone != b.time_zone) {
    return fail("name, effective or time_zone");
  }
  if (a.default_priority != b.default_priority || a.default_tier != b.default_tier ||
      a.default_calendar != b.default_calendar || a.reclassification != b.reclassification ||
      a.reseller_covered != b.reseller_covered) {
    return fail("a default or a flag");
  }
  if (a.priorities.size() != b.priorities.size() || a.tiers.size() != b.tiers.size() ||
      a.calendars.size() != b.calendars.size() || a.cells.size() != b.cells.size()) {
    return fail("a count");
  }
  for (std::size_t i = 0; i < a.priorities.size(); ++i) {
    const auto &x = a.priorities[i], &y = b.priorities[i];
    if (x.id != y.id || x.name != y.name || x.aliases != y.aliases ||
        x.definition != y.definition || x.follow_up != y.follow_up) {
      return fail("priority " + x.id);
    }
  }
  for (std::size_t i = 0; i < a.tiers.size(); ++i) {
    const auto &x = a.tiers[i], &y = b.tiers[i];
    if (x.id != y.id || x.name != y.name || x.aliases != y.aliases) return fail("tier " + x.id);
  }
  for (std::size_t i = 0; i < a.calendars.size(); ++i) {
    const auto &x = a.calendars[i], &y = b.calendars[i];
    if (x.name != y.name || x.time_zone != y.time_zone || x.always != y.always ||
        !(x.week == y.week) || x.day != y.day || x.holidays.size() != y.holidays.size()) {
      return fail("calendar " + x.name);
    }
    for (std::size_t h = 0; h < x.holidays.size(); ++h) {
      if (x.holidays[h].name != y.holidays[h].name) return fail("holidays of " + x.name);
    }
  }
  for (std::size_t i = 0; i < a.cells.size(); ++i) {
    if (!(a.cells[i].target == b.cells[i].target) || a.cells[i].calendar != b.cells[i].calendar) {
      return fail("cell " + std::to_string(i));
    }
  }
  return testing::AssertionSuccess();
}

TEST(PolicyFile, TheBuiltInPolicy) {
  Policy p = parse_policy(embedded_policy(), "codesecure.toml");
  EXPECT_EQ(p.name, "CodeSecure support policy");
  ASSERT_EQ(p.priorities.size(), 4u);
  ASSERT_EQ(p.tiers.size(), 2u);
  ASSERT_EQ(p.calendars.size(), 1u);
  EXPECT_EQ(p.priorities[p.default_priority].id, "P3");
  EXPECT_EQ(p.tiers[p.default_tier].id, "standard");
  EXPECT_EQ(p.calendars[0].day, hours{9});
  EXPECT_EQ(p.calendars[0].week, WeeklySchedule::weekdays(hours{9}, hours{18}));
  ASSERT_EQ(p.calendars[0].holidays.size(), 1u);
  EXPECT_EQ(p.calendars[0].holidays[0].name, "us-federal");
  EXPECT_FALSE(p.effective.has_value());
  EXPECT_FALSE(p.reseller_covered);
  EXPECT_EQ(p.reclassification, Reclassification::kFromSubmission);
  EXPECT_EQ(p.cell(0, 1).target.label(), "2h");
  EXPECT_EQ(p.cell(3, 0).target.label(), "3d");
  EXPECT_EQ(p.priorities[2].follow_up.rfind("If, in CodeSecure\u2019s sole determination", 0), 0u);
}

TEST(PolicyFile, EmbeddedIsTheFileInTheRepository) {
  std::ifstream in(std::string(SLA_SOURCE_DIR) + "/policies/codesecure.toml", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), embedded_policy());
}

// The value compiled at build time is the one parsing gives, down to where each value stood.
TEST(PolicyFile, TheCompiledBuiltInPolicyIsTheParsedOne) {
  const Policy parsed = parse_policy(embedded_policy(), "codesecure.toml");
  const Policy compiled = sla::builtin_policy();
  EXPECT_TRUE(same(compiled, parsed));
  EXPECT_EQ(policy_to_toml(compiled), policy_to_toml(parsed));
  EXPECT_EQ(compiled.time_zone_place.line, parsed.time_zone_place.line);
  EXPECT_EQ(compiled.time_zone_place.column, parsed.time_zone_place.column);
  EXPECT_EQ(compiled.default_calendar_given, parsed.default_calendar_given);
  ASSERT_EQ(compiled.calendars.size(), parsed.calendars.size());
  for (std::size_t i = 0; i < parsed.calendars.size(); ++i) {
    const Calendar &c = compiled.calendars[i], &p = parsed.calendars[i];
    EXPECT_EQ(c.day_given, p.day_given);
    EXPECT_EQ(c.time_zone_place.line, p.time_zone_place.line);
    for (std::size_t h = 0; h < p.holidays.size(); ++h) {
      EXPECT_EQ(c.holidays[h].place.line, p.holidays[h].place.line);
      EXPECT_EQ(c.holidays[h].place.column, p.holidays[h].place.column);
    }
  }
}

TEST(PolicyFile, TheBuiltInPolicyReadsBackFromToml) {
  Policy p = parse_policy(embedded_policy(), "codesecure.toml");
  EXPECT_TRUE(same(parse(policy_to_toml(p)), p));
}

TEST(PolicyFile, IntervalsAreSortedAndSeveralADay) {
  Policy p = parse(kHead + R"(
[calendars.business]
mon = ["13:00-17:00", "08:00-12:00"]
sat = ["10:00-14:00:30"]
day = "8h"
)" + kLevels + kResponse);
  const auto& week = p.calendars[0].week;
  ASSERT_EQ(week.by_weekday[1].size(), 2u);
  EXPECT_EQ(week.by_weekday[1][0], (OpenInterval{hours{8}, hours{12}}));
  EXPECT_EQ(week.by_weekday[1][1], (OpenInterval{hours{13}, hours{17}}));
  EXPECT_EQ(week.by_weekday[6][0].close, hours{14} + seconds{30});
  EXPECT_TRUE(week.by_weekday[2].empty());
  EXPECT_EQ(p.calendars[0].day, hours{8});
}

TEST(PolicyFile, DayComesFromEqualDaysOr24x7) {
  Policy equal = parse(kHead + R"(
[calendars.business]
mon = ["08:00-12:00", "13:00-16:30"]
fri = ["09:00-16:30"]
)" + kLevels + kResponse);
  EXPECT_EQ(equal.calendars[0].day, hours{7} + minutes{30});
  EXPECT_FALSE(equal.calendars[0].day_given);
  Policy always = parse(kHead + "default_calendar = \"always\"\n" + kCalendar +
                        "\n[calendars.always]\nhours = \"24x7\"\n" + kLevels + kResponse);
  ASSERT_EQ(always.calendars.size(), 2u);
  EXPECT_EQ(always.calendars[1].day, hours{24});
  EXPECT_TRUE(always.calendars[1].always);
  EXPECT_EQ(always.calendars[1].week, WeeklySchedule::always());
  EXPECT_TRUE(always.calendars[1].holidays.empty());
  EXPECT_EQ(always.default_calendar, 1u);
  EXPECT_NE(error_of(kHead +
                     "[calendars.business]\nmon = [\"09:00-17:00\"]\ntue = "
                     "[\"09:00-12:00\"]\n" +
                     kLevels + kResponse)
                .find("missing day in [calendars.business]"),
            std::string::npos);
}

TEST(PolicyFile, CalendarsKeepTheirFileOrderAndZones) {
  Policy p = parse(kHead + "default_calendar = \"zeta\"\n" +
                   "[calendars.zeta]\ntime_zone = \"Europe/Berlin\"\nmon = [\"09:00-17:00\"]\n"
                   "[calendars.alpha]\nhours = \"24x7\"\nholidays = [\"us-federal\", "
                   "\"company/holidays.txt\"]\n" +
                   kLevels +
                   "\n[response]\nP1 = { standard = { target = \"2h\", calendar = \"alpha\" } }\n"
                   "P2 = { standard = \"1d\" }\n");
  ASSERT_EQ(p.calendars.size(), 2u);
  EXPECT_EQ(p.calendars[0].name, "zeta");
  EXPECT_EQ(p.calendars[0].time_zone, "Europe/Berlin");
  EXPECT_EQ(p.calendars[1].time_zone, "America/New_York");  // the policy's
  ASSERT_EQ(p.calendars[1].holidays.size(), 2u);
  EXPECT_EQ(p.calendars[1].holidays[1].name, "company/holidays.txt");
  EXPECT_EQ(p.calendars[1].holidays[1].place.line, 11u);
  EXPECT_EQ(p.default_calendar, 0u);
  EXPECT_EQ(p.cell(0, 0).calendar, std::optional<std::size_t>{1});
  EXPECT_EQ(p.calendar_of(p.cell(1, 0)), 0u);
}

TEST(PolicyFile, OptionalKeys) {
  Policy p = parse(kHead +
                   "effective = \"2027-01-01\"\nreclassification = \"from_change\"\n"
                   "reseller_covered = true\n" +
                   kCalendar + kLevels + kResponse);
  EXPECT_EQ(p.effective, date::local_days{date::year{2027} / 1 / 1});
  EXPECT_EQ(p.reclassification, Reclassification::kFromChange);
  EXPECT_TRUE(p.reseller_covered);
  Policy dated = parse(kHead + "effective = 2028-02-29\n" + kCalendar + kLevels + kResponse);
  EXPECT_EQ(dated.effective, date::local_days{date::year{2028} / 2 / 29});
}

TEST(PolicyFile, AliasesAreTrimmedAndMatchedInAnyCase) {
  Policy p = parse(kHead + kCalendar + R"(
[[priorities]]
id = "P1"
name = "Urgent"
aliases = [" Highest ", "1 - Critical"]
[[priorities]]
id = "P2"
[[tiers]]
id = "standard"
aliases = ["Gold"]
)" + kResponse);
  EXPECT_EQ(p.priorities[0].aliases[0], "Highest");
  EXPECT_EQ(p.find_priority("highest"), std::optional<std::size_t>{0});
  EXPECT_EQ(p.find_priority("1 - CRITICAL"), std::optional<std::size_t>{0});
  EXPECT_EQ(p.find_priority("p2"), std::optional<std::size_t>{1});
  EXPECT_EQ(p.find_priority("urgent"), std::nullopt);  // a name is not an alias
  EXPECT_EQ(p.find_tier("GOLD"), std::optional<std::size_t>{0});
}

TEST(PolicyFile, ErrorsNameFileLineColumnKeyAndValue) {
  EXPECT_EQ(
      error_of(kHead + "[calendars.business]\nmon = [\"18:00-09:00\"]\n" + kLevels + kResponse),
      "test.toml:6:8: invalid mon interval \"18:00-09:00\" in [calendars.business]: the "
      "end comes before the start (an interval may not cross midnight: write two); "
      "expected HH:MM-HH:MM (or HH:MM:SS), the end after the start, 24:00 allowed as an "
      "end");
  EXPECT_EQ(error_of(kHead +
                     "[calendars.business]\nmon = [\"09:00-17:00\"]\nholidays = "
                     "[\"us-federal\"]\nhollidays = []\n" +
                     kLevels + kResponse),
            "test.toml:8:1: unknown key \"hollidays\" in [calendars.business]; expected one of: "
            "time_zone, holidays, day, hours, mon, tue, wed, thu, fri, sat, sun");
  EXPECT_EQ(error_of(kHead + kCalendar + kLevels + "\n[response]\nP1 = { standard = \"4h\" }\n"),
            "test.toml:16:1: missing [response] cell P2.standard; expected a target for every "
            "priority and tier, as in P2 = { standard = \"1d\" }");
  EXPECT_EQ(error_of("name = \"x\"\ntime_zone = \"America/New_York\"\n = 3\n"),
            "test.toml:3:2: not valid TOML: Error while parsing root table: expected keys, "
            "tables, whitespace or comments, saw '='; expected a policy file in TOML 1.0");
}

// Inputs on which the TOML library's character tables reached unreachable code (the sanitizer
// build of this test catches it): each is refused as any other bad file.
TEST(PolicyFile, NonAsciiWhereTheParserAsksForWhitespace) {
  for (const std::string& text :
       {std::string("\xcc\xaa"), std::string("s = \"\"\"\\\n\xc2\xa7\"\"\"\n"),
        std::string("fri = [9\"0\0\0w\xc9\x91\0``", 16), std::string("name = \xd0\x94\n"),
        std::string("[a\xc3\xa9]\n"), std::string("x = true\xc3\xa9\n")}) {
    const std::string message = error_of(text);
    EXPECT_EQ(message.rfind("test.toml:", 0), 0u) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
  // Inside strings and comments, any text is fine.
  Policy p = parse("# \u00e9t\u00e9\n" + kHead +
                   "\n[calendars.business]\nmon = [\"09:00-17:00\"]\n" + kLevels + kResponse);
  EXPECT_EQ(p.name, "Test policy");
}

// Random valid policies: every feature of the schema, with text that needs escaping.
class PolicyGenerator {
 public:
  explicit PolicyGenerator(std::uint64_t seed) : rng_(seed) {}

  std::string text() {
    const int priorities = pick(1, 6), tiers = pick(1, 4), calendars = pick(1, 3);
    std::string out = "name = " + quoted("Policy \"" + std::to_string(pick(0, 999)) + "\" \\ ok") +
                      "\ntime_zone = \"America/New_York\"\n";
    out += "default_priority = \"L" + std::to_string(pick(1, priorities)) + "\"\n";
    out += "default_tier = \"t" + std::to_string(pick(1, tiers)) + "\"\n";
    if (calendars > 1 || pick(0, 1)) {
      out += "default_calendar = \"c" + std::to_string(pick(1, calendars)) + "\"\n";
    }
    if (pick(0, 1))
      out += "effective = \"20" + std::to_string(pick(10, 40)) + "-03-0" +
             std::to_string(pick(1, 9)) + "\"\n";
    if (pick(0, 1))
      out += pick(0, 1) ? "reclassification = \"from_change\"\n"
                        : "reclassification = \"from_submission\"\n";
    if (pick(0, 1)) out += pick(0, 1) ? "reseller_covered = true\n" : "reseller_covered = false\n";
    for (int c = 1; c <= calendars; ++c) out += calendar(c);
    for (int p = 1; p <= priorities; ++p) {
      out += "\n[[priorities]]\nid = \"L" + std::to_string(p) + "\"\n";
      if (pick(0, 1)) out += "name = " + quoted("Level " + std::to_string(p) + " \u00e9") + "\n";
      if (pick(0, 1)) {
        out += "aliases = [" + quoted("alias " + std::to_string(p) + " \"x\"") + ", " +
               quoted(std::to_string(p * 100)) + "]\n";
      }
      if (pick(0, 1)) out += "definition = " + quoted("What \\ it \"means\"") + "\n";
      if (pick(0, 1)) out += "follow_up = " + quoted("Call back \u2019soon\u2019") + "\n";
    }
    for (int t = 1; t <= tiers; ++t) {
      out += "\n[[tiers]]\nid = \"t" + std::to_string(t) + "\"\n";
      if (pick(0, 1)) out += "name = \"Tier " + std::to_string(t) + "\"\n";
      if (pick(0, 1)) out += "aliases = [\"tier" + std::to_string(t) + "\"]\n";
    }
    out += "\n[response]\n";
    for (int p = 1; p <= priorities; ++p) {
      out += "L" + std::to_string(p) + " = { ";
      for (int t = 1; t <= tiers; ++t) {
        if (t > 1) out += ", ";
        out += "t" + std::to_string(t) + " = ";
        std::string target = duration();
        if (pick(0, 2) == 0) {
          out += "{ target = \"" + target + "\", calendar = \"c" +
                 std::to_string(pick(1, calendars)) + "\" }";
        } else {
          out += "\"" + target + "\"";
        }
      }
      out += " }\n";
    }
    return out;
  }

 private:
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>{lo, hi}(rng_); }

  static std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') out += '\\';
      if (c == '\t') {
        out += "\\t";
        continue;
      }
      out += c;
    }
    return out + "\"";
  }

  std::string duration() {
    static const char* kForms[] = {"1d", "2h", "90m", "1d 4h", "3d", "45m 30s", "2d 1h 1m 1s"};
    return kForms[pick(0, 6)];
  }

  std::string calendar(int c) {
    std::string out = "\n[calendars.c" + std::to_string(c) + "]\n";
    if (pick(0, 2) == 0) out += "time_zone = \"Europe/Berlin\"\n";
    if (pick(0, 1)) out += "holidays = [\"us-federal\"]\n";
    if (pick(0, 3) == 0) return out + "hours = \"24x7\"\n";
    out += "day = \"" + std::to_string(pick(1, 12)) + "h\"\n";
    bool any = false;
    for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
      if (pick(0, 2) == 0 && (any || std::string(day) != "sun")) continue;
      any = true;
      out += std::string(day) + " = [";
      int at = pick(0, 6) * 60;
      const int n = pick(1, 3);
      for (int i = 0; i < n && at < 23 * 60; ++i) {
        const int end = std::min(24 * 60, at + pick(1, 5 * 60));
        if (i > 0) out += ", ";
        out += "\"" + hhmm(at) + "-" + hhmm(end) + "\"";
        at = end + pick(0, 90);
      }
      out += "]\n";
    }
    return out;
  }

  static std::string hhmm(int m) {
    std::string out =
        std::to_string(m / 60) + ":" + std::to_string(m % 60 / 10) + std::to_string(m % 10);
    return out.size() < 5 ? "0" + out : out;
  }

  std::mt19937_64 rng_;
};

TEST(PolicyFile, RandomPoliciesReadBackFromToml) {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    const std::string text = PolicyGenerator(seed).text();
    Policy first;
    try {
      first = parse(text);
    } catch (const InputError& e) {
      ADD_FAILURE() << e.what() << "\n" << text;
      continue;
    }
    const std::string written = policy_to_toml(first);
    Policy again;
    try {
      again = parse(written);
    } catch (const InputError& e) {
      ADD_FAILURE() << e.what() << "\n" << written;
      continue;
    }
    EXPECT_TRUE(same(again, first)) << text << "\n---\n" << written;
    EXPECT_EQ(policy_to_toml(again), written);
  }
}

}  // namespace
}  // namespace sla
