// A ticket under its policy: its deadline, and its state at a given moment.
#pragma once

#include "business_clock.hpp"
#include "policy.hpp"
#include "ticket.hpp"

#include <date/date.h>

#include <chrono>
#include <optional>
#include <string_view>

namespace sla {

// A ticket's state. kNotCovered: bought through a reseller, outside the policy; no deadline.
enum class Status { kOnTrack, kAtRisk, kBreached, kMet, kMissed, kNotCovered };
inline constexpr std::size_t kStatusCount = 6;

// Returns "on_track", "at_risk", "breached", "met", "missed" or "not_covered".
std::string_view status_name(Status s);

// A ticket's state at `now` (sla check).
struct CheckState {
  date::sys_seconds now{};
  Status status = Status::kOnTrack;
  std::chrono::seconds elapsed{0};    // business time in [submitted, now]
  std::chrono::seconds remaining{0};  // target - elapsed, never negative
  std::chrono::seconds overdue{0};    // wall-clock time past the deadline, 0 if not breached
  double percent_elapsed = 0;         // elapsed / target * 100
  std::optional<std::chrono::seconds> response_business;  // with a response: business time taken
};

// What sla knows of one ticket. The policy it points to outlives it.
struct Result {
  Ticket ticket;
  const Policy* policy = nullptr;
  std::size_t calendar = 0;        // the calendar the ticket's clock runs on
  std::chrono::seconds target{0};  // the response target in business seconds
  date::sys_seconds clock_start{};
  date::sys_seconds deadline{};
  std::optional<CheckState> check;

  const PriorityLevel& priority() const { return policy->priorities[ticket.priority]; }
  const Tier& tier() const { return policy->tiers[ticket.tier]; }
  const ResponseCell& cell() const { return policy->cell(ticket.priority, ticket.tier); }
  const Calendar& calendar_terms() const { return policy->calendars[calendar]; }
  // Returns the length of "1d" on the ticket's calendar, for showing business durations.
  std::chrono::seconds day() const { return calendar_terms().day; }
};

// Returns the calendar `ticket` runs on under `policy`: its own, else its target's.
std::size_t calendar_of(const Ticket& ticket, const Policy& policy);

// Returns the ticket's deadline and its state at `now`, `warn_percent` (0..100) marking
// at_risk, with `clock` the clock of calendar_of(ticket, policy); or nullopt if the deadline
// would fall after the last supported day. REQUIRES: a response, if any, at or after the
// submission.
std::optional<Result> evaluate(const Ticket& ticket, const Policy& policy,
                               const BusinessClock& clock, date::sys_seconds now,
                               double warn_percent);

}  // namespace sla
