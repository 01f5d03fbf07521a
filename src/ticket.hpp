// The ticket as the core sees it: instants in UTC, priority and tier as indexes into a policy.
#pragma once

#include "zone.hpp"

#include <date/date.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <vector>

namespace sla {

// From `at` on, the ticket has priority `priority` (SPEC section 8).
struct PriorityChange {
  date::sys_seconds at{};
  std::size_t priority = 0;
};

// A stretch in which the response clock stood still: [from, to), or from `from` on while
// `to` is absent (a pause still running).
struct Pause {
  date::sys_seconds from{};
  std::optional<date::sys_seconds> to;
};

// One support ticket. `version` indexes the engine's policy versions; `priority`, `tier` and
// `calendar` index that version's lists.
struct Ticket {
  date::sys_seconds submitted{};
  std::size_t version = 0;
  std::size_t priority = 0;  // as submitted
  std::size_t tier = 0;
  std::optional<std::size_t> calendar;  // a calendar of the ticket's own, over the target's
  std::optional<date::sys_seconds> responded;
  bool reseller = false;            // bought through a reseller
  const Zone* wall_zone = nullptr;  // the zone a time given without an offset was read in
  // The history, as the parse edge checked it: changes in time order at distinct instants in
  // [submitted, now]; pauses in time order, apart, each starting in [submitted, now] and
  // ending after it starts.
  std::vector<PriorityChange> reclassified;
  std::vector<Pause> paused;
};

}  // namespace sla
