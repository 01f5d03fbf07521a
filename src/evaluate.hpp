// A ticket under the policy: its deadline, and its state at a given moment.
#pragma once

#include "business_clock.hpp"
#include "policy.hpp"
#include "ticket.hpp"

#include <date/date.h>

#include <chrono>
#include <optional>
#include <string_view>

namespace sla {

enum class Status { kOnTrack, kAtRisk, kBreached, kMet, kMissed };

// Returns "on_track", "at_risk", "breached", "met" or "missed".
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

// What sla knows of one ticket.
struct Result {
  Ticket ticket;
  Target target;
  std::string_view priority_name;
  std::string_view follow_up;
  date::sys_seconds clock_start{};
  date::sys_seconds deadline{};
  std::optional<CheckState> check;
};

// Returns the ticket's deadline and follow-up. Throws InputError if the deadline would fall
// after the last supported day.
Result evaluate_due(const Ticket& ticket, const Policy& policy, const BusinessClock& clock);

// Returns evaluate_due plus the state at `now`; `warn_percent` (0..100) marks at_risk.
// Throws InputError as evaluate_due does, and if the response precedes the submission.
Result evaluate_check(const Ticket& ticket, const Policy& policy, const BusinessClock& clock,
                      date::sys_seconds now, double warn_percent);

}  // namespace sla
