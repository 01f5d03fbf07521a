// Tests of batch on help-desk exports (SPEC section 9): columns named otherwise, other
// separators, padded cells, local times of another zone, priority words, the reseller column,
// and a randomized comparison of every dialect with canonical CSV.
#include "cli_run.hpp"
#include "test_support.hpp"
#include "time_text.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace sla::test {
namespace {

constexpr const char* kNow = "2026-11-25T12:00:00-05:00";

// A directory for one test's files, removed at the end.
class Exports : public testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/sla-exports-XXXXXX";
    dir_ = mkdtemp(pattern);
  }
  void TearDown() override { std::system(("rm -rf '" + dir_ + "'").c_str()); }
  std::string file(const std::string& name, const std::string& text) {
    std::ofstream(dir_ + "/" + name, std::ios::binary) << text;
    return dir_ + "/" + name;
  }
  RunResult sla(std::vector<std::string> args, const std::string& input = "") {
    RunOptions options;
    options.input = input;
    options.cwd = dir_;
    return run(SLA_BINARY, args, options);
  }
  std::string dir_;
};

TEST_F(Exports, ColumnsNamedOtherwise) {
  file("desk.csv",
       "Ticket ID,Subject,Created time,Priority,First reply\n"
       "7,Login fails,2026-11-25 11:00,Urgent,\n"
       "8,Question,2026-11-23 10:00,Low,2026-11-23 11:00\n");
  RunResult r = sla({"batch", "desk.csv", "--now", kNow, "--column", "id=ticket id", "--column",
                     "submitted=Created time", "--column", "responded=First reply", "--format",
                     "{id} {priority} {status} {deadline}"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "7 P1 on_track 2026-11-27T11:00:00-05:00\n8 P4 met 2026-11-27T10:00:00-05:00\n");
  // A column named by --column must be there.
  RunResult missing = sla({"batch", "desk.csv", "--column", "tier=Plan"});
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("no column \"Plan\" (--column tier=Plan) in the header"),
            std::string::npos)
      << missing.err;
  for (const char* bad : {"nope=X", "submitted", "submitted=", "id=a"}) {
    std::vector<std::string> args = {"batch", "desk.csv", "--column", bad};
    if (std::string(bad) == "id=a") args.insert(args.end(), {"--column", "id=b"});
    RunResult e = sla(args);
    EXPECT_EQ(e.status, 2) << bad;
    EXPECT_EQ(e.err.rfind("sla: error: invalid --column ", 0), 0u) << e.err;
  }
}

TEST_F(Exports, SemicolonsPaddingTabsAndEmptyRows) {
  file("sheet.csv",
       "Ticket ; Received ; Priority\n"
       "  A-1  ; 2026-11-25 11:00 ; high \n"
       "\"A;2\";2026-11-25 11:00;\"normal\"\n"
       ";;\n"
       " ; ; \n");
  RunResult r = sla({"batch", "sheet.csv", "--now", kNow, "--delimiter", ";", "--column",
                     "id=Ticket", "--column", "submitted=Received", "--format", "{id}|{priority}"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "A-1|P2\nA;2|P3\n");
  file("tabs.tsv", "id\tsubmitted\tpriority\nt1\t2026-11-25 11:00\tP1\n");
  EXPECT_EQ(sla({"batch", "tabs.tsv", "--now", kNow, "--format", "{id} {priority}"}).out,
            "t1 P1\n");
  EXPECT_EQ(sla({"batch", "--delimiter", "tab", "--now", kNow, "--format", "{id}"},
                "id\tsubmitted\nt2\t2026-11-25 11:00\n")
                .out,
            "t2\n");
  RunResult bad = sla({"batch", "--delimiter", ";;"}, "");
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(bad.err,
            "sla: error: invalid --delimiter \";;\"; expected one ASCII character such as ; or "
            "|, or tab\n");
}

// A Pacific-time export: read as New York time, the on-track P1 would be breached.
TEST_F(Exports, InputZoneDecidesTheDeadline) {
  const std::string csv = "id,submitted,priority,tier\np,2026-11-25 08:30,P1,premium\n";
  RunResult wrong =
      sla({"batch", "--now", "2026-11-25 09:00:00 -0800", "--format", "{status} {deadline}"}, csv);
  EXPECT_EQ(wrong.out, "breached 2026-11-25T11:00:00-05:00\n");
  RunResult right = sla({"batch", "--now", "2026-11-25 09:00:00 -0800", "--input-tz",
                         "America/Los_Angeles", "--format", "{status} {deadline}"},
                        csv);
  EXPECT_EQ(right.out, "on_track 2026-11-25T13:30:00-05:00\n");
  RunResult text = sla({"check", "-p", "P1", "-t", "premium", "-s", "2026-11-25 08:30",
                        "--input-tz", "America/Los_Angeles", "--now", "2026-11-25T12:00:00-05:00"});
  EXPECT_NE(text.out.find("Read in      America/Los_Angeles (no offset given)"), std::string::npos)
      << text.out;
  RunResult explained =
      sla({"-p", "P1", "-s", "2026-11-25 08:30", "--input-tz", "America/Los_Angeles", "--explain"});
  EXPECT_NE(explained.out.find("(times given without an offset were read in America/Los_Angeles)"),
            std::string::npos)
      << explained.out;
  RunResult offset = sla({"-p", "P1", "-s", "2026-11-25T08:30:00-08:00"});
  EXPECT_EQ(offset.out.find("Read in"), std::string::npos) << offset.out;
  RunResult bad = sla({"--input-tz", "los angeles"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("did you mean America/Los_Angeles?"), std::string::npos) << bad.err;
}

TEST_F(Exports, ResellerRowsAreNotCovered) {
  const std::string csv =
      "id,submitted,priority,reseller\n"
      "a,2026-11-20 10:00,P1,yes\n"  // breached, were it covered
      "b,2026-11-25 11:00,P1,no\n"
      "c,2026-11-25 11:00,P1,\n"
      "d,2026-11-25 11:00,P1,perhaps\n";
  RunResult r = sla({"batch", "--now", kNow, "-o", "jsonl"}, csv);
  EXPECT_EQ(r.status, 2) << r.err;  // d is in error; a is no breach
  std::istringstream lines(r.out);
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(line);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_NE(rows[0].find("\"status\":\"not_covered\""), std::string::npos) << rows[0];
  EXPECT_NE(rows[0].find("\"deadline\":null"), std::string::npos) << rows[0];
  EXPECT_NE(rows[0].find("\"error\":null"), std::string::npos) << rows[0];
  EXPECT_NE(rows[1].find("\"status\":\"on_track\""), std::string::npos);
  EXPECT_NE(rows[3].find("invalid reseller \\\"perhaps\\\""), std::string::npos) << rows[3];
  RunResult summary = sla({"batch", "--now", kNow, "--summary"}, csv);
  EXPECT_NE(summary.out.find("not_covered 1\n"), std::string::npos) << summary.out;
  EXPECT_NE(summary.out.find("compliance  n/a"), std::string::npos) << summary.out;
  RunResult csv_out = sla({"batch", "--now", kNow, "--format", "{id},{status},{deadline}"},
                          "id,submitted,reseller\na,2026-11-20 10:00,TRUE\n");
  EXPECT_EQ(csv_out.status, 0);
  EXPECT_EQ(csv_out.out, "a,not_covered,\n");
}

TEST_F(Exports, OnlyOpenAndTheTextTable) {
  const std::string csv =
      "id,submitted,priority,responded\n"
      "a,2026-11-25 11:00,P1,\n"                  // on_track
      "b,2026-11-20 10:00,P1,\n"                  // breached
      "c,2026-11-23 10:00,P3,2026-11-23 11:00\n"  // met
      "d,bad,P1,\n";                              // error
  EXPECT_EQ(sla({"batch", "--now", kNow, "--only", "open", "--format", "{id}"}, csv).out, "a\nb\n");
  RunResult table = sla({"batch", "--now", kNow, "-o", "text"}, csv);
  EXPECT_EQ(table.status, 3);
  std::istringstream lines(table.out);
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(line);
  ASSERT_EQ(rows.size(), 5u) << table.out;
  EXPECT_EQ(rows[0], "id           status       priority  tier       deadline");
  EXPECT_EQ(
      rows[1],
      "a            on_track     P1        standard   Fri 2026-11-27 11:00 EST   due in 8h of "
      "business time");
  EXPECT_EQ(rows[2],
            "b            breached     P1        standard   Mon 2026-11-23 10:00 EST   overdue by "
            "50h");
  EXPECT_EQ(rows[3],
            "c            met          P3        standard   Wed 2026-11-25 10:00 EST   answered "
            "after 1h of business time");
  EXPECT_EQ(rows[4].rfind("d            error   ", 0), 0u) << rows[4];
  EXPECT_NE(rows[4].find("   line 5, column 2 (submitted): invalid submitted \"bad\""),
            std::string::npos)
      << rows[4];
}

// --- Every dialect against canonical CSV -------------------------------------------------

struct Sample {
  date::sys_seconds submitted;
  int priority;  // 0..3
  bool premium;
  std::optional<date::sys_seconds> responded;
};

const char* kPriorityWords[4][4] = {
    {"Urgent", "Highest", "1 - Critical", "urgent"},
    {"High", "High", "2 - High", "high"},
    {"Normal", "Medium", "3 - Moderate", "-"},  // "-": Zendesk's empty cell, the default P3
    {"Low", "Lowest", "4 - Low", "low"},
};

// A wall time of `zone` that names `t` alone (not in a repeated hour).
std::optional<date::local_seconds> wall(date::sys_seconds t, const Zone& zone) {
  const auto local = zone.to_local(t);
  auto back = zone.from_local(local);
  if (!back || *back != t) return std::nullopt;
  return local;
}

std::string show(date::local_seconds local, const char* form) {
  return date::format(form, local);
}

std::string rfc2822(date::sys_seconds t) {
  return date::format("%a, %d %b %Y %H:%M:%S GMT", t);
}

// Writes the tickets in one export dialect; returns the file's name and the options to read it.
struct Dialect {
  std::string name;
  std::vector<std::string> options;
  std::string text;
};

std::vector<Dialect> dialects(const std::vector<Sample>& tickets, const Zone& pacific,
                              const Zone& london, const Zone& kolkata, const Zone& chicago,
                              const Zone& berlin) {
  std::vector<Dialect> out(6);
  out[0] = {
      "zendesk.csv",
      {"--input-tz", "America/Los_Angeles", "--column", "id=Id", "--column", "submitted=Created at",
       "--column", "tier=Plan", "--column", "responded=First reply at", "--priority-map",
       "-=", "--tier-map", "Gold=premium,Silver=standard"},
      "Id,Subject,Status,Priority,Plan,Created at,First reply at,Solved at\n"};
  out[1] = {
      "jira.csv",
      {"--input-tz", "Europe/London", "--column", "id=Issue key", "--column", "submitted=Created",
       "--column", "responded=Responded", "--time-format", "%d/%b/%y %I:%M %p"},
      "Summary,Issue key,Issue Type,Priority,Created,Responded,Tier\n"};
  out[2] = {"freshdesk.csv",
            {"--input-tz", "Asia/Kolkata", "--column", "id=Ticket ID", "--column",
             "submitted=Created time", "--column", "responded=Initial response time"},
            "Ticket ID,Subject,Status,Priority,Created time,Initial response time,Tier\n"};
  out[3] = {"servicenow.csv",
            {"--input-tz", "America/Chicago", "--column", "id=number", "--column",
             "submitted=opened_at", "--column", "tier=u_support_tier"},
            "number,short_description,priority,opened_at,u_support_tier,responded\n"};
  out[4] = {
      "sheet.csv",
      {"--delimiter", ";", "--input-tz", "Europe/Berlin", "--column", "id=Ticket", "--column",
       "submitted=Received", "--column", "responded=Answered", "--time-format", "%d.%m.%Y %H:%M"},
      "Ticket;Received;Priority;Tier;Answered\n"};
  out[5] = {"mail.tsv", {}, "id\tsubmitted\tpriority\ttier\tresponded\n"};
  for (std::size_t i = 0; i < tickets.size(); ++i) {
    const Sample& t = tickets[i];
    const std::string id = "T" + std::to_string(i);
    const std::string tier = t.premium ? "premium" : "standard";
    auto local = [&](const Zone& z, date::sys_seconds s, const char* form) {
      return show(*wall(s, z), form);
    };
    const bool p3_default = t.priority == 2 && !t.premium;
    out[0].text +=
        id + ",Subject " + id + ",open," + kPriorityWords[t.priority][p3_default ? 3 : 0] + "," +
        (t.premium ? "Gold" : "Silver") + "," + local(pacific, t.submitted, "%Y-%m-%d %H:%M:%S") +
        "," + (t.responded ? local(pacific, *t.responded, "%Y-%m-%d %H:%M:%S") : "") + ",\n";
    out[1].text += "\"Summary, " + id + "\"," + id + ",Incident," + kPriorityWords[t.priority][1] +
                   "," + local(london, t.submitted, "%d/%b/%y %I:%M %p") + "," +
                   (t.responded ? local(london, *t.responded, "%d/%b/%y %I:%M %p") : "") + "," +
                   tier + "\n";
    out[2].text +=
        id + ",Subject,Open," + std::string(kPriorityWords[t.priority][t.priority == 2 ? 1 : 0]) +
        "," + local(kolkata, t.submitted, "%Y-%m-%d %H:%M:%S") + "," +
        (t.responded ? local(kolkata, *t.responded, "%Y-%m-%d %H:%M:%S") : "") + "," + tier + "\n";
    out[3].text += id + ",Something," + kPriorityWords[t.priority][2] + "," +
                   local(chicago, t.submitted, "%Y-%m-%d %H:%M:%S") + "," + tier + "," +
                   (t.responded ? local(chicago, *t.responded, "%Y-%m-%d %H:%M:%S") : "") + "\n";
    out[4].text += "  " + id + " ; " + local(berlin, t.submitted, "%d.%m.%Y %H:%M") + " ;  P" +
                   std::to_string(t.priority + 1) + " ; " + tier + " ;" +
                   (t.responded ? " " + local(berlin, *t.responded, "%d.%m.%Y %H:%M") : "") + "\n" +
                   (i % 97 == 0 ? ";;;;\n" : "");
    out[5].text += id + "\t" + rfc2822(t.submitted) + "\t" + kPriorityWords[t.priority][0] + "\t" +
                   tier + "\t" + (t.responded ? rfc2822(*t.responded) : "") + "\n";
  }
  return out;
}

// Returns id -> "status deadline_utc" from batch's output.
std::map<std::string, std::string> results(const std::string& out) {
  std::map<std::string, std::string> by_id;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    const auto space = line.find(' ');
    by_id[line.substr(0, space)] = line.substr(space + 1);
  }
  return by_id;
}

TEST_F(Exports, EveryDialectGivesWhatCanonicalCsvGives) {
  TestResources resources;
  const Zone pacific = resources.zone("America/Los_Angeles", "z");
  const Zone london = resources.zone("Europe/London", "z");
  const Zone kolkata = resources.zone("Asia/Kolkata", "z");
  const Zone chicago = resources.zone("America/Chicago", "z");
  const Zone berlin = resources.zone("Europe/Berlin", "z");
  std::mt19937_64 rng(20261125);
  // Whole minutes from 2020 to 2030, a third with a response within two weeks; none in an hour
  // some zone repeats, where a wall time would name two instants.
  const auto first = utc(2020, 1, 1).time_since_epoch().count() / 60;
  const auto last = utc(2030, 1, 1).time_since_epoch().count() / 60;
  std::vector<Sample> tickets;
  constexpr int kTickets = 10000;
  while (tickets.size() < kTickets) {
    Sample t;
    t.submitted = date::sys_seconds{std::chrono::minutes{
        first + static_cast<long long>(rng() % static_cast<unsigned long long>(last - first))}};
    t.priority = static_cast<int>(rng() % 4);
    t.premium = rng() % 2 == 0;
    if (rng() % 3 == 0) t.responded = t.submitted + std::chrono::minutes{rng() % (14 * 24 * 60)};
    bool unique = true;
    for (const Zone* z : {&pacific, &london, &kolkata, &chicago, &berlin}) {
      unique = unique && wall(t.submitted, *z) && (!t.responded || wall(*t.responded, *z));
    }
    if (unique) tickets.push_back(t);
  }
  std::string canonical = "id,submitted,priority,tier,responded\n";
  for (std::size_t i = 0; i < tickets.size(); ++i) {
    const Sample& t = tickets[i];
    canonical += "T" + std::to_string(i) + "," + format_utc(t.submitted) + ",P" +
                 std::to_string(t.priority + 1) + "," + (t.premium ? "premium" : "standard") + "," +
                 (t.responded ? format_utc(*t.responded) : "") + "\n";
  }
  file("canonical.csv", canonical);
  const std::vector<std::string> common = {"--now", "2026-06-01T12:00:00Z", "--format",
                                           "{id} {status} {deadline_utc} {priority} {tier}"};
  std::vector<std::string> args = {"batch", "canonical.csv"};
  args.insert(args.end(), common.begin(), common.end());
  RunResult want = sla(args);
  ASSERT_EQ(want.err, "");
  const auto expected = results(want.out);
  ASSERT_EQ(expected.size(), tickets.size());
  for (const Dialect& d : dialects(tickets, pacific, london, kolkata, chicago, berlin)) {
    file(d.name, d.text);
    std::vector<std::string> dargs = {"batch", d.name};
    dargs.insert(dargs.end(), d.options.begin(), d.options.end());
    dargs.insert(dargs.end(), common.begin(), common.end());
    RunResult got = sla(dargs);
    EXPECT_EQ(got.err, "") << d.name;
    EXPECT_EQ(got.status, want.status) << d.name;
    const auto by_id = results(got.out);
    int mismatches = 0;
    for (const auto& [id, value] : expected) {
      auto found = by_id.find(id);
      const std::string seen = found == by_id.end() ? "<missing>" : found->second;
      if (seen != value && ++mismatches <= 5) {
        ADD_FAILURE() << d.name << " " << id << ": " << seen << ", canonical " << value;
      }
    }
    EXPECT_EQ(by_id.size(), expected.size()) << d.name;
    EXPECT_EQ(mismatches, 0) << d.name << " of " << expected.size();
  }
}

}  // namespace
}  // namespace sla::test
