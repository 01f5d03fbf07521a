// The ticket as the core sees it: instants in UTC, priority and tier as indexes into a policy.
#pragma once

#include "zone.hpp"

#include <date/date.h>

#include <chrono>
#include <cstddef>
#include <optional>

namespace sla {

// One support ticket. `version` indexes the engine's policy versions; `priority`, `tier` and
// `calendar` index that version's lists.
struct Ticket {
  date::sys_seconds submitted{};
  std::size_t version = 0;
  std::size_t priority = 0;
  std::size_t tier = 0;
  std::optional<std::size_t> calendar;  // a calendar of the ticket's own, over the target's
  std::optional<date::sys_seconds> responded;
  bool reseller = false;            // bought through a reseller
  const Zone* wall_zone = nullptr;  // the zone a time given without an offset was read in
};

}  // namespace sla
