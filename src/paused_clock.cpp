// Pauses over the business clock: each pause is a jump over its business time, never a walk.
#include "paused_clock.hpp"

#include <algorithm>

namespace sla {

std::optional<date::sys_seconds> PausedClock::deadline(date::sys_seconds start,
                                                       std::chrono::seconds target) const {
  date::sys_seconds at = start;
  std::chrono::seconds remaining = target;
  for (const Stretch& p : pauses_) {
    if (p.to <= at) continue;
    // The business time before this pause either holds what remains, or is used up by it.
    const std::chrono::seconds before = clock_.elapsed(at, std::max(p.from, at));
    if (before >= remaining) break;
    remaining -= before;
    at = p.to;
  }
  return clock_.deadline(at, remaining);
}

std::optional<date::sys_seconds> PausedClock::clock_start(date::sys_seconds t) const {
  date::sys_seconds at = t;
  for (const Stretch& p : pauses_) {
    if (p.to <= at) continue;
    auto open = clock_.clock_start(at);
    if (!open || *open < p.from) return open;
    at = p.to;  // the first open instant is inside this pause: look after it
  }
  return clock_.clock_start(at);
}

std::optional<BusinessClock::Due> PausedClock::due_paused(date::sys_seconds start,
                                                          std::chrono::seconds target) const {
  auto begin = clock_start(start);
  auto end = deadline(start, target);
  if (!begin || !end) return std::nullopt;
  return BusinessClock::Due{*begin, *end};
}

std::chrono::seconds PausedClock::paused(date::sys_seconds from, date::sys_seconds to) const {
  std::chrono::seconds inside{0};
  for (const Stretch& p : pauses_) {
    if (p.from >= to) break;
    if (p.to <= from) continue;
    inside += clock_.elapsed(std::max(p.from, from), std::min(p.to, to));
  }
  return inside;
}

std::vector<DayTrace> PausedClock::trace(date::sys_seconds from, date::sys_seconds to) const {
  std::vector<DayTrace> days;
  std::chrono::seconds total{0};
  auto counted = [&](date::sys_seconds a, date::sys_seconds b) {
    for (DayTrace d : clock_.trace(a, b)) {
      d.running_total += total;
      days.push_back(d);
    }
    if (!days.empty()) total = days.back().running_total;
  };
  date::sys_seconds at = from;
  for (const Stretch& p : pauses_) {
    if (p.to <= at) continue;
    if (p.from >= to) break;
    if (p.from > at) counted(at, p.from);
    DayTrace pause;
    pause.kind = DayTrace::Kind::kPaused;
    pause.begin = std::max(p.from, at);
    pause.end = std::min(p.to, to);
    pause.day = date::floor<date::days>(clock_.zone().to_local(pause.begin));
    pause.counted = clock_.elapsed(pause.begin, pause.end);
    pause.running_total = total;
    days.push_back(pause);
    at = p.to;
  }
  if (at <= to) counted(at, to);
  return days;
}

}  // namespace sla
