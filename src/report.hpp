// Output for people (text) and the JSON of the policy and holiday listings.
#pragma once

#include "business_clock.hpp"
#include "evaluate.hpp"
#include "fields.hpp"
#include "holidays.hpp"
#include "zone.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sla {

// How text output is shown.
struct TextStyle {
  const Zone* policy_zone = nullptr;   // times are shown here first
  const Zone* display_zone = nullptr;  // and, if it differs, here too (--tz)
  bool color = false;                  // ANSI colours, for a terminal
};

// What an explanation needs to know of the calendar it walked.
struct TraceStyle {
  const Zone* zone = nullptr;      // the calendar's zone: its days and wall times
  std::chrono::seconds day{0};     // the calendar's "1d", for running totals
  const Zone* read_in = nullptr;   // where times without an offset were read, if any
  const Result* result = nullptr;  // its reclassifications are marked where they fall
};

// Returns `t` for people: "Fri 2026-11-27 09:30 EST" (seconds only when not zero).
std::string format_human(date::sys_seconds t, const Zone& zone);

// Returns the text report of `due` (check == false) or `check` for `r`: aligned labels,
// weekday names, zone abbreviations and business durations. `r.check`, when present for due,
// gives the relative phrase ("due in 3h 10m of business time").
std::string render_result_text(const Result& r, bool check, const TextStyle& style);

// Returns the --explain text: business time counted day by day, closed days and why; runs of
// closed days collapse to one line.
std::string render_trace_text(const std::vector<DayTrace>& trace, const TraceStyle& style);

// Returns the header line of batch's table for people (-o text).
std::string table_header();

// Appends one line of batch's table for `record`: id, status, priority, tier, the deadline in
// `zone`, and what is left, how late, or what went wrong.
void append_table_row(std::string& out, const Record& record, const Zone& zone);

// Returns the weekday of `day` as "Mon".."Sun".
std::string_view weekday_name(date::weekday wd);

// Returns the weekday of `day` in full, "Monday".."Sunday".
std::string_view weekday_full_name(date::weekday wd);

}  // namespace sla
