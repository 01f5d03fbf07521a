// Tests of the sla binary as users run it: stdout, stderr and exit status of each command.
#include "cli_run.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace sla::test {
namespace {

RunResult sla(const std::vector<std::string>& args, const RunOptions& options = {}) {
  return run(SLA_BINARY, args, options);
}

// Returns the string value of "name" in a flat JSON object, or "<absent>".
std::string json_field(const std::string& json, const std::string& name) {
  std::string key = "\"" + name + "\":";
  auto at = json.find(key);
  if (at == std::string::npos) return "<absent>";
  at += key.size();
  if (json.compare(at, 4, "null") == 0) return "null";
  if (json[at] != '"') return json.substr(at, json.find_first_of(",}", at) - at);
  return json.substr(at + 1, json.find('"', at + 1) - at - 1);
}

// Expects a usage or input error: status 2, nothing on stdout, one "sla: error:" line that
// contains `needle` (the quoted value).
void expect_error(const std::vector<std::string>& args, const std::string& needle,
                  const RunOptions& options = {}) {
  RunResult r = sla(args, options);
  std::string what = "sla";
  for (const auto& a : args) what += " " + a;
  EXPECT_EQ(r.status, 2) << what;
  EXPECT_EQ(r.out, "") << what;
  EXPECT_EQ(r.err.rfind("sla: error: ", 0), 0u) << what << "\n" << r.err;
  EXPECT_EQ(count_lines(r.err), 1) << what << "\n" << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos) << what << "\n" << r.err;
}

std::string deadline_of(const std::vector<std::string>& args) {
  std::vector<std::string> all = args;
  all.insert(all.end(), {"-o", "json"});
  RunResult r = sla(all);
  EXPECT_EQ(r.status, 0) << r.err;
  return json_field(r.out, "deadline");
}

TEST(Due, SpecExamples) {
  EXPECT_EQ(deadline_of({"-p", "P1", "-t", "premium", "-s", "2026-11-25 16:30"}),
            "2026-11-27T09:30:00-05:00");
  EXPECT_EQ(deadline_of({"due", "-p", "P3", "-s", "2026-11-23 10:00"}),
            "2026-11-25T10:00:00-05:00");
  EXPECT_EQ(deadline_of({"due", "-p", "1", "-t", "standard", "-s", "2026-11-28T12:00"}),
            "2026-11-30T18:00:00-05:00");
}

TEST(Due, PastTwentyThirtySevenKeepsDaylightTime) {
  EXPECT_EQ(deadline_of({"-p", "urgent", "-t", "premium", "-s", "2040-07-02 12:00"}),
            "2040-07-02T14:00:00-04:00");
  EXPECT_EQ(deadline_of({"-p", "P1", "-t", "premium", "-s", "2038-07-06T12:00:00-04:00"}),
            "2038-07-06T14:00:00-04:00");
}

TEST(Due, JsonHasTheSpecFields) {
  RunResult r = sla({"-p", "P1", "-t", "premium", "-s", "2026-11-25 16:30", "-o", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json_field(r.out, "submitted"), "2026-11-25T16:30:00-05:00");
  EXPECT_EQ(json_field(r.out, "priority"), "P1");
  EXPECT_EQ(json_field(r.out, "priority_name"), "Urgent");
  EXPECT_EQ(json_field(r.out, "tier"), "premium");
  EXPECT_EQ(json_field(r.out, "target"), "2h");
  EXPECT_EQ(json_field(r.out, "target_business_seconds"), "7200");
  EXPECT_EQ(json_field(r.out, "clock_start"), "2026-11-25T16:30:00-05:00");
  EXPECT_EQ(json_field(r.out, "deadline_utc"), "2026-11-27T14:30:00Z");
  EXPECT_EQ(json_field(r.out, "follow_up"), "Ongoing assistance until resolution");
  EXPECT_EQ(json_field(r.out, "time_zone"), "America/New_York");
  EXPECT_EQ(count_lines(r.out), 1);
}

TEST(Due, DefaultsAreP3StandardAndNow) {
  RunResult r = sla({"-o", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json_field(r.out, "priority"), "P3");
  EXPECT_EQ(json_field(r.out, "tier"), "standard");
  EXPECT_EQ(json_field(r.out, "submitted"), "2026-11-25T12:00:00-05:00");  // SLA_NOW
  // Wed 12:00 + 18h: Wed 6h, (Thu Thanksgiving), Fri 9h, Mon 3h.
  EXPECT_EQ(json_field(r.out, "deadline"), "2026-11-30T12:00:00-05:00");
}

TEST(Due, OutsideHoursTheClockStartsAtTheNextOpening) {
  RunResult r = sla({"-p", "P1", "-s", "2026-11-28 12:00", "-o", "json"});
  EXPECT_EQ(json_field(r.out, "clock_start"), "2026-11-30T09:00:00-05:00");
}

TEST(Due, TzChangesTheDisplayOnly) {
  std::vector<std::string> base = {"-p", "P1",  "-t", "premium", "-s", "2026-11-25 16:30",
                                   "-o", "json"};
  RunResult ny = sla(base);
  auto with = [&](const std::string& zone) {
    auto args = base;
    args.insert(args.end(), {"--tz", zone});
    return sla(args);
  };
  RunResult utc = with("UTC");
  RunResult berlin = with("Europe/Berlin");
  RunResult local = with("local");
  EXPECT_EQ(json_field(utc.out, "deadline"), "2026-11-27T14:30:00+00:00");
  EXPECT_EQ(json_field(berlin.out, "deadline"), "2026-11-27T15:30:00+01:00");
  EXPECT_EQ(json_field(berlin.out, "time_zone"), "Europe/Berlin");
  EXPECT_EQ(json_field(local.out, "deadline"), "2026-11-27T14:30:00+00:00");  // TZ=UTC
  for (const RunResult* r : {&utc, &berlin, &local}) {
    EXPECT_EQ(json_field(r->out, "deadline_utc"), json_field(ny.out, "deadline_utc"));
  }
}

TEST(Due, TextShowsDeadlineWeekdayZoneAndFollowUp) {
  RunResult r = sla({"-p", "P1", "-t", "premium", "-s", "2026-11-25 16:30"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Fri 2026-11-27 09:30 EST"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 business hours"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Ongoing assistance until resolution"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos) << "no colour when not a terminal";
  RunResult tz = sla({"-p", "P1", "-t", "premium", "-s", "2026-11-25 16:30", "--tz", "Asia/Tokyo"});
  EXPECT_NE(tz.out.find("Fri 2026-11-27 09:30 EST (Fri 2026-11-27 23:30 JST)"), std::string::npos)
      << tz.out;
}

TEST(Due, CsvAndTsvHaveAHeaderAndOneRow) {
  RunResult csv = sla({"-p", "P4", "-s", "2026-11-25 16:30", "-o", "csv"});
  EXPECT_EQ(count_lines(csv.out), 2);
  EXPECT_EQ(csv.out.rfind("submitted,priority,priority_name,tier,target,", 0), 0u) << csv.out;
  RunResult tsv = sla({"-p", "P4", "-s", "2026-11-25 16:30", "-o", "tsv"});
  EXPECT_EQ(tsv.out.rfind("submitted\tpriority\t", 0), 0u) << tsv.out;
}

TEST(Due, ResellerTicketsHaveNoDeadline) {
  RunResult r = sla({"-p", "P1", "--reseller"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("reseller"), std::string::npos);
  EXPECT_NE(r.out.find("does not apply"), std::string::npos);
  EXPECT_EQ(r.out.find("Deadline"), std::string::npos);
  RunResult j = sla({"--reseller", "-o", "json"});
  EXPECT_EQ(json_field(j.out, "sla_applies"), "false");
  EXPECT_EQ(json_field(j.out, "deadline"), "null");
}

TEST(Due, RunsFromAnyDirectoryWithNoDataFiles) {
  RunOptions o;
  o.cwd = "/";
  o.env = {"TZDIR=/nonexistent"};  // even without the zoneinfo database
  RunResult r =
      run(SLA_BINARY, {"-p", "P1", "-t", "premium", "-s", "2026-11-25 16:30", "-o", "json"}, o);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json_field(r.out, "deadline"), "2026-11-27T09:30:00-05:00");
}

TEST(Due, TheLastSupportedDays) {
  EXPECT_EQ(deadline_of({"-p", "P1", "-t", "premium", "-s", "9999-12-30 10:00"}),
            "9999-12-30T12:00:00-05:00");
  EXPECT_EQ(deadline_of({"-p", "P1", "-t", "premium", "-s", "1900-01-02 10:00"}),
            "1900-01-02T12:00:00-05:00");
  expect_error({"-p", "P4", "-s", "9999-12-30 10:00"}, "9999-12-31");
}

TEST(Policy, TextAndJson) {
  RunResult r = sla({"policy"});
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* s : {"P1", "Urgent", "2h", "P4", "Low", "3d", "No follow-up defined",
                        "nonfunctional", "America/New_York", "09:00", "18:00", "us-federal"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  }
  RunResult j = sla({"policy", "-o", "json"});
  ASSERT_EQ(j.status, 0) << j.err;
  EXPECT_EQ(json_field(j.out, "time_zone"), "America/New_York");
  EXPECT_NE(j.out.find("\"premium_business_seconds\":7200"), std::string::npos);
  expect_error({"policy", "-o", "csv"}, "\"csv\"");
}

TEST(Holidays, OneYearTwoYearsAndARange) {
  RunResult one = sla({"holidays", "2026"});
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_EQ(count_lines(one.out), 11);
  EXPECT_NE(one.out.find("2026-07-03  Fri  Independence Day (observed)"), std::string::npos)
      << one.out;
  EXPECT_NE(one.out.find("2026-11-26  Thu  Thanksgiving Day"), std::string::npos) << one.out;
  RunResult two = sla({"holidays", "2026", "2027"});
  // 2027 has twelve: New Year's Day 2028, a Saturday, is observed on Fri 2027-12-31.
  EXPECT_EQ(count_lines(two.out), 23);
  EXPECT_NE(two.out.find("2027-12-31  Fri  New Year's Day (observed)"), std::string::npos);
  RunResult range = sla({"holidays", "--from", "2026-01-01", "--to", "2027-12-31"});
  EXPECT_EQ(range.out, two.out);
  RunResult y2021 = sla({"holidays", "2021"});
  EXPECT_NE(y2021.out.find("2021-12-31  Fri  New Year's Day (observed)"), std::string::npos)
      << y2021.out;
  RunResult dflt = sla({"holidays"});  // SLA_NOW is in 2026
  EXPECT_EQ(dflt.out, one.out);
}

TEST(Holidays, JsonAndClosures) {
  RunResult j = sla({"holidays", "2027", "-o", "json"});
  ASSERT_EQ(j.status, 0) << j.err;
  EXPECT_NE(j.out.find("{\"date\":\"2027-12-24\",\"weekday\":\"Fri\",\"name\":\"Christmas Day\","
                       "\"observed\":true}"),
            std::string::npos)
      << j.out;
  RunResult c =
      sla({"holidays", "2024", "--holidays", "us-federal", "--holidays", "us-federal-closures"});
  EXPECT_NE(c.out.find("2024-12-24"), std::string::npos) << c.out;
  RunResult plain = sla({"holidays", "2024"});
  EXPECT_EQ(plain.out.find("2024-12-24"), std::string::npos) << plain.out;
}

TEST(Holidays, CustomFileReplacesTheDefault) {
  std::string path = "/tmp/sla-cli-test-holidays.txt";
  std::ofstream(path) << "# company\n12-24 | observed | Christmas Eve\n";
  RunResult r = sla({"holidays", "2026", "--holidays", path});
  EXPECT_EQ(r.out, "2026-12-24  Thu  Christmas Eve\n");
  // Wed 23 10:00 + 9h: 8h on Wed, Thu 24 closed, 1h on Fri 25, which is no holiday here
  // because the file replaced us-federal.
  RunResult d = sla({"-p", "P1", "-s", "2026-12-23 10:00", "--holidays", path, "-o", "json"});
  EXPECT_EQ(json_field(d.out, "deadline"), "2026-12-25T10:00:00-05:00");
  std::remove(path.c_str());
}

TEST(Errors, EachClassIsOneLineExitTwoQuotingTheValue) {
  expect_error({"-p", "P7"}, "\"P7\"");
  expect_error({"-t", "gold"}, "\"gold\"");
  expect_error({"-s", "2026-02-30"}, "\"2026-02-30\"");
  expect_error({"-s", "2026-11-25 24:00"}, "\"2026-11-25 24:00\"");
  expect_error({"-s", "2026-03-08 02:30"}, "\"2026-03-08 02:30\"");  // skipped by DST
  expect_error({"-s", "1899-12-31"}, "\"1899-12-31\"");
  expect_error({"-s", "10000-01-01"}, "\"10000-01-01\"");
  expect_error({"-s", "tomorrow"}, "\"tomorrow\"");
  expect_error({"-o", "xml"}, "\"xml\"");
  expect_error({"--tz", "Mars/Olympus"}, "\"Mars/Olympus\"");
  expect_error({"--tz", "../../etc/passwd"}, "\"../../etc/passwd\"");
  expect_error({"--holidays", "/nonexistent/h.txt"}, "\"/nonexistent/h.txt\"");
  expect_error({"--holidays", "us-federl"}, "\"us-federl\"");
  expect_error({"--format", "{nope}"}, "\"nope\"");
  expect_error({"--bogus"}, "--bogus");
  expect_error({"holidays", "26"}, "\"26\"");
  expect_error({"holidays", "--from", "2026-01-01"}, "--to");
  expect_error({"check", "--warn", "101"}, "\"101\"");
}

TEST(Errors, MalformedHolidayFileNamesFileLineAndColumn) {
  std::string path = "/tmp/sla-cli-test-bad-holidays.txt";
  std::ofstream(path) << "# ok\n01-01 | observed | New Year\n2nd Mon of Foo | | Bad\n";
  expect_error({"--holidays", path}, path + ":3:");
  std::remove(path.c_str());
}

// Colour only on a terminal (script(1) gives the run one), and never with NO_COLOR.
TEST(Color, OnlyOnATerminalAndNeverWithNoColor) {
  const std::string ticket = " -p P1 -t premium -s '2026-11-25 16:30'";
  auto on_terminal = [&](const std::string& env, const std::string& flags) {
    RunOptions o;
    o.env = {"NO_COLOR=" + env};
    return run("/usr/bin/script", {"-qec", std::string(SLA_BINARY) + ticket + flags, "/dev/null"},
               o);
  };
  if (access("/usr/bin/script", X_OK) != 0) GTEST_SKIP() << "script(1) is not installed";
  const int pty = posix_openpt(O_RDWR | O_NOCTTY);
  if (pty < 0) GTEST_SKIP() << "no pseudo-terminal can be opened here: " << std::strerror(errno);
  close(pty);
  const RunResult first = on_terminal("", "");
  if (first.status != 0 && first.err.find("pseudo-terminal") != std::string::npos) {
    GTEST_SKIP() << "script(1) cannot open a pseudo-terminal here: " << first.err;
  }
  EXPECT_NE(first.out.find("\x1b["), std::string::npos);
  EXPECT_EQ(on_terminal("1", "").out.find("\x1b["), std::string::npos);
  EXPECT_EQ(on_terminal("", " --color never").out.find("\x1b["), std::string::npos);
  EXPECT_EQ(on_terminal("1", " --color always").out.find("\x1b["), std::string::npos);
  RunOptions piped;
  piped.env = {"NO_COLOR="};
  EXPECT_EQ(sla({"-p", "P1"}, piped).out.find("\x1b["), std::string::npos);
  EXPECT_NE(sla({"-p", "P1", "--color", "always"}, piped).out.find("\x1b["), std::string::npos);
}

TEST(Help, HelpAndVersionSucceed) {
  RunResult h = sla({"--help"});
  EXPECT_EQ(h.status, 0);
  EXPECT_NE(h.out.find("check"), std::string::npos);
  RunResult v = sla({"--version"});
  EXPECT_EQ(v.status, 0);
  EXPECT_EQ(v.out.rfind("sla ", 0), 0u);
}

// Each command's help lists its options, under the help flag; after "--", "--help" is an
// argument like any other, and due takes none.
TEST(Help, EachCommandsHelpAndHelpAfterTheEndOfOptions) {
  for (const std::string command : {"due", "check", "batch", "policy", "holidays"}) {
    for (const std::string flag : {"-h", "--help"}) {
      const RunResult h = sla({command, flag});
      EXPECT_EQ(h.status, 0) << command << " " << flag;
      EXPECT_NE(h.out.find("-h,--help"), std::string::npos) << command << " " << flag;
      EXPECT_NE(h.out.find("--policy"), std::string::npos) << command << " " << flag;
    }
  }
  EXPECT_NE(sla({"due", "--help"}).out.find("--submitted"), std::string::npos);
  const RunResult after = sla({"due", "--", "--help"});
  EXPECT_EQ(after.status, 2);
  EXPECT_NE(after.err.find("unexpected argument \"--help\""), std::string::npos) << after.err;
  EXPECT_EQ(after.out, "");
}

}  // namespace
}  // namespace sla::test
