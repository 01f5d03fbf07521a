// Value types shared by the core and the CLI: priorities, tiers, tickets.
#pragma once

#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>

namespace sla {

enum class Priority { kP1 = 1, kP2 = 2, kP3 = 3, kP4 = 4 };
enum class Tier { kStandard, kPremium };

// One support ticket as the user described it. Instants are UTC.
struct Ticket {
  date::sys_seconds submitted{};
  Priority priority = Priority::kP3;
  Tier tier = Tier::kStandard;
  std::optional<date::sys_seconds> responded;
};

}  // namespace sla
