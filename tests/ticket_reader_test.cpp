// Tests of the parse edge: tickets read as help desks write them.
#include "ticket_reader.hpp"

#include "error.hpp"
#include "test_support.hpp"
#include "time_text.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace sla {
namespace {

using test::ny;
using test::utc;

constexpr TicketFieldNames kNames = {"submitted", "priority",  "tier",
                                     "calendar",  "responded", "reseller"};

ReadOptions options() {
  ReadOptions o;
  o.names = kNames;
  return o;
}

TicketText at(std::string_view submitted) {
  TicketText text;
  text.submitted = submitted;
  return text;
}

std::string error_of(TicketReader& reader, const TicketText& text, TicketField* failed = nullptr) {
  try {
    reader.read(text, ny(2026, 11, 25, 12), failed);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "accepted " << text.submitted;
  return "";
}

TEST(TicketReader, PriorityAndTierMapsAddWords) {
  ReadOptions o = options();
  o.priority_map = {"Sev 1=P1,Sev 2=high", "-="};
  o.tier_map = {"Gold=premium"};
  TicketReader reader(test::builtin_engine(), o);
  TicketText text = at("2026-11-25 10:00");
  text.priority = "sev 1";
  text.tier = "GOLD";
  Ticket t = reader.read(text, ny(2026, 11, 25, 12));
  EXPECT_EQ(t.priority, 0u);
  EXPECT_EQ(t.tier, 1u);
  text.priority = "Sev 2";
  EXPECT_EQ(reader.read(text, ny(2026, 11, 25, 12)).priority, 1u);
  text.priority = "-";  // a placeholder cell: the default, P3
  EXPECT_EQ(reader.read(text, ny(2026, 11, 25, 12)).priority, 2u);
  text.priority = "Highest";  // the policy's own aliases still count
  EXPECT_EQ(reader.read(text, ny(2026, 11, 25, 12)).priority, 0u);
  text.priority = "Sev 3";
  TicketField failed = TicketField::kSubmitted;
  EXPECT_NE(error_of(reader, text, &failed).find("invalid priority \"Sev 3\""), std::string::npos);
  EXPECT_EQ(failed, TicketField::kPriority);
}

// Spellings a reader remembers are told apart by every byte: words of one length that differ
// only at one place, short and long, each read as often as any, mean what the map says.
TEST(TicketReader, RememberedSpellingsDifferAnywhere) {
  std::vector<std::pair<std::string, std::size_t>> words;  // word, the priority it maps to
  std::string map;
  for (std::size_t n = 1; n <= 24; ++n) {
    for (std::size_t at = 0; at < n; ++at) {
      std::string word(n, 'a');
      word[at] = 'b';
      const std::size_t priority = (n + at) % 3;
      words.emplace_back(word, priority);
      map += (map.empty() ? "" : ",") + word + "=P" + std::to_string(priority + 1);
    }
  }
  ReadOptions o = options();
  o.priority_map = {map};
  TicketReader reader(test::builtin_engine(), o);
  std::mt19937 rng(5);
  TicketText text = at("2026-11-25 10:00");
  for (int i = 0; i < 20000; ++i) {
    // Half the reads among the first few words (which the reader remembers), half anywhere.
    const auto& [word, priority] = words[i % 2 == 0 ? rng() % 40 : rng() % words.size()];
    text.priority = word;
    ASSERT_EQ(reader.read(text, ny(2026, 11, 25, 12)).priority, priority) << word;
  }
}

TEST(TicketReader, MapsAreChecked) {
  for (const char* bad : {"Sev 1", "=P1", "Sev 1=P9", "a=P1,a=P2"}) {
    ReadOptions o = options();
    o.priority_map = {bad};
    EXPECT_THROW(TicketReader(test::builtin_engine(), o), InputError) << bad;
  }
  ReadOptions o = options();
  o.tier_map = {"Gold=platinum"};
  try {
    TicketReader reader(test::builtin_engine(), o);
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "invalid --tier-map entry \"Gold=platinum\": \"platinum\" is no tier of "
              "\"codesecure.toml\"; expected standard or premium");
  }
}

TEST(TicketReader, InputZoneAndWhereWallTimesWereRead) {
  test::TestResources resources;
  const Zone pacific = resources.zone("America/Los_Angeles", "--input-tz");
  ReadOptions o = options();
  o.input_zone = &pacific;
  TicketReader reader(test::builtin_engine(), o);
  TicketText text = at("2026-11-25 13:30");
  Ticket t = reader.read(text, ny(2026, 11, 25, 12));
  EXPECT_EQ(t.submitted, ny(2026, 11, 25, 16, 30));
  EXPECT_EQ(t.wall_zone, &pacific);
  text = at("2026-11-25T13:30:00-08:00");
  t = reader.read(text, ny(2026, 11, 25, 12));
  EXPECT_EQ(t.wall_zone, nullptr);
  text.responded = "2026-11-25 14:00";  // a wall time again
  EXPECT_EQ(reader.read(text, ny(2026, 11, 25, 12)).wall_zone, &pacific);
  TicketReader plain(test::builtin_engine(), options());
  EXPECT_EQ(plain.read(at("2026-11-25 13:30"), ny(2026, 11, 25, 12)).wall_zone->name(),
            "America/New_York");
}

TEST(TicketReader, TimeFormatBeforeTheUsualForms) {
  ReadOptions o = options();
  o.time_format = "%d/%b/%y %I:%M %p";
  TicketReader reader(test::builtin_engine(), o);
  TicketText text = at("25/Nov/26 4:30 PM");
  text.responded = "2026-11-25T17:00:00-05:00";  // the usual forms still read
  Ticket t = reader.read(text, ny(2026, 11, 25, 12));
  EXPECT_EQ(t.submitted, ny(2026, 11, 25, 16, 30));
  EXPECT_EQ(*t.responded, ny(2026, 11, 25, 17));
  const std::string message = error_of(reader, at("25-Nov-26 4:30 PM"));
  EXPECT_NE(message.find("or a time in --time-format \"%d/%b/%y %I:%M %p\""), std::string::npos)
      << message;
  // A format with an offset, and one that meets a spring-forward gap.
  ReadOptions z = options();
  z.time_format = "%m/%d/%Y %H:%M %z";
  TicketReader offsets(test::builtin_engine(), z);
  EXPECT_EQ(offsets.read(at("11/25/2026 13:30 -0800"), ny(2026, 11, 25, 12)).submitted,
            utc(2026, 11, 25, 21, 30));
  ReadOptions g = options();
  g.time_format = "%m/%d/%Y %H:%M";
  TicketReader gaps(test::builtin_engine(), g);
  EXPECT_NE(error_of(gaps, at("03/08/2026 02:30")).find("does not exist"), std::string::npos);
  EXPECT_NE(error_of(gaps, at("03/08/1850 09:30")).find("outside the supported range"),
            std::string::npos);
}

TEST(TicketReader, ResellerWords) {
  TicketReader reader(test::builtin_engine(), options());
  TicketText text = at("2026-11-25 10:00");
  for (const char* yes : {"true", "Yes", "Y", "1", "TRUE"}) {
    text.reseller = yes;
    EXPECT_TRUE(reader.read(text, ny(2026, 11, 25, 12)).reseller) << yes;
  }
  for (const char* no : {"false", "No", "n", "0"}) {
    text.reseller = no;
    EXPECT_FALSE(reader.read(text, ny(2026, 11, 25, 12)).reseller) << no;
  }
  text.reseller = "maybe";
  TicketField failed = TicketField::kSubmitted;
  EXPECT_NE(error_of(reader, text, &failed).find("invalid reseller \"maybe\""), std::string::npos);
  EXPECT_EQ(failed, TicketField::kReseller);
  Ticket resold;
  resold.reseller = true;
  EXPECT_FALSE(test::builtin_engine().covered(resold));
}

// Everything a ticket holds, for telling two apart.
std::string everything(const Ticket& t) {
  std::string out =
      std::to_string(t.submitted.time_since_epoch().count()) + " v" + std::to_string(t.version) +
      " p" + std::to_string(t.priority) + " t" + std::to_string(t.tier) + " c" +
      (t.calendar ? std::to_string(*t.calendar) : std::string("-")) + " r" +
      (t.responded ? std::to_string(t.responded->time_since_epoch().count()) : std::string("-")) +
      (t.reseller ? " resold" : "") + " wall " +
      (t.wall_zone != nullptr ? t.wall_zone->name() : std::string("-"));
  for (const PriorityChange& c : t.reclassified) {
    out += " change " + std::to_string(c.at.time_since_epoch().count()) + "=" +
           std::to_string(c.priority);
  }
  for (const Pause& p : t.paused) {
    out += " pause " + std::to_string(p.from.time_since_epoch().count()) + "/" +
           (p.to ? std::to_string(p.to->time_since_epoch().count()) : std::string());
  }
  return out;
}

// One ticket, as a batch worker keeps it, read into again and again holds what a fresh read
// gives: nothing of a ticket's calendar, response, reseller, wall zone or history stays for
// the next, whatever came before it.
TEST(TicketReader, ReadIntoOneTicketAsIntoAFreshOne) {
  TicketReader reader(test::builtin_engine(), options());
  const std::vector<std::string_view> submitted = {"2026-11-25 10:00", "2026-11-25T10:00:00-05:00",
                                                   "@1795000000", "2026-11-24T23:59:59Z"};
  const std::vector<std::optional<std::string_view>> priorities = {std::nullopt, "P1", "urgent"},
                                                     tiers = {std::nullopt, "Premium"},
                                                     calendars = {std::nullopt, "business"},
                                                     responded = {std::nullopt, "2026-11-25 17:00",
                                                                  "2026-11-26T09:30:00-05:00"},
                                                     resellers = {std::nullopt, "yes", "no"},
                                                     changes = {std::nullopt, "2026-11-25 11:00=P1",
                                                                "2026-11-25 11:00=P2;2026-11-25 "
                                                                "12:00=P4"},
                                                     pauses = {std::nullopt,
                                                               "2026-11-25 11:00/2026-11-25 12:00",
                                                               "2026-11-25 13:00/"};
  std::mt19937 rng(1204);
  auto any = [&](const auto& options) { return options[rng() % options.size()]; };
  Ticket kept;
  int read = 0;
  for (int i = 0; i < 4000; ++i) {
    TicketText text;
    text.submitted = any(submitted);
    text.priority = any(priorities);
    text.tier = any(tiers);
    text.calendar = any(calendars);
    text.responded = any(responded);
    text.reseller = any(resellers);
    text.reclassified = any(changes);
    text.paused = any(pauses);
    Ticket fresh;
    try {
      fresh = reader.read(text, ny(2026, 11, 27, 12));
    } catch (const InputError&) {
      continue;  // a history before this submission: refused both ways
    }
    reader.read_into(text, ny(2026, 11, 27, 12), kept);
    ASSERT_EQ(everything(kept), everything(fresh)) << i;
    ++read;
  }
  EXPECT_GT(read, 2000);
}

}  // namespace
}  // namespace sla
