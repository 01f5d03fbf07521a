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
#include <memory>
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
  // the clocks skipped it), the business time counted before it, and its open stretches,
  // after part-day closures.
  static constexpr int kChunkDays = 8;
  struct Chunk {
    std::int64_t number = -1;  // days since kFirstDay / kChunkDays; -1: empty
    std::array<std::int64_t, kChunkDays + 1> start{};
    std::array<std::int64_t, kChunkDays + 1> before{};  // before_day of each
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
  const Chunk& fill_chunk(std::int64_t number) const;  // chunk_of's, where it misses
  // Calls add(begin, end) for each open stretch of day d, as instants: the chunks' source.
  template <typename Add>
  void each_span(date::local_days d, Add add) const;

  // Returns the local day of the instant t (Unix seconds), by the offset last looked up where
  // it still holds.
  date::local_days local_day(std::int64_t t) const;
  void find_offset(std::int64_t t) const;  // local_day's, where the offset kept ends
  const std::vector<OpenInterval>* hours_on(date::local_days d) const;
  // Returns the last local day whose open hours can hold instants up to `t`.
  date::local_days last_day_at(date::sys_seconds t) const;
  // The business time of all of day d, from its stretches without the chunks' table.
  std::chrono::seconds whole_day_seconds(date::local_days d) const;
  std::chrono::seconds week_seconds(date::local_days first) const;
  std::chrono::seconds days_seconds(date::local_days first, date::local_days end) const;
  std::chrono::seconds year_seconds(int y) const;
  // Business time is measured as a difference of counts from one origin, the first day the
  // clock was asked about: before_day(d), the business time between the origin and the start
  // of day d (negative before the origin), in kBegin..kEnd; counted_before(t), the business
  // time between the origin and the instant t.
  std::int64_t before_day(date::local_days d) const;
  std::int64_t year_base(int y) const;  // before_day(1 January of y), y up to kLastYear + 1
  // (The last start asked for is kept: a ticket's deadline and business times all count from
  // it.)
  std::int64_t counted_before(std::int64_t t) const;
  std::int64_t count_before(std::int64_t t) const;  // counted_before, worked out
  // counted_before for the end of a span: a batch measures every ticket to the same `now`.
  std::int64_t counted_to(std::int64_t t) const;
  // Returns the earliest instant t at which counted_before(t) reaches v, looked for on the
  // days from d (which it moves to t's day); kNever if the range ends first, kFar if t is
  // further off than a walk of days should go. REQUIRES: v > before_day(d).
  static constexpr std::int64_t kNever = INT64_MAX, kFar = INT64_MIN;
  std::int64_t reach(date::local_days& d, std::int64_t v) const;
  // reach walks some two months of chunks: longer targets (up to any a caller passes) go
  // straight to advance, and are never added to a count.
  static constexpr int kReachChunks = 8;
  static constexpr std::chrono::seconds kReachable{std::int64_t{kReachChunks} * kChunkDays * 86400};
  std::optional<Due> due_by_advance(date::sys_seconds start, std::chrono::seconds target) const;
  std::optional<date::sys_seconds> advance_to_deadline(date::sys_seconds start,
                                                       std::chrono::seconds target) const;
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
  mutable std::vector<OpenInterval> part_day_;  // hours_on: the open hours of a part-closed day
  // By chunk number: up to the days of some five years, which a batch's tickets mostly fall in.
  mutable std::vector<Chunk> chunks_;
  mutable std::size_t chunk_mask_ = 0;    // chunks_.size() - 1
  mutable std::size_t chunk_misses_ = 0;  // while it holds its first few
  // The origin, once a day has been asked about; and the last day before_day worked out, from
  // which days near it are counted.
  mutable bool has_origin_ = false;
  mutable date::local_days origin_{};
  mutable date::local_days near_day_{};
  mutable std::int64_t near_before_ = 0;
  // year_base by year, known for years base_low_..base_high_ (allocated untouched: a single
  // ticket needs a year or two of it).
  mutable std::unique_ptr<std::int64_t[]> year_bases_;
  mutable int base_low_ = 0, base_high_ = -1;
  mutable Zone::OffsetStretch offset_{1, 0, 0};  // empty at first
  // The last two ends counted to: the one asked again sits first, so that `now` stays.
  struct End {
    std::int64_t t = INT64_MIN;  // INT64_MIN: empty
    std::int64_t counted = 0;
  };
  mutable std::array<End, 2> ends_{};
  mutable End last_{};  // counted_before's
};

}  // namespace sla
