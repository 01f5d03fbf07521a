// The parse edge: a ticket's fields as text, as people and help desks write them, read into a
// Ticket of an engine's policy.
#pragma once

#include "engine.hpp"
#include "ticket.hpp"
#include "time_format.hpp"
#include "time_text.hpp"
#include "zone.hpp"

#include <date/date.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sla {

// The fields of a ticket as text, before they are read; nullopt: not given (the default).
// `reclassified` holds TIME=PRIORITY entries and `paused` FROM/TO entries (FROM/ for a pause
// still running), each separated by ';'.
struct TicketText {
  std::string_view submitted;  // required
  std::optional<std::string_view> priority, tier, calendar, responded, reseller;
  std::optional<std::string_view> reclassified, paused;
};

// The fields of TicketText, to say which one was wrong.
enum class TicketField {
  kSubmitted,
  kPriority,
  kTier,
  kCalendar,
  kResponded,
  kReseller,
  kReclassified,
  kPaused
};
inline constexpr std::size_t kTicketFields = 8;

// What each field is called in error messages ("--submitted", or a batch column).
using TicketFieldNames = std::array<std::string_view, kTicketFields>;

// How a front reads its tickets.
struct ReadOptions {
  TicketFieldNames names{};
  // Times without an offset are wall times of this zone (--input-tz); null: of the policy zone
  // of the version they fall under.
  const Zone* input_zone = nullptr;
  std::string time_format;  // --time-format, tried before the usual forms; empty: none
  // --priority-map and --tier-map as given: "WORD=ID,WORD=ID" (an empty ID: the default).
  std::vector<std::string> priority_map, tier_map;
  // Loads the zones of RFC 9557 suffixes ("[Europe/Berlin]"); null: suffixes are refused.
  Resources* resources = nullptr;
};

class TicketReader {
 public:
  // Reads tickets for `engine`, which outlives the reader. Throws InputError for a map entry
  // that is malformed or names no priority (tier) of some version, and for a bad time format.
  TicketReader(const Engine& engine, ReadOptions options);

  // Returns the ticket the fields describe, read with the policy version in force at its
  // submission; "now" is `now`, the moment the ticket is judged at. Throws InputError naming
  // the field, and sets `*failed` to it. A response before the submission and a history that
  // does not fit in [submitted, now] are errors here, so that evaluation need not check.
  Ticket read(const TicketText& text, date::sys_seconds now, TicketField* failed = nullptr) {
    Ticket t;
    read_into(text, now, t, failed);
    return t;
  }
  // read() into `t`, all of which is set anew, its storage reused: a batch worker reads every
  // row into one ticket.
  void read_into(const TicketText& text, date::sys_seconds now, Ticket& t,
                 TicketField* failed = nullptr);

 private:
  // A word of a map: what it stands for in each version (nullopt: the default).
  struct Mapped {
    std::string word;  // lower case
    std::vector<std::optional<std::size_t>> by_version;
  };
  // A spelling's bytes as two words, the first eight and the last eight (overlapping; a
  // shorter one's in the first, padded with zeros), and its length: spellings of up to 16
  // bytes are equal when their keys are, and others only if.
  struct Key {
    std::uint64_t head = 0, tail = 0;
    std::size_t size = 0;
    bool operator==(const Key& o) const {
      return head == o.head && tail == o.tail && size == o.size;
    }
  };
  static Key key_of(std::string_view text);
  // A spelling seen before, and what it meant.
  struct Seen {
    std::string text;
    Key key;
    std::size_t version;
    std::size_t value;
  };

  std::vector<Mapped> parse_map(const std::vector<std::string>& entries, bool priorities,
                                std::string_view option) const;
  // Returns the priority (or tier) `given` stands for in `version`; `field` names it in
  // messages. Throws InputError.
  std::size_t level(std::string_view given, std::size_t version, bool priority,
                    std::string_view field);
  // level() for a spelling not seen before: reads it, and keeps it for the next time.
  std::size_t learn(std::string_view given, const Key& key, std::size_t version, bool priority,
                    std::string_view field);
  // Read the history fields into `t`, times in `zone` (history_reader.cpp).
  void read_changes(std::string_view text, std::string_view field, const Zone& zone,
                    date::sys_seconds now, Ticket& t);
  void read_pauses(std::string_view text, std::string_view field, const Zone& zone,
                   date::sys_seconds now, Ticket& t);
  ReadTime read_when(std::string_view text, std::string_view field, const Zone& zone,
                     date::sys_seconds now);
  const Zone& suffix_zone(std::string_view name);

  const Engine& engine_;
  ReadOptions options_;
  std::optional<TimeFormat> format_;
  std::vector<Mapped> priority_map_, tier_map_;
  std::vector<Seen> seen_priorities_, seen_tiers_;  // the few spellings a column repeats
  std::map<std::string, std::unique_ptr<Zone>, std::less<>> suffix_zones_;
};

}  // namespace sla
