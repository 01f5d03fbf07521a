// Text to instants and back: the time forms of SPEC section 4, ISO 8601 output.
#pragma once

#include "range.hpp"
#include "zone.hpp"

#include <date/date.h>

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

namespace sla {

// How one time is read, besides its text.
struct TimeContext {
  const Zone* zone = nullptr;  // wall times without an offset are read in this zone
  date::sys_seconds now{};     // what "now" means
  std::string_view field;      // the option or column, for errors ("--submitted")
  // Returns the zone an RFC 9557 suffix names ("[Europe/Berlin]"), or throws InputError; when
  // empty, a suffix is an error.
  std::function<const Zone&(std::string_view)> suffix_zone;
};

// A time read: the instant, and whether the text gave its offset (else it was a wall time of
// the context's zone).
struct ReadTime {
  date::sys_seconds t{};
  bool offset_given = false;
};

// Returns the instant `text` names, in any form of SPEC sections 4 and 9: ISO 8601 with or
// without offset (`T` or a space, a space before the offset, one-digit hours, an RFC 9557 zone
// suffix that must agree with the offset), RFC 2822 ("Wed, 25 Nov 2026 16:30:00 -0500", GMT,
// UT), a date alone, "@unix-seconds", "now". Throws InputError naming the field and quoting
// the text, with a guess at what was meant where it can make one (Unix time without @,
// milliseconds, dates with slashes).
ReadTime read_time(std::string_view text, const TimeContext& context);

// Returns the instant of `text` if it is in one of the forms sla writes, exactly:
// 2026-11-25T16:30:00-05:00 or 2026-11-25T16:30:00Z (T, t or a space between date and time),
// a real date and time; or Unix seconds as "@" and up to 12 digits; else nullopt. Not checked
// against the supported range. read_time tries it first: most times of a batch are in these
// forms.
std::optional<date::sys_seconds> read_canonical_time(std::string_view text);

// Returns what read_time does, without trying read_canonical_time first: for tests.
ReadTime read_time_in_full(std::string_view text, const TimeContext& context);

// Returns the instant of wall time `local` in `zone` as read_time reads a time without an
// offset: the earlier of a repeated time; throws InputError (quoting `text`, naming `field`)
// for a skipped one or a day outside the supported range.
date::sys_seconds resolve_wall_time(date::local_seconds local, const Zone& zone,
                                    std::string_view text, std::string_view field);

// Returns the instant `text` names, in any form of SPEC section 4: ISO 8601 with or without
// offset, `T` or space, fractions (truncated), a date alone, "@unix-seconds", "now".
// Times with no offset are wall times in `zone`; "now" returns `now`. `field` names the
// option or column for error messages (e.g. "--submitted").
// Throws InputError for malformed text, impossible dates and times, a wall time the zone
// skips, and instants whose date in `zone` lies outside kFirstDay..kLastDay.
date::sys_seconds parse_time(std::string_view text, const Zone& zone, date::sys_seconds now,
                             std::string_view field);

// Returns true if `t` falls on a day from kFirstDay to kLastDay in `zone`
// (in_supported_range_at_ends answers for any instant, asking the zone).
bool in_supported_range_at_ends(date::sys_seconds t, const Zone& zone);
inline bool in_supported_range(date::sys_seconds t, const Zone& zone) {
  // A day inside both ends holds every instant whatever the zone's offset (under a day): the
  // zone is asked only near the ends (inline, as a reader asks of every time it reads).
  constexpr date::sys_seconds kSurelyAfter{date::sys_days{kFirstDay} + date::days{2}};
  constexpr date::sys_seconds kSurelyBefore{date::sys_days{kLastDay} - date::days{1}};
  return (t >= kSurelyAfter && t < kSurelyBefore) || in_supported_range_at_ends(t, zone);
}

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

// Returns wall-clock time for people, never in business days: "40h 30m" under 72 hours, else
// "5 days 3h 10m"; seconds shown only when not zero, "0m" for zero. REQUIRES: d >= 0.
std::string format_wall_duration(std::chrono::seconds d);

}  // namespace sla
