// Tests of the engine: policy versions, tickets read at the parse edge, holiday sets found
// beside a policy, and --holidays.
#include "engine.hpp"

#include "error.hpp"
#include "test_support.hpp"
#include "ticket_reader.hpp"
#include "time_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sla {
namespace {

using std::chrono::hours;
using test::ny;
using test::TestResources;

constexpr TicketFieldNames kNames = {"submitted", "priority",  "tier",
                                     "calendar",  "responded", "reseller"};

Ticket read_text(const Engine& engine, const TicketText& text, TicketField* failed = nullptr) {
  ReadOptions options;
  options.names = kNames;
  TicketReader reader(engine, options);
  return reader.read(text, ny(2026, 11, 25, 12), failed);
}

// A small policy: `effective` and a P1 target, a weekday calendar and a 24x7 one.
std::string policy_text(const std::string& effective, const std::string& p1_target,
                        const std::string& holidays = "[\"us-federal\"]",
                        const std::string& zone = "America/New_York") {
  std::string text = "name = \"Policy from " + effective + "\"\n";
  if (!effective.empty()) text += "effective = \"" + effective + "\"\n";
  text += "time_zone = \"" + zone + "\"\ndefault_priority = \"P2\"\ndefault_tier = \"basic\"\n";
  text += "default_calendar = \"office\"\n";
  text += "[calendars.office]\nholidays = " + holidays + "\n";
  text += "mon = [\"09:00-17:00\"]\ntue = [\"09:00-17:00\"]\nwed = [\"09:00-17:00\"]\n";
  text += "thu = [\"09:00-17:00\"]\nfri = [\"09:00-17:00\"]\n";
  text += "[calendars.always]\nhours = \"24x7\"\n";
  text += "[[priorities]]\nid = \"P1\"\naliases = [\"urgent\"]\n[[priorities]]\nid = \"P2\"\n";
  text += "[[tiers]]\nid = \"basic\"\n";
  text += "[response]\nP1 = { basic = { target = \"" + p1_target +
          "\", calendar = \"always\" } }\nP2 = { basic = \"1d\" }\n";
  return text;
}

Ticket read(const Engine& engine, std::string_view submitted, std::string_view priority = "P1",
            std::optional<std::string_view> calendar = std::nullopt) {
  TicketText text;
  text.submitted = submitted;
  text.priority = priority;
  text.calendar = calendar;
  return read_text(engine, text);
}

std::string error_of(const Engine& engine, const TicketText& text, TicketField* failed = nullptr) {
  try {
    read_text(engine, text, failed);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "accepted " << text.submitted;
  return "";
}

TEST(Engine, EachTicketIsJudgedByTheVersionInForceAtItsSubmission) {
  TestResources resources;
  EngineSetup setup;
  setup.policies = {{policy_text("2027-01-01", "1h"), "b.toml", false},
                    {policy_text("2026-01-01", "4h"), "a.toml", false}};
  Engine engine(setup, resources);
  ASSERT_EQ(engine.versions(), 2u);
  EXPECT_EQ(engine.source(0), "a.toml");  // ordered by date
  EXPECT_EQ(engine.source(1), "b.toml");
  const Ticket old = read(engine, "2026-12-31 23:59:59");
  const Ticket fresh = read(engine, "2027-01-01 00:00");
  EXPECT_EQ(old.version, 0u);
  EXPECT_EQ(fresh.version, 1u);
  EXPECT_EQ(engine.evaluate(old, old.submitted, 75)->target, hours{4});
  EXPECT_EQ(engine.evaluate(fresh, fresh.submitted, 75)->target, hours{1});
  // 24x7: four hours after the submission, whatever the weekday.
  EXPECT_EQ(engine.evaluate(old, old.submitted, 75)->deadline, old.submitted + hours{4});
  const std::string before = error_of(engine, {"2025-12-31 23:00", {}, {}, {}, {}, {}, {}, {}});
  EXPECT_EQ(before,
            "invalid submitted \"2025-12-31 23:00\": before the first policy in force "
            "(\"a.toml\" from 2026-01-01); expected a ticket submitted while a policy was in "
            "force");
}

TEST(Engine, AVersionWithoutADateIsInForceBeforeTheOthers) {
  TestResources resources;
  EngineSetup setup;
  setup.policies = {{policy_text("2026-06-01", "1h"), "new.toml", false},
                    {policy_text("", "8h"), "base.toml", false}};
  Engine engine(setup, resources);
  EXPECT_EQ(engine.source(0), "base.toml");
  EXPECT_EQ(read(engine, "1950-01-01").version, 0u);
  EXPECT_EQ(read(engine, "2026-06-01").version, 1u);
}

TEST(Engine, TwoVersionsOfOneDateAreRefused) {
  TestResources resources;
  EngineSetup setup;
  setup.policies = {{policy_text("2026-01-01", "1h"), "a.toml", false},
                    {policy_text("2026-01-01", "2h"), "b.toml", false}};
  try {
    Engine engine(setup, resources);
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "invalid --policy \"b.toml\": in force from 2026-01-01 like \"a.toml\"; expected "
              "one policy version per effective date");
  }
}

TEST(Engine, TimesWithoutAnOffsetAreReadInTheVersionsZone) {
  TestResources resources;
  EngineSetup setup;
  setup.policies = {{policy_text("2026-01-01", "1h", "[]", "Europe/Berlin"), "berlin.toml", false}};
  Engine engine(setup, resources);
  const Ticket t = read(engine, "2026-11-25 16:30");
  EXPECT_EQ(format_utc(t.submitted), "2026-11-25T15:30:00Z");
  EXPECT_EQ(engine.policy_zone(0).name(), "Europe/Berlin");
}

TEST(Engine, DefaultsAliasesAndTheTicketsOwnCalendar) {
  TestResources resources;
  EngineSetup setup;
  setup.policies = {{policy_text("", "2h"), "p.toml", false}};
  Engine engine(setup, resources);
  TicketText text;
  text.submitted = "2026-11-27 16:00";  // the Friday after Thanksgiving
  const Ticket plain = read_text(engine, text);
  EXPECT_EQ(plain.priority, 1u);  // P2, the default
  EXPECT_EQ(plain.tier, 0u);
  EXPECT_FALSE(plain.calendar.has_value());
  // P2 on the office calendar: 1d = 8h from Fri 16:00 is Mon 16:00.
  EXPECT_EQ(engine.evaluate(plain, plain.submitted, 75)->deadline, ny(2026, 11, 30, 16));
  // P1 on the cell's 24x7 calendar; with --calendar office, on office hours.
  const Ticket urgent = read(engine, "2026-11-27 16:00", "URGENT");
  EXPECT_EQ(urgent.priority, 0u);
  EXPECT_EQ(engine.evaluate(urgent, urgent.submitted, 75)->deadline, ny(2026, 11, 27, 18));
  const Ticket office = read(engine, "2026-11-27 16:00", "P1", "Office");
  EXPECT_EQ(office.calendar, std::optional<std::size_t>{0});
  const auto r = engine.evaluate(office, office.submitted, 75);
  EXPECT_EQ(r->deadline, ny(2026, 11, 30, 10));
  EXPECT_EQ(r->calendar, 0u);
  // P2 on 24x7: "1d" is 24 hours there.
  const Ticket day = read(engine, "2026-11-27 16:00", "P2", "always");
  EXPECT_EQ(engine.evaluate(day, day.submitted, 75)->deadline, ny(2026, 11, 28, 16));
  TicketField failed = TicketField::kSubmitted;
  TicketText bad = text;
  bad.calendar = "weekend";
  EXPECT_EQ(error_of(engine, bad, &failed),
            "invalid calendar \"weekend\": no such calendar in the policy; expected office or "
            "always");
  EXPECT_EQ(failed, TicketField::kCalendar);
  bad = text;
  bad.responded = "2026-11-27 15:00";
  EXPECT_NE(error_of(engine, bad, &failed).find("before the submission"), std::string::npos);
  EXPECT_EQ(failed, TicketField::kResponded);
  bad = text;
  bad.priority = "";
  EXPECT_NE(error_of(engine, bad, &failed).find("invalid priority \"\""), std::string::npos);
  EXPECT_EQ(failed, TicketField::kPriority);
}

TEST(Engine, HolidayFilesAreFoundBesideThePolicy) {
  TestResources resources;
  resources.files["/etc/sla/company.txt"] = "2026-11-30 | | Company day\n";
  resources.files["/etc/sla/half.txt"] = "2026-12-01 | closed 13:00-24:00 | Half day\n";
  EngineSetup setup;
  setup.policies = {{policy_text("", "2h", "[\"us-federal\", \"company.txt\", \"./half.txt\"]"),
                     "/etc/sla/policy.toml", false}};
  Engine engine(setup, resources);
  EXPECT_EQ(engine.holidays_label(0, 0), "us-federal, company.txt, ./half.txt");
  EXPECT_EQ(engine.holidays_label(0, 1), "none");
  const auto& office = engine.clock(0, 0);
  // Fri 27 16:00 + 8h: Fri 1h, Mon 30 closed, Tue 1 open 09:00-13:00, Wed 2 09:00-12:00.
  EXPECT_EQ(office.deadline(ny(2026, 11, 27, 16), hours{8}), ny(2026, 12, 2, 12));
  EXPECT_TRUE(office.holidays().is_holiday(date::local_days{date::year{2026} / 11 / 26}));
  EngineSetup missing = setup;
  missing.policies[0].text = policy_text("", "2h", "[\"nowhere.txt\"]");
  try {
    Engine bad(missing, resources);
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("/etc/sla/policy.toml:7:13: invalid holidays entry "
                                          "\"nowhere.txt\": cannot read holidays "
                                          "\"/etc/sla/nowhere.txt\"",
                                          0),
              0u)
        << e.what();
  }
}

TEST(Engine, HolidaysOptionReplacesOnlyCalendarsThatListHolidays) {
  TestResources resources;
  resources.files["./extra.txt"] = "11-30 | | Extra\n";
  EngineSetup setup;
  setup.policies = {{policy_text("", "2h"), "p.toml", false}};
  setup.holidays = {"./extra.txt"};
  Engine engine(setup, resources);
  EXPECT_EQ(engine.holidays_label(0, 0), "./extra.txt");
  EXPECT_EQ(engine.holidays_label(0, 1), "none");
  const auto& office = engine.clock(0, 0);
  EXPECT_FALSE(office.holidays().is_holiday(date::local_days{date::year{2026} / 11 / 26}));
  EXPECT_TRUE(office.holidays().is_holiday(date::local_days{date::year{2026} / 11 / 30}));
  setup.holidays = {"us-federl"};
  EXPECT_THROW(Engine(setup, resources), InputError);
}

TEST(Engine, TheBuiltInPolicyMayNameBuiltInSetsOnly) {
  const Engine& engine = test::builtin_engine();
  EXPECT_EQ(engine.versions(), 1u);
  EXPECT_EQ(engine.holidays_label(0, 0), "us-federal (built in)");
  EXPECT_EQ(engine.policy(0).name, "CodeSecure support policy");
}

TEST(Engine, NoDeadlinePastTheLastDayOfThePolicyZone) {
  const Engine& engine = test::builtin_engine();
  Ticket t = test::ticket(ny(9999, 12, 30, 10), "P4", "standard");
  EXPECT_FALSE(engine.evaluate(t, t.submitted, 75).has_value());
  EXPECT_EQ(engine.no_deadline_message(t),
            "no deadline for a ticket submitted \"9999-12-30T10:00:00-05:00\": it would fall "
            "after 9999-12-31, the last supported day");
  t = test::ticket(ny(9999, 12, 30, 10), "P1", "premium");
  EXPECT_EQ(engine.evaluate(t, t.submitted, 75)->deadline, ny(9999, 12, 30, 12));
}

}  // namespace
}  // namespace sla
