// A time zone read from TZif data: UTC offsets and abbreviations for any instant, past 2037 too.
#pragma once

#include "posix_tz.hpp"

#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sla {

// The local time type in effect at an instant.
struct ZoneOffset {
  std::chrono::seconds utc_offset{0};  // local = UTC + utc_offset
  bool is_dst = false;
  std::string_view abbreviation;  // e.g. "EST"; valid while the Zone lives
};

// A time zone: the explicit transitions of a TZif file, then the POSIX TZ rule of its footer
// for every instant after the last one (RFC 8536). Copyable, immutable after construction.
class Zone {
 public:
  // Returns the zone whose TZif bytes (version 1 to 4) are `tzif`, called `name`.
  // Throws InputError naming `name` if the data is not valid TZif.
  static Zone from_tzif(std::string_view name, std::string_view tzif);

  // Returns the zone of a POSIX TZ string such as "EST5EDT,M3.2.0,M11.1.0" (used alone, with
  // no transition table). Throws InputError quoting `tz` if it is malformed.
  static Zone from_posix(std::string_view name, std::string_view tz);

  // Returns Coordinated Universal Time, offset zero, abbreviation "UTC".
  static Zone utc();

  const std::string& name() const { return name_; }

  // Returns the offset in effect at `t`.
  ZoneOffset offset_at(date::sys_seconds t) const;

  // Returns the offset in effect at `t`, and sets `until` to an instant after `t` before which
  // it does not change (the next transition; it may change there).
  ZoneOffset offset_until(date::sys_seconds t, date::sys_seconds& until) const;

  // The offset in effect at an instant, in seconds east of UTC, and a stretch of time around
  // it, [from, until), over which the offset holds (`from` is the instant itself where the
  // zone's rule says no more).
  struct OffsetStretch {
    std::int64_t from, until;
    std::int32_t utc_offset;
  };
  OffsetStretch offset_stretch(date::sys_seconds t) const;

  // Returns the wall-clock time at `t`.
  date::local_seconds to_local(date::sys_seconds t) const {
    return date::local_seconds{t.time_since_epoch() + offset_at(t).utc_offset};
  }

  // Returns the instant of wall time `local`: the earlier one where the wall clock repeats
  // (fall back), nullopt where it skips `local` (spring forward).
  std::optional<date::sys_seconds> from_local(date::local_seconds local) const;

  // Returns the instant of wall time `local` as from_local does, except that a skipped wall
  // time maps to the instant the clock jumped over it. Used by the business clock, which
  // must place every opening and closing time somewhere.
  date::sys_seconds from_local_lenient(date::local_seconds local) const;

 private:
  struct LocalType {
    std::int32_t utc_offset = 0;  // seconds east of UTC
    bool is_dst = false;
    std::uint16_t abbreviation = 0;  // index into abbreviations_
  };
  // The local type in effect from some instant until `next` (UTC seconds, exclusive).
  struct Piece {
    const LocalType* type;
    std::int64_t next;
  };
  // A wall time resolved to an instant: exact, or the transition that skipped it.
  struct Resolved {
    std::int64_t instant;
    bool exists;
  };

  Zone() = default;
  std::uint16_t intern(std::string_view abbreviation);
  void set_footer(const PosixTz& footer);
  void build_index();
  std::size_t transitions_until(std::int64_t t) const;
  Piece piece_at(std::int64_t t) const;
  const LocalType& type_at(std::int64_t t) const;  // piece_at(t).type, faster
  Resolved resolve(std::int64_t local) const;
  ZoneOffset to_offset(const LocalType& type) const;

  std::string name_;
  std::vector<std::int64_t> transitions_;       // UTC seconds, strictly ascending
  std::vector<std::uint8_t> transition_types_;  // index into types_, one per transition
  std::vector<LocalType> types_;                // never empty; types_[0] before any transition
  std::vector<std::string> abbreviations_;      // heap-held, so views survive moving the Zone
  std::optional<PosixTz> footer_;               // the rule after the last transition
  LocalType footer_standard_{};
  LocalType footer_daylight_{};
  // For each 2^22 s (about 49 days) from the first transition: the transitions at or before its
  // start. Transitions are months apart, so a lookup is one index and a step or two.
  static constexpr int kBucketBits = 22;
  static constexpr std::size_t kMaxBuckets = 1 << 14;
  std::vector<std::uint32_t> bucket_first_;
};

}  // namespace sla
