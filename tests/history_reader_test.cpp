// Tests of the history at the parse edge: reclassifications and pauses, and every way they can
// be wrong.
#include "error.hpp"
#include "test_support.hpp"
#include "ticket_reader.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sla {
namespace {

using test::ny;

constexpr TicketFieldNames kNames = {"submitted", "priority", "tier",         "calendar",
                                     "responded", "reseller", "reclassified", "paused"};

ReadOptions options() {
  ReadOptions o;
  o.names = kNames;
  return o;
}

const date::sys_seconds kNow = ny(2026, 11, 30, 12);

TicketText ticket(std::optional<std::string_view> reclassified,
                  std::optional<std::string_view> paused = std::nullopt) {
  TicketText text;
  text.submitted = "2026-11-25 16:30";
  text.priority = "P3";
  text.reclassified = reclassified;
  text.paused = paused;
  return text;
}

std::string error_of(const TicketText& text, ReadOptions o = options()) {
  TicketReader reader(test::builtin_engine(), std::move(o));
  TicketField failed = TicketField::kSubmitted;
  try {
    reader.read(text, kNow, &failed);
  } catch (const InputError& e) {
    return std::string(e.what()) + " [" + std::string(kNames[static_cast<std::size_t>(failed)]) +
           "]";
  }
  ADD_FAILURE() << "accepted";
  return "";
}

Ticket read(const TicketText& text, ReadOptions o = options()) {
  TicketReader reader(test::builtin_engine(), std::move(o));
  return reader.read(text, kNow);
}

TEST(HistoryReader, ReclassificationsInAnyOrderAreSortedWithTheirPriorities) {
  const Ticket t = read(ticket("2026-11-27 10:00=urgent; 2026-11-26T10:00:00-05:00=P2;"));
  ASSERT_EQ(t.reclassified.size(), 2u);
  EXPECT_EQ(t.reclassified[0].at, ny(2026, 11, 26, 10));
  EXPECT_EQ(t.reclassified[0].priority, 1u);
  EXPECT_EQ(t.reclassified[1].at, ny(2026, 11, 27, 10));
  EXPECT_EQ(t.reclassified[1].priority, 0u);
  EXPECT_EQ(t.priority, 2u);  // -p stays the priority it was submitted with
}

TEST(HistoryReader, ReclassificationsAtTheSubmissionAndAtNowCount) {
  const Ticket t = read(ticket("2026-11-25 16:30=P1;2026-11-30 12:00=P4"));
  ASSERT_EQ(t.reclassified.size(), 2u);
  EXPECT_EQ(t.reclassified[0].at, ny(2026, 11, 25, 16, 30));
  EXPECT_EQ(t.reclassified[1].at, kNow);
}

TEST(HistoryReader, ReclassifiedPrioritiesGoThroughThePriorityMap) {
  ReadOptions o = options();
  o.priority_map = {"Sev 1=P1"};
  EXPECT_EQ(read(ticket("2026-11-26 10:00=sev 1"), o).reclassified.at(0).priority, 0u);
}

TEST(HistoryReader, BadReclassificationsAreErrorsNamingTheEntry) {
  EXPECT_EQ(error_of(ticket("2026-11-26 10:00")),
            "invalid reclassified entry \"2026-11-26 10:00\"; expected TIME=PRIORITY, entries "
            "separated by ';' [reclassified]");
  EXPECT_EQ(error_of(ticket("=P1")),
            "invalid reclassified entry \"=P1\"; expected TIME=PRIORITY, entries separated by "
            "';' [reclassified]");
  EXPECT_EQ(error_of(ticket("2026-11-25 16:29=P1")),
            "invalid reclassified \"2026-11-25 16:29=P1\": before the submission at "
            "2026-11-25T16:30:00-05:00; expected a time from the submission to now "
            "[reclassified]");
  EXPECT_EQ(error_of(ticket("2026-11-30 12:00:01=P1")),
            "invalid reclassified \"2026-11-30 12:00:01=P1\": after now "
            "(2026-11-30T12:00:00-05:00); expected a time from the submission to now "
            "[reclassified]");
  EXPECT_NE(error_of(ticket("2026-11-26 10:00=P9")).find("invalid reclassified \"P9\""),
            std::string::npos);
  EXPECT_NE(error_of(ticket("2026-11-31 10:00=P1")).find("invalid reclassified \"2026-11-31"),
            std::string::npos);
  EXPECT_EQ(error_of(ticket("2026-11-26 10:00=P1;2026-11-26T15:00:00Z=P2")),
            "invalid reclassified: two reclassifications at 2026-11-26T10:00:00-05:00; "
            "expected one priority per instant [reclassified]");
}

TEST(HistoryReader, PausesClosedAndRunning) {
  const Ticket t =
      read(ticket(std::nullopt, "2026-11-27 17:00/; 2026-11-26 09:00/2026-11-27 09:00"));
  ASSERT_EQ(t.paused.size(), 2u);
  EXPECT_EQ(t.paused[0].from, ny(2026, 11, 26, 9));
  EXPECT_EQ(t.paused[0].to, ny(2026, 11, 27, 9));
  EXPECT_EQ(t.paused[1].from, ny(2026, 11, 27, 17));
  EXPECT_FALSE(t.paused[1].to.has_value());
  // Two pauses may touch: [a, b) and [b, c) do not overlap. A pause may end after now.
  EXPECT_EQ(read(ticket(std::nullopt,
                        "2026-11-26 09:00/2026-11-26 10:00;2026-11-26 "
                        "10:00/2026-12-02 10:00"))
                .paused.size(),
            2u);
}

TEST(HistoryReader, PausesInAFormatWithSlashes) {
  ReadOptions o = options();
  o.time_format = "%d/%m/%Y %H:%M";
  const Ticket t =
      read(ticket(std::nullopt, "26/11/2026 09:00/27/11/2026 09:00;28/11/2026 10:00/"), o);
  ASSERT_EQ(t.paused.size(), 2u);
  EXPECT_EQ(t.paused[0].from, ny(2026, 11, 26, 9));
  EXPECT_EQ(t.paused[0].to, ny(2026, 11, 27, 9));
  EXPECT_EQ(t.paused[1].from, ny(2026, 11, 28, 10));
  EXPECT_FALSE(t.paused[1].to.has_value());
  EXPECT_EQ(error_of(ticket(std::nullopt, "26/11/2026 09:00/32/11/2026 09:00"), o),
            "invalid paused entry \"26/11/2026 09:00/32/11/2026 09:00\": no slash leaves a time "
            "on either side; expected FROM/TO, or FROM/ for a pause still running, entries "
            "separated by ';' [paused]");
}

TEST(HistoryReader, BadPausesAreErrorsNamingTheEntry) {
  const std::string expected =
      "expected FROM/TO, or FROM/ for a pause still running, entries separated by ';' [paused]";
  EXPECT_EQ(error_of(ticket(std::nullopt, "2026-11-26 09:00")),
            "invalid paused entry \"2026-11-26 09:00\"; " + expected);
  EXPECT_EQ(error_of(ticket(std::nullopt, "/2026-11-26 09:00")),
            "invalid paused \"/2026-11-26 09:00\": no start; " + expected);
  EXPECT_EQ(error_of(ticket(std::nullopt, "2026-11-25 16:00/2026-11-26 09:00")),
            "invalid paused \"2026-11-25 16:00/2026-11-26 09:00\": starts before the submission "
            "at 2026-11-25T16:30:00-05:00; expected a pause from the submission to now [paused]");
  EXPECT_EQ(error_of(ticket(std::nullopt, "2026-11-30 13:00/")),
            "invalid paused \"2026-11-30 13:00/\": starts after now (2026-11-30T12:00:00-05:00); "
            "expected a pause from the submission to now [paused]");
  EXPECT_EQ(error_of(ticket(std::nullopt, "2026-11-26 10:00/2026-11-26 10:00")),
            "invalid paused \"2026-11-26 10:00/2026-11-26 10:00\": ends at or before its start; "
            "expected FROM before TO [paused]");
  EXPECT_EQ(error_of(ticket(std::nullopt,
                            "2026-11-26 10:00/2026-11-27 10:00;2026-11-27 "
                            "09:00/2026-11-27 12:00")),
            "invalid paused: the pause from 2026-11-27T09:00:00-05:00 overlaps the one from "
            "2026-11-26T10:00:00-05:00; expected pauses apart [paused]");
  // A running pause runs on: nothing may start after it.
  EXPECT_EQ(error_of(ticket(std::nullopt, "2026-11-26 10:00/;2026-11-27 09:00/2026-11-27 12:00")),
            "invalid paused: the pause from 2026-11-27T09:00:00-05:00 overlaps the one from "
            "2026-11-26T10:00:00-05:00; expected pauses apart [paused]");
  EXPECT_NE(error_of(ticket(std::nullopt, "2026-11-26 10:00/tomorrow"))
                .find("invalid paused \"tomorrow\""),
            std::string::npos);
}

TEST(HistoryReader, NoHistoryAndEmptyEntriesAreNone) {
  const Ticket t = read(ticket(";; ", " ;"));
  EXPECT_TRUE(t.reclassified.empty());
  EXPECT_TRUE(t.paused.empty());
}

}  // namespace
}  // namespace sla
