// Text to instants and back: the time forms of SPEC section 4, ISO 8601 output.
#pragma once

#include "range.hpp"
#include "zone.hpp"

#include <date/date.h>

#include <chrono>
#include <string>
#include <string_view>

namespace sla {

// Returns the instant `text` names, in any form of SPEC section 4: ISO 8601 with or without
// offset, `T` or space, fractions (truncated), a date alone, "@unix-seconds", "now".
// Times with no offset are wall times in `zone`; "now" returns `now`. `field` names the
// option or column for error messages (e.g. "--submitted").
// Throws InputError for malformed text, impossible dates and times, a wall time the zone
// skips, and instants whose date in `zone` lies outside kFirstDay..kLastDay.
date::sys_seconds parse_time(std::string_view text, const Zone& zone, date::sys_seconds now,
                             std::string_view field);

// Returns true if `t` falls on a day from kFirstDay to kLastDay in `zone`.
bool in_supported_range(date::sys_seconds t, const Zone& zone);

// Appends `t` as ISO 8601 with the numeric offset of `zone`: "2026-11-27T09:30:00-05:00".
void append_time(std::string& out, date::sys_seconds t, const Zone& zone);

// Returns `t` as append_time writes it.
std::string format_time(date::sys_seconds t, const Zone& zone);

// Appends `t` in UTC with a Z: "2026-11-27T14:30:00Z".
void append_utc(std::string& out, date::sys_seconds t);

// Returns `t` as append_utc writes it.
std::string format_utc(date::sys_seconds t);

// Returns a business duration for people: "1d 2h 30m" with days of `day_length`, seconds shown
// only when not zero; "0m" for zero. REQUIRES: d >= 0.
std::string format_duration(std::chrono::seconds d, std::chrono::seconds day_length);

}  // namespace sla
