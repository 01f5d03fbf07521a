// The malformed-policy catalogue: each broken policy file, given to the real binary through
// `sla policy --check` and through `--policy` on a ticket command, must exit 2 with one line
// "sla: error: FILE:LINE:COLUMN: ..." that names the key and quotes the value, and print
// nothing on standard output.
#include "cli_run.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace sla::test {
namespace {

// A valid policy; each case replaces one piece of it.
const std::string kValid = R"(name = "Test"
time_zone = "America/New_York"
default_priority = "P2"
default_tier = "standard"

[calendars.business]
holidays = ["us-federal"]
mon = ["09:00-17:00"]

[[priorities]]
id = "P1"
aliases = ["urgent"]

[[priorities]]
id = "P2"

[[tiers]]
id = "standard"

[response]
P1 = { standard = "4h" }
P2 = { standard = "1d" }
)";

struct Case {
  std::string name;
  std::string from, to;  // replace the first `from` in kValid with `to` ("" from: the whole)
  std::string needle;    // what the message must hold: the key or the quoted value
  int line;              // the line the message must point to
};

std::ostream& operator<<(std::ostream& os, const Case& c) {
  return os << c.name;
}

std::string text_of(const Case& c) {
  if (c.from.empty()) return c.to;
  std::string text = kValid;
  auto at = text.find(c.from);
  if (at == std::string::npos) ADD_FAILURE() << "no " << c.from << " in the valid policy";
  return text.replace(at, c.from.size(), c.to);
}

std::vector<Case> all_cases() {
  const std::string cal = "mon = [\"09:00-17:00\"]";
  return {
      {"RootKeyTypo", "name = \"Test\"", "nmae = \"Test\"", "unknown key \"nmae\"", 1},
      {"CalendarKeyTypo", "holidays =", "hollidays =", "unknown key \"hollidays\"", 7},
      {"PriorityKeyTypo", "aliases = [\"urgent\"]", "follow-up = \"x\"",
       "unknown key \"follow-up\"", 12},
      {"TierKeyTypo", "id = \"standard\"", "id = \"standard\"\nalias = [\"gold\"]",
       "unknown key \"alias\"", 19},
      {"CellKeyTypo", "P1 = { standard = \"4h\" }", "P1 = { standard = { traget = \"4h\" } }",
       "unknown key \"traget\"", 21},
      {"MissingName", "name = \"Test\"\n", "", "missing key name", 1},
      {"MissingTimeZone", "time_zone = \"America/New_York\"\n", "", "missing key time_zone", 1},
      {"MissingCell", "P2 = { standard = \"1d\" }", "P2 = { }", "P2.standard", 22},
      {"MissingResponse", "[response]\nP1 = { standard = \"4h\" }\nP2 = { standard = \"1d\" }\n",
       "", "missing [response]", 1},
      {"MissingPriorities",
       "[[priorities]]\nid = \"P1\"\naliases = [\"urgent\"]\n\n[[priorities]]\nid = \"P2\"\n", "",
       "missing priorities", 1},
      {"MissingTiers", "[[tiers]]\nid = \"standard\"\n", "", "missing tiers", 1},
      {"MissingCalendars", "[calendars.business]\nholidays = [\"us-federal\"]\n" + cal + "\n", "",
       "missing calendars", 1},
      {"OverlappingIntervals", cal, "mon = [\"09:00-13:00\", \"12:00-17:00\"]", "\"12:00-17:00\"",
       8},
      {"BackwardsInterval", cal, "mon = [\"17:00-09:00\"]", "\"17:00-09:00\"", 8},
      {"CrossesMidnight", cal, "mon = [\"22:00-02:00\"]", "may not cross midnight", 8},
      {"EmptyInterval", cal, "mon = [\"09:00-09:00\"]", "\"09:00-09:00\"", 8},
      {"IntervalInWords", cal, "mon = [\"9am-5pm\"]", "\"9am-5pm\"", 8},
      {"IntervalHour25", cal, "mon = [\"09:00-25:00\"]", "\"09:00-25:00\"", 8},
      {"IntervalNotAString", cal, "mon = [900]", "the integer 900", 8},
      {"UnknownCalendarInCell", "P1 = { standard = \"4h\" }",
       "P1 = { standard = { target = \"4h\", calendar = \"weekend\" } }", "\"weekend\"", 21},
      {"UnknownDefaultCalendar", "default_tier = \"standard\"",
       "default_tier = \"standard\"\ndefault_calendar = \"nope\"", "\"nope\"", 5},
      {"UnknownHolidaySet", "[\"us-federal\"]", "[\"us-federl\"]", "\"us-federl\"", 7},
      {"MissingHolidayFile", "[\"us-federal\"]", "[\"./nope.txt\"]", "\"./nope.txt\"", 7},
      {"DuplicatePriorityId", "id = \"P2\"", "id = \"p1\"", "duplicate priority id \"p1\"", 15},
      {"DuplicateAlias", "id = \"P2\"", "id = \"P2\"\naliases = [\"Urgent\"]",
       "duplicate priority alias \"Urgent\"", 16},
      {"AliasIsAnotherId", "id = \"P2\"", "id = \"P2\"\naliases = [\"P1\"]",
       "duplicate priority alias \"P1\"", 16},
      {"BlankAlias", "[\"urgent\"]", "[\"  \"]", "invalid alias \"  \"", 12},
      {"DuplicateTierId", "id = \"standard\"", "id = \"standard\"\n[[tiers]]\nid = \"Standard\"",
       "duplicate tier id \"Standard\"", 20},
      {"BadId", "id = \"P2\"", "id = \"P 2\"", "invalid id \"P 2\"", 15},
      {"DayOfZero", cal, cal + "\nday = \"0h\"", "invalid day \"0h\"", 9},
      {"DayInDays", cal, cal + "\nday = \"1d\"", "invalid day \"1d\"", 9},
      {"DayOver24Hours", cal, cal + "\nday = \"25h\"", "invalid day \"25h\"", 9},
      {"DayRequired", cal, cal + "\ntue = [\"09:00-12:00\"]", "missing day", 6},
      {"OpenZeroSecondsAWeek", cal, "", "open zero seconds a week", 6},
      {"EmptyWeekdays", cal, "mon = []\nfri = []", "open zero seconds a week", 6},
      {"TargetInWords", "\"4h\"", "\"4 hours\"", "invalid target \"4 hours\"", 21},
      {"TargetZero", "\"4h\"", "\"0h\"", "invalid target \"0h\"", 21},
      {"TargetUnitsOutOfOrder", "\"4h\"", "\"30m 4h\"", "invalid target \"30m 4h\"", 21},
      {"TargetNumber", "\"4h\"", "4", "invalid response P1.standard the integer 4", 21},
      {"NotToml", "", std::string("\x01\x02\xff not a policy\n"), "not valid TOML", 1},
      {"UnclosedString", "name = \"Test\"", "name = \"Test", "not valid TOML", 1},
      {"EffectiveNoSuchDate", "name = \"Test\"", "name = \"Test\"\neffective = \"2026-13-01\"",
       "invalid effective \"2026-13-01\"", 2},
      {"EffectiveWords", "name = \"Test\"", "name = \"Test\"\neffective = \"next year\"",
       "invalid effective \"next year\"", 2},
      {"ReclassificationUnknown", "name = \"Test\"",
       "name = \"Test\"\nreclassification = \"sometimes\"",
       "invalid reclassification \"sometimes\"", 2},
      {"ResellerNotABoolean", "name = \"Test\"", "name = \"Test\"\nreseller_covered = \"no\"",
       "invalid reseller_covered the string \"no\"", 2},
      {"UnknownTimeZone", "\"America/New_York\"", "\"Mars/Olympus_Mons\"", "\"Mars/Olympus_Mons\"",
       2},
      {"ZoneNameWithASpace", "\"America/New_York\"", "\"America/New York\"", "\"America/New York\"",
       2},
      {"CalendarZoneUnknown", "holidays = [\"us-federal\"]",
       "holidays = [\"us-federal\"]\ntime_zone = \"Europe/Atlantis\"", "\"Europe/Atlantis\"", 8},
      {"HoursAndWeekdays", cal, cal + "\nhours = \"24x7\"", "invalid hours \"24x7\"", 9},
      {"HoursNot24x7", cal, "hours = \"9to5\"", "invalid hours \"9to5\"", 8},
      {"UnknownPriorityRow", "P2 = { standard = \"1d\" }",
       "P2 = { standard = \"1d\" }\nP9 = { standard = \"1d\" }", "unknown priority \"P9\"", 23},
      {"UnknownTierInRow", "P1 = { standard = \"4h\" }",
       "P1 = { standard = \"4h\", gold = \"1h\" }", "unknown tier \"gold\"", 21},
      {"DefaultPriorityUnknown", "default_priority = \"P2\"", "default_priority = \"P9\"",
       "invalid default_priority \"P9\"", 3},
      {"NameNotAString", "name = \"Test\"", "name = 5", "invalid name the integer 5", 1},
      {"ControlCharacterInName", "name = \"Test\"", "name = \"Te\\u0007st\"",
       "contains a control character", 1},
      {"CalendarNotATable", "[calendars.business]\nholidays = [\"us-federal\"]\n" + cal + "\n",
       "calendars = { business = 3 }\n", "invalid calendar \"business\"", 6},
      {"DuplicateCalendarIgnoringCase", "[[priorities]]",
       "[calendars.Business]\n" + cal + "\n\n[[priorities]]", "duplicate calendar name", 10},
  };
}

class BadPolicy : public testing::TestWithParam<Case> {};

std::string scratch_file(const std::string& text) {
  char pattern[] = "/tmp/sla-policy-XXXXXX";
  const int fd = mkstemp(pattern);
  if (fd >= 0) close(fd);
  std::ofstream(pattern, std::ios::binary) << text;
  return pattern;
}

void expect_one_error(const RunResult& r, const std::string& path, const Case& c) {
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  const std::regex place("^sla: error: " + path + ":([0-9]+):([0-9]+): .*\n$");
  std::smatch m;
  ASSERT_TRUE(std::regex_match(r.err, m, place)) << r.err;
  EXPECT_EQ(std::stoi(m[1]), c.line) << r.err;
  EXPECT_GE(std::stoi(m[2]), 1);
  EXPECT_NE(r.err.find(c.needle), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("expected"), std::string::npos) << r.err;
}

TEST_P(BadPolicy, ExitsTwoNamingFileLineAndColumn) {
  const Case& c = GetParam();
  const std::string path = scratch_file(text_of(c));
  expect_one_error(run(SLA_BINARY, {"policy", "--check", path}), path, c);
  expect_one_error(run(SLA_BINARY, {"--policy", path, "-s", "2026-11-25 16:30"}), path, c);
  RunOptions input;
  input.input = "submitted\n2026-11-25\n";
  expect_one_error(run(SLA_BINARY, {"batch", "--policy", path}, input), path, c);
  std::remove(path.c_str());
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadPolicy, testing::ValuesIn(all_cases()),
                         [](const testing::TestParamInfo<Case>& p) { return p.param.name; });

TEST(BadPolicy, TheCatalogueHasAtLeastTwentyFiveFiles) {
  EXPECT_GE(all_cases().size(), 25u);
}

TEST(BadPolicy, TheValidPolicyIsValid) {
  const std::string path = scratch_file(kValid);
  RunResult r = run(SLA_BINARY, {"policy", "--check", path});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, path + ": ok (Test: 2 priorities, 1 tier, 1 calendar)\n");
  std::remove(path.c_str());
}

}  // namespace
}  // namespace sla::test
