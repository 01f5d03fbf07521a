// The business-hours clock: adds and measures business time over a weekly schedule, a zone
// and a holiday calendar.
#pragma once

#include "holidays.hpp"
#include "range.hpp"
#include "schedule.hpp"
#include "zone.hpp"

#include <date/date.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace sla {

// One local day on the way from a start to an end, for explanations.
struct DayTrace {
  // kWeekend: a weekday the schedule never opens (the weekend, on most calendars). kPaused: a
  // pause of the ticket's, [begin, end), with `counted` the business time it did not count.
  enum class Kind { kCounted, kWeekend, kHoliday, kPaused };
  date::local_days day;
  Kind kind = Kind::kCounted;
  std::string_view holiday;               // kHoliday, or kCounted on a part-closed day: name(s)
  date::sys_seconds begin{}, end{};       // kCounted: the business time counted that day
  std::chrono::seconds counted{0};        // kCounted: end - begin
  std::chrono::seconds running_total{0};  // business time counted up to and including this day
};

// Business-time arithmetic. Holds references: the zone and calendar must outlive the clock.
// Every function takes valid instants in kFirstDay..kLastDay and never throws.
class BusinessClock {
 public:
  BusinessClock(WeeklySchedule schedule, const Zone& zone, const HolidayCalendar& holidays);

  // Returns the earliest instant t >= start at which the business time in [start, t] equals
  // `target`, or nullopt if t would fall after kLastDay. A target used up exactly at closing
  // time gives that closing time. REQUIRES: target >= 0.
  std::optional<date::sys_seconds> deadline(date::sys_seconds start,
                                            std::chrono::seconds target) const;

  // When business time starts to count, and when it reaches the target.
  struct Due {
    date::sys_seconds clock_start;
    date::sys_seconds deadline;
  };

  // Returns clock_start(start) and deadline(start, target) from one walk over the days, or
  // nullopt where either would be. REQUIRES: target >= 0.
  std::optional<Due> due(date::sys_seconds start, std::chrono::seconds target) const;

  // Returns the business time in [from, to]; zero if to <= from.
  std::chrono::seconds elapsed(date::sys_seconds from, date::sys_seconds to) const;

  // Returns the earliest instant >= t at which business time accrues (t itself inside open
  // hours), or nullopt if there is none up to kLastDay.
  std::optional<date::sys_seconds> clock_start(date::sys_seconds t) const;

  // Returns, day by day from the local day of `from` to that of `to`, what was counted and
  // which days were closed and why. Open days on which nothing was counted are left out.
  std::vector<DayTrace> trace(date::sys_seconds from, date::sys_seconds to) const;

  const Zone& zone() const { return zone_; }
  const HolidayCalendar& holidays() const { return holidays_; }

 private:
  // An open stretch of a day as instants (Unix seconds), [begin, end), begin < end.
  struct Span {
    std::int64_t begin, end;
  };
  // The days of one chunk of kChunkDays: where each begins (its first midnight, or the instant
  // the clocks skipped it) and its open stretches, after part-day closures.
  static constexpr int kChunkDays = 8;
  struct Chunk {
    std::int64_t number = -1;  // days since kFirstDay / kChunkDays; -1: empty
    std::array<std::int64_t, kChunkDays + 1> start{};
    std::array<std::uint32_t, kChunkDays + 1> first{};  // day i's spans: [first[i], first[i+1])
    std::vector<Span> spans;
  };
  struct Spans {
    const Span* begin;
    const Span* end;
  };
  // Returns the open stretches of day d (none outside the range), from a table filled a chunk
  // at a time. Valid until the next call.
  Spans open_on(date::local_days d) const;
  // Returns the instant day d begins. REQUIRES: d within the range.
  date::sys_seconds day_start(date::local_days d) const;
  const Chunk& chunk_of(date::local_days d, int& index) const;

  const std::vector<OpenInterval>* hours_on(date::local_days d) const;
  // Returns the last local day whose open hours can hold instants up to `t`.
  date::local_days last_day_at(date::sys_seconds t) const;
  std::chrono::seconds day_seconds(date::local_days d, date::sys_seconds from,
                                   date::sys_seconds to) const;
  std::chrono::seconds week_seconds(date::local_days first) const;
  std::chrono::seconds days_seconds(date::local_days first, date::local_days end) const;
  // What a span counted up to the instant `to` needs of `to` alone: a batch measures every
  // ticket to the same `now`.
  struct Until {
    std::int64_t to = INT64_MIN;  // Unix seconds; INT64_MIN: empty
    date::local_days last;        // last_day_at(to)
    date::local_days end;         // the first day a span to `to` leaves out: last, in range
    int year = 0;                 // the year of end's day before, if end is past kBegin
    // Business time from 1 January of `year` to `end`, once a span of a week or more needs it
    // (its year's prefix sums are a year's walk).
    std::optional<std::chrono::seconds> at_end;
  };
  Until& until(date::sys_seconds to) const;
  // Returns the business time of the days from `first` up to u.end.
  std::chrono::seconds span_to(date::local_days first, Until& u) const;
  std::chrono::seconds year_seconds(int y) const;
  const std::vector<std::int32_t>& year_prefix(int y) const;
  std::optional<date::sys_seconds> take(date::local_days d, date::sys_seconds from,
                                        std::chrono::seconds& remaining,
                                        std::optional<date::sys_seconds>* first = nullptr) const;
  std::optional<date::sys_seconds> advance(date::sys_seconds start, std::chrono::seconds remaining,
                                           std::optional<date::sys_seconds>* first = nullptr) const;

  WeeklySchedule schedule_;
  const Zone& zone_;
  const HolidayCalendar& holidays_;
  std::array<std::chrono::seconds, 7> weekday_hours_{};  // wall-clock open time, by weekday
  std::chrono::seconds week_hours_{0};
  date::sys_seconds end_{};  // the first instant after kLastDay
  // Years at which the holiday rules in force change; between two of them, years of the same
  // type (weekday of 1 January, leap or not) close the same days.
  std::vector<int> rule_changes_;
  // Filled on first use, so a clock must not be shared between threads (nor may the calendar).
  mutable std::vector<std::int64_t> year_cache_;     // business seconds by year; -1: not yet
  mutable std::vector<std::uint16_t> closed_types_;  // by rule era: year types with no business
  mutable std::vector<std::vector<std::int32_t>> prefix_;  // by year: see year_prefix
  mutable std::vector<OpenInterval> part_day_;  // hours_on: the open hours of a part-closed day
  // By chunk number: up to the days of some five years, which a batch's tickets mostly fall in.
  mutable std::vector<Chunk> chunks_;
  mutable std::size_t chunk_mask_ = 0;    // chunks_.size() - 1
  mutable std::size_t chunk_misses_ = 0;  // while it holds its first few
  // The last two ends asked for: the one asked again sits first, so that `now` stays.
  mutable std::array<Until, 2> untils_{};
};

}  // namespace sla
