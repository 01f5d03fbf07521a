// Policy files through the binary: --policy and SLA_POLICY on every command, versions, the
// ticket's own calendar, sla policy in text, JSON and TOML, --check, part-day closures.
#include "cli_run.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace sla::test {
namespace {

// A directory of its own for each test, removed at the end.
class PolicyCli : public testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/sla-policy-cli-XXXXXX";
    dir_ = mkdtemp(pattern);
  }
  void TearDown() override { std::system(("rm -rf '" + dir_ + "'").c_str()); }

  std::string file(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  RunResult sla(const std::vector<std::string>& args, const std::vector<std::string>& env = {},
                const std::string& input = "") {
    RunOptions options;
    options.env = env;
    options.input = input;
    options.cwd = dir_;
    return run(SLA_BINARY, args, options);
  }

  std::string dir_;
};

std::string json_field(const std::string& json, const std::string& name) {
  const std::string key = "\"" + name + "\":";
  auto at = json.find(key);
  if (at == std::string::npos) return "<missing>";
  at += key.size();
  if (json[at] == '"') return json.substr(at + 1, json.find('"', at + 1) - at - 1);
  return json.substr(at, json.find_first_of(",}", at) - at);
}

// A support contract of its own: P1 on a 24x7 clock, office hours 08:00-12:00 and 13:00-17:00.
const std::string kContract = R"(name = "Acme contract"
effective = "2026-01-01"
time_zone = "America/New_York"
default_priority = "P2"
default_tier = "gold"
default_calendar = "office"
reseller_covered = true

[calendars.office]
holidays = ["us-federal"]
mon = ["08:00-12:00", "13:00-17:00"]
tue = ["08:00-12:00", "13:00-17:00"]
wed = ["08:00-12:00", "13:00-17:00"]
thu = ["08:00-12:00", "13:00-17:00"]
fri = ["08:00-12:00", "13:00-17:00"]

[calendars.always]
hours = "24x7"

[[priorities]]
id = "P1"
name = "Critical"
aliases = ["critical", "1 - Critical"]
follow_up = "Hourly updates"

[[priorities]]
id = "P2"
name = "Normal"

[[tiers]]
id = "gold"

[response]
P1 = { gold = { target = "4h", calendar = "always" } }
P2 = { gold = "1d" }
)";

TEST_F(PolicyCli, PolicyOptionAndEnvironment) {
  const std::string contract = file("acme.toml", kContract);
  const std::vector<std::string> ticket = {"-p", "1 - critical", "-s", "2026-11-26 22:00",
                                           "-o", "json"};
  std::vector<std::string> args = {"--policy", contract};
  args.insert(args.end(), ticket.begin(), ticket.end());
  RunResult r = sla(args);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json_field(r.out, "deadline"), "2026-11-27T02:00:00-05:00");  // 24x7: Thanksgiving too
  EXPECT_EQ(json_field(r.out, "policy"), "Acme contract");
  EXPECT_EQ(json_field(r.out, "policy_effective"), "2026-01-01");
  EXPECT_EQ(json_field(r.out, "calendar"), "always");
  EXPECT_EQ(json_field(r.out, "priority_name"), "Critical");
  EXPECT_EQ(json_field(r.out, "tier"), "gold");
  RunResult env = sla(ticket, {"SLA_POLICY=" + contract});
  EXPECT_EQ(env.out, r.out);
  // --policy wins over SLA_POLICY; without either, the built-in policy.
  RunResult builtin = sla({"-p", "P1", "-s", "2026-11-26 22:00", "-o", "json"});
  EXPECT_EQ(json_field(builtin.out, "policy"), "CodeSecure support policy");
  EXPECT_EQ(json_field(builtin.out, "policy_effective"), "null");
  EXPECT_EQ(json_field(builtin.out, "calendar"), "business");
  RunResult over = sla({"--policy", file("other.toml", kContract), "-p", "P2", "-s",
                        "2026-11-25 16:00", "-o", "json"},
                       {"SLA_POLICY=/nonexistent.toml"});
  ASSERT_EQ(over.status, 0) << over.err;
  // P2 gold, 1d = 8h on office hours: Wed 1h, Thanksgiving, Fri 7h.
  EXPECT_EQ(json_field(over.out, "deadline"), "2026-11-27T16:00:00-05:00");
  RunResult missing = sla({"-s", "2026-11-25"}, {"SLA_POLICY=/nonexistent.toml"});
  EXPECT_EQ(missing.status, 2);
  EXPECT_EQ(
      missing.err,
      "sla: error: cannot read SLA_POLICY \"/nonexistent.toml\": No such file or directory\n");
}

TEST_F(PolicyCli, VersionsChosenBySubmission) {
  std::string older = kContract;
  older.replace(older.find("2026-01-01"), 10, "2025-01-01");
  older.replace(older.find("target = \"4h\""), 13, "target = \"8h\"");
  const std::string a = file("2025.toml", older), b = file("2026.toml", kContract);
  const std::string csv =
      "id,submitted,priority\nold,2025-12-31 20:00,P1\nnew,2026-01-01 00:00,P1\n"
      "early,2024-12-31 12:00,P1\n";
  RunResult r =
      sla({"batch", "--policy", b, "--policy", a, "-o", "jsonl", "--now", "2026-06-01"}, {}, csv);
  EXPECT_EQ(r.status, 3) << r.err;  // the early row is in error, the others breached
  std::vector<std::string> lines;
  for (std::size_t at = 0, end; (end = r.out.find('\n', at)) != std::string::npos; at = end + 1) {
    lines.push_back(r.out.substr(at, end - at));
  }
  ASSERT_EQ(lines.size(), 3u) << r.out;
  EXPECT_EQ(json_field(lines[0], "deadline"), "2026-01-01T04:00:00-05:00");
  EXPECT_EQ(json_field(lines[0], "policy_effective"), "2025-01-01");
  EXPECT_EQ(json_field(lines[1], "deadline"), "2026-01-01T04:00:00-05:00");
  EXPECT_EQ(json_field(lines[1], "policy_effective"), "2026-01-01");
  EXPECT_NE(json_field(lines[2], "error"), "null");
  EXPECT_NE(lines[2].find("before the first policy in force"), std::string::npos) << lines[2];
  // sla policy shows the version in force now, and names the others.
  RunResult shown = sla({"policy", "--policy", a, "--policy", b}, {"SLA_NOW=2025-06-01"});
  EXPECT_NE(shown.out.find("Effective    from 2025-01-01"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("Versions     from 2025-01-01 (" + a + ", shown), from 2026-01-01 (" +
                           b + ")"),
            std::string::npos)
      << shown.out;
}

TEST_F(PolicyCli, TomlReadsBackToTheSamePolicy) {
  RunResult toml = sla({"policy", "-o", "toml"});
  ASSERT_EQ(toml.status, 0) << toml.err;
  const std::string saved = file("saved.toml", toml.out);
  RunResult check = sla({"policy", "--check", saved});
  EXPECT_EQ(check.status, 0) << check.err;
  EXPECT_EQ(check.out,
            saved + ": ok (CodeSecure support policy: 4 priorities, 2 tiers, 1 calendar)\n");
  EXPECT_EQ(sla({"--policy", saved, "policy", "-o", "toml"}).out, toml.out);
  EXPECT_EQ(sla({"--policy", saved, "policy"}).out, sla({"policy"}).out);
  EXPECT_EQ(sla({"--policy", saved, "policy", "-o", "json"}).out,
            sla({"policy", "-o", "json"}).out);
  // The same tickets give the same rows.
  std::string csv = "id,submitted,priority,tier,responded\n";
  for (int i = 0; i < 200; ++i) {
    csv += "t" + std::to_string(i) + ",@" + std::to_string(1790000000 + i * 40013) + ",P" +
           std::to_string(1 + i % 4) + "," + (i % 3 ? "standard" : "premium") + "," +
           (i % 5 ? "" : "@" + std::to_string(1790000000 + i * 40013 + 50000)) + "\n";
  }
  RunResult a = sla({"batch", "--now", "2026-11-25"}, {}, csv);
  RunResult b = sla({"batch", "--now", "2026-11-25", "--policy", saved}, {}, csv);
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(a.status, b.status);
  const std::string contract = file("acme.toml", kContract);
  RunResult acme = sla({"--policy", contract, "policy", "-o", "toml"});
  const std::string again = file("again.toml", acme.out);
  EXPECT_EQ(sla({"--policy", again, "policy", "-o", "toml"}).out, acme.out);
  EXPECT_EQ(sla({"--policy", again, "policy"}).out, sla({"--policy", contract, "policy"}).out);
}

TEST_F(PolicyCli, CheckSeveralFiles) {
  const std::string good = file("good.toml", kContract);
  const std::string bad = file("bad.toml", "name = \"x\"\n");
  RunResult r = sla({"policy", "--check", good, "--check", bad});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, good + ": ok (Acme contract: 2 priorities, 1 tier, 2 calendars)\n");
  EXPECT_EQ(r.err, "sla: error: " + bad +
                       ":1:1: missing key time_zone in the policy; expected time_zone = \"...\"\n");
}

// The commented example policy of policies/ loads, with the holiday file beside it, and keeps
// Berlin's office hours: a normal ticket of Thursday 16:00 is due Tuesday 16:00, the Friday after
// Thanksgiving closed by that file.
TEST_F(PolicyCli, TheExamplePolicyLoads) {
  const std::string example = SLA_SOURCE_DIR "/policies/acme.toml";
  RunResult check = sla({"policy", "--check", example});
  EXPECT_EQ(check.status, 0) << check.err;
  EXPECT_EQ(check.out,
            example + ": ok (Acme support contract: 2 priorities, 1 tier, 2 calendars)\n");
  RunResult due = sla({"--policy", example, "-s", "2026-11-26 16:00", "--format", "{deadline}"});
  EXPECT_EQ(due.status, 0) << due.err;
  EXPECT_EQ(due.out, "2026-12-01T16:00:00+01:00\n");
}

// A file that never ends is refused, not read until memory runs out.
TEST_F(PolicyCli, AnEndlessPolicyFileIsRefused) {
  RunResult r = sla({"--policy", "/dev/zero", "-s", "2026-11-26 22:00"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err,
            "sla: error: cannot read --policy \"/dev/zero\": larger than 16 MiB; expected a "
            "policy or holiday file\n");
  EXPECT_EQ(r.out, "");
}

// A policy from a pipe, which gives no size ahead, is read to its end, past the first read's
// room: it says what the same text as a file says.
TEST_F(PolicyCli, APolicyFromAPipeIsReadWhole) {
  const std::string text = kContract + "# " + std::string(10000, 'x') + "\n";
  const std::string fifo = dir_ + "/policy.fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  // The writer's open waits for sla's.
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << text; });
  const std::vector<std::string> args = {"-s", "2026-11-26 22:00", "-p", "P1", "-o", "json"};
  std::vector<std::string> from_pipe = {"--policy", fifo};
  std::vector<std::string> from_file = {"--policy", file("acme.toml", text)};
  from_pipe.insert(from_pipe.end(), args.begin(), args.end());
  from_file.insert(from_file.end(), args.begin(), args.end());
  RunResult b = sla(from_pipe);
  // Should sla not have opened the pipe, a reader of our own lets the writer end.
  const int release = open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  writer.join();
  if (release >= 0) close(release);
  RunResult a = sla(from_file);
  EXPECT_EQ(a.status, 0) << a.err;
  EXPECT_EQ(b.status, 0) << b.err;
  EXPECT_NE(a.out, "");
  EXPECT_EQ(b.out, a.out);
}

// A repeatable option takes one word each time: the file after it is batch's input.
TEST_F(PolicyCli, APolicyBeforeBatchFilesTakesOneWord) {
  const std::string contract = file("acme.toml", kContract);
  const std::string tickets =
      file("tickets.csv", "id,submitted,priority\nT-1,2026-11-26 22:00,critical\n");
  RunResult r = sla({"batch", "--now", "2026-11-26T23:00:00-05:00", "--policy", contract,
                     "--holidays", "us-federal", tickets, "--format", "{id} {deadline}"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "T-1 2026-11-27T02:00:00-05:00\n");
  RunResult two = sla({"policy", "--check", contract, contract});
  EXPECT_EQ(two.status, 2);
  EXPECT_NE(two.err.find("unexpected argument"), std::string::npos) << two.err;
}

TEST_F(PolicyCli, TheTicketsOwnCalendar) {
  const std::string contract = file("acme.toml", kContract);
  // P1 on office hours instead of 24x7: 4h from Wed 16:00 is Fri 11:00.
  RunResult r = sla({"--policy", contract, "-p", "P1", "-s", "2026-11-25 16:00", "--calendar",
                     "office", "-o", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json_field(r.out, "deadline"), "2026-11-27T11:00:00-05:00");
  EXPECT_EQ(json_field(r.out, "calendar"), "office");
  RunResult text = sla({"--policy", contract, "-p", "P1", "-s", "2026-11-25 16:00"});
  EXPECT_NE(text.out.find("Target       4 business hours, on the always calendar"),
            std::string::npos)
      << text.out;
  RunResult bad = sla({"--policy", contract, "--calendar", "weekends"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(bad.err,
            "sla: error: invalid --calendar \"weekends\": no such calendar in the policy; "
            "expected office or always\n");
  const std::string csv =
      "id,submitted,priority,calendar\na,2026-11-25 16:00,P1,office\n"
      "b,2026-11-25 16:00,P1,\nc,2026-11-25 16:00,P1,weekends\n";
  RunResult batch = sla({"batch", "--policy", contract, "--now", "2026-11-25 16:00", "--format",
                         "{id} {calendar} {deadline} {error}"},
                        {}, csv);
  EXPECT_EQ(batch.status, 2);
  EXPECT_EQ(batch.out,
            "a office 2026-11-27T11:00:00-05:00 \nb always 2026-11-25T20:00:00-05:00 \nc   line 4, "
            "column 4 (calendar): invalid calendar \"weekends\": no such calendar in the policy; "
            "expected office or always\n");
}

TEST_F(PolicyCli, PolicyListsEveryCalendar) {
  const std::string contract = file("acme.toml", kContract);
  RunResult r = sla({"--policy", contract, "policy"});
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* s :
       {"Priority  Name      Gold", "P1        Critical  4h (always)  Hourly updates",
        "Hours        office: Mon\u2013Fri 08:00\u201312:00, 13:00\u201317:00, "
        "except holidays (1d = 8 business hours)",
        "             always: every day, all day (24x7) (1d = 24 business hours)",
        "Holidays     office: us-federal (built in); always: none",
        "Defaults     priority P2 (Normal), tier gold, calendar office",
        "Resellers    tickets bought through a reseller are covered like any other"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  }
  RunResult json = sla({"--policy", contract, "policy", "-o", "json"});
  EXPECT_NE(json.out.find("\"business_hours\":null"), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("{\"priority\":\"P1\",\"tier\":\"gold\",\"target\":\"4h\","
                          "\"business_seconds\":14400,\"calendar\":\"always\"}"),
            std::string::npos)
      << json.out;
  EXPECT_NE(json.out.find("\"aliases\":[\"critical\",\"1 - Critical\"]"), std::string::npos);
  // Covered resellers get a deadline like anyone.
  RunResult reseller = sla({"--policy", contract, "--reseller", "-p", "P2", "-s",
                            "2026-11-25 16:00", "--format", "{deadline}"});
  EXPECT_EQ(reseller.out, "2026-11-27T16:00:00-05:00\n");
  EXPECT_EQ(sla({"due", "-o", "toml"}).status, 2);
}

TEST_F(PolicyCli, PartDayClosures) {
  file("half.txt", "12-24 | closed 13:00-24:00 | Christmas Eve afternoon\n");
  RunResult list =
      sla({"holidays", "2026", "--holidays", "us-federal", "--holidays", "./half.txt"});
  ASSERT_EQ(list.status, 0) << list.err;
  EXPECT_NE(list.out.find("2026-12-24  Thu  Christmas Eve afternoon (closed 13:00\u201324:00)\n"),
            std::string::npos)
      << list.out;
  RunResult json = sla({"holidays", "2026", "--holidays", "./half.txt", "-o", "json"});
  EXPECT_EQ(json.out,
            "[{\"date\":\"2026-12-24\",\"weekday\":\"Thu\",\"name\":\"Christmas Eve "
            "afternoon\",\"observed\":false,\"closed\":\"13:00-24:00\"}]\n");
  // Thu 12:00-13:00 counts, then Christmas Day, the weekend: Mon 09:00 + 1h.
  RunResult due = sla({"-p", "P1", "-t", "premium", "-s", "2026-12-24 12:00", "--holidays",
                       "us-federal", "--holidays", "./half.txt", "--explain"});
  ASSERT_EQ(due.status, 0) << due.err;
  EXPECT_NE(due.out.find("Deadline     Mon 2026-12-28 10:00 EST"), std::string::npos) << due.out;
  EXPECT_NE(due.out.find("12:00\u201313:00  1h       total 1h  (part closed: Christmas Eve "
                         "afternoon)"),
            std::string::npos)
      << due.out;
}

}  // namespace
}  // namespace sla::test
