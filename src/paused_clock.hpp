// Business time with a ticket's pauses taken out, computed by the clock's own jumps.
#pragma once

#include "business_clock.hpp"

#include <date/date.h>

#include <chrono>
#include <optional>
#include <vector>

namespace sla {

// A stretch of time in which business time does not count: [from, to), from < to.
struct Stretch {
  date::sys_seconds from{};
  date::sys_seconds to{};
};

// A business clock that stands still inside stretches. Holds references: the clock and the
// stretches must outlive it. Stretches are in time order and apart; with none, every function
// is the clock's own. Never throws.
class PausedClock {
 public:
  PausedClock(const BusinessClock& clock, const std::vector<Stretch>& pauses)
      : clock_(clock), pauses_(pauses) {}

  // Returns the earliest instant t >= start at which the business time outside pauses in
  // [start, t] equals `target`, or nullopt past kLastDay. REQUIRES: target >= 0.
  std::optional<date::sys_seconds> deadline(date::sys_seconds start,
                                            std::chrono::seconds target) const;

  // Returns the earliest instant >= t at which business time accrues outside pauses, or
  // nullopt if there is none up to kLastDay.
  std::optional<date::sys_seconds> clock_start(date::sys_seconds t) const;

  // Returns clock_start(start) and deadline(start, target), or nullopt where either would be.
  // (Without pauses, the clock's own, inline: most tickets have none.)
  std::optional<BusinessClock::Due> due(date::sys_seconds start,
                                        std::chrono::seconds target) const {
    return pauses_.empty() ? clock_.due(start, target) : due_paused(start, target);
  }

  // Returns the business time in [from, to] outside pauses; zero if to <= from.
  std::chrono::seconds elapsed(date::sys_seconds from, date::sys_seconds to) const {
    const std::chrono::seconds all = clock_.elapsed(from, to);
    return pauses_.empty() ? all : all - paused(from, to);
  }

  // Returns the business time in [from, to] inside pauses; zero if to <= from.
  std::chrono::seconds paused(date::sys_seconds from, date::sys_seconds to) const;

  // Returns the clock's trace from `from` to `to` with each pause in it as one kPaused entry,
  // running totals counting what lies outside pauses.
  std::vector<DayTrace> trace(date::sys_seconds from, date::sys_seconds to) const;

  const BusinessClock& clock() const { return clock_; }

 private:
  std::optional<BusinessClock::Due> due_paused(date::sys_seconds start,
                                               std::chrono::seconds target) const;

  const BusinessClock& clock_;
  const std::vector<Stretch>& pauses_;
};

}  // namespace sla
