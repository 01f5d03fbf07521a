// POSIX TZ strings, the rule in a TZif footer: parsing, and daylight time at any instant.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sla {

// A parsed POSIX TZ string such as "EST5EDT,M3.2.0,M11.1.0" (RFC 8536 section 3.3, with the
// version 3 extension: transition times from -167 to 167 hours).
struct PosixTz {
  // A yearly transition: a day of the year and a time of day in the local time it ends.
  struct Transition {
    char kind = 'M';           // 'J': Jn, 1..365 skipping Feb 29; 'N': n, 0..365; 'M': Mm.w.d
    int month = 0;             // M: 1..12
    int week = 0;              // M: 1..5, 5 meaning the last
    int weekday = 0;           // M: 0 (Sunday) to 6
    int day = 0;               // J and N: the day number
    std::int32_t time = 7200;  // seconds after local midnight, -167 h to 167 h
  };

  std::string std_abbreviation;
  std::int32_t std_offset = 0;  // seconds east of UTC (the sign POSIX writes is the opposite)
  bool has_dst = false;
  std::string dst_abbreviation;
  std::int32_t dst_offset = 0;  // seconds east of UTC
  Transition start{};           // daylight time begins, in standard local time
  Transition end{};             // daylight time ends, in daylight local time
};

// Returns the rule `tz` spells, or nullopt with `problem` set to a short description of the
// first error (e.g. "bad offset after \"EST\""). A daylight name without a rule gets the US
// rule ",M3.2.0,M11.1.0", as the reference tzcode does.
std::optional<PosixTz> parse_posix_tz(std::string_view tz, std::string& problem);

// Whether daylight time is in effect at an instant, and when that next changes.
struct PosixState {
  bool is_dst = false;
  std::int64_t next_change = INT64_MAX;  // UTC seconds, > the instant asked about
};

// Returns the state of `tz` at `t` (UTC seconds since 1970). O(1): it looks at the rule's
// transitions in the year of `t` and the years either side, never loops over years.
PosixState posix_state_at(const PosixTz& tz, std::int64_t t);

// Returns posix_state_at(tz, t).is_dst, a little faster.
bool posix_is_dst_at(const PosixTz& tz, std::int64_t t);

}  // namespace sla
