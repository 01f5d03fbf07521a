// A ticket under its policy: its deadline, and its state at a given moment.
#pragma once

#include "business_clock.hpp"
#include "paused_clock.hpp"
#include "policy.hpp"
#include "ticket.hpp"

#include <date/date.h>

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

namespace sla {

// A ticket's state. kPaused: waiting in a pause, not breached. kNotCovered: bought through a
// reseller, outside the policy; no deadline.
enum class Status { kOnTrack, kAtRisk, kPaused, kBreached, kMet, kMissed, kNotCovered };
inline constexpr std::size_t kStatusCount = 7;

// Returns "on_track", "at_risk", "paused", "breached", "met", "missed" or "not_covered".
std::string_view status_name(Status s);

// A ticket's state at `now` (sla check).
struct CheckState {
  date::sys_seconds now{};
  Status status = Status::kOnTrack;
  std::chrono::seconds elapsed{0};    // business time in [clock's start, now], outside pauses
  std::chrono::seconds remaining{0};  // target - elapsed, never negative
  std::chrono::seconds overdue{0};    // wall-clock time past the deadline, 0 if not breached
  double percent_elapsed = 0;         // elapsed / target * 100
  std::optional<std::chrono::seconds> response_business;  // with a response: business time taken
  std::chrono::seconds paused{0};  // business time inside pauses, up to now (or the response)
};

// What sla knows of one ticket. The policy it points to outlives it.
struct Result {
  Ticket ticket;
  const Policy* policy = nullptr;
  std::size_t priority = 0;           // in force: the submitted one, or the last change to it
  std::optional<std::size_t> change;  // the change in force: an index of ticket.reclassified
  std::size_t calendar = 0;           // the calendar the ticket's clock runs on
  std::chrono::seconds target{0};     // the response target in business seconds
  date::sys_seconds clock_start{};
  date::sys_seconds deadline{};
  date::sys_seconds original_deadline{};  // the deadline the submitted priority gave
  bool breached_on_reclassification = false;
  std::vector<Stretch> pauses;  // the pauses the clock stood still in (a running one to now)
  std::optional<CheckState> check;

  const PriorityLevel& priority_level() const { return policy->priorities[priority]; }
  const PriorityLevel& original_priority() const { return policy->priorities[ticket.priority]; }
  const Tier& tier() const { return policy->tiers[ticket.tier]; }
  const ResponseCell& cell() const { return policy->cell(priority, ticket.tier); }
  const Calendar& calendar_terms() const { return policy->calendars[calendar]; }
  // Returns the length of "1d" on the ticket's calendar, for showing business durations.
  std::chrono::seconds day() const { return calendar_terms().day; }
  // Returns when the clock in force started to count: the submission, or in from_change mode
  // the change in force.
  date::sys_seconds measured_from() const;
};

// A policy version's clocks, by calendar.
using Clocks = std::vector<const BusinessClock*>;

// Returns the calendar `ticket` has under `policy` with priority `priority`: its own, else
// that priority's target's.
std::size_t calendar_of(const Ticket& ticket, std::size_t priority, const Policy& policy);

// Returns the ticket's deadline and its state at `now`, `warn_percent` (0..100) marking
// at_risk, with `clocks` the clocks of the policy's calendars; or nullopt if a deadline would
// fall after the last supported day. REQUIRES: a ticket whose history the parse edge checked
// against `now`, and a response, if any, at or after the submission.
// The ticket is moved into the result, or copied.
std::optional<Result> evaluate(Ticket&& ticket, const Policy& policy, const Clocks& clocks,
                               date::sys_seconds now, double warn_percent);
inline std::optional<Result> evaluate(const Ticket& ticket, const Policy& policy,
                                      const Clocks& clocks, date::sys_seconds now,
                                      double warn_percent) {
  return evaluate(Ticket(ticket), policy, clocks, now, warn_percent);
}

// evaluate() in place, for a caller that judges many tickets in one Result (its storage kept
// from one to the next): `r.ticket` holds the ticket, and the rest of `r` is set anew. Returns
// false where evaluate() returns nullopt, `r` then holding the ticket and nothing meant.
bool evaluate_in_place(Result& r, const Policy& policy, const Clocks& clocks, date::sys_seconds now,
                       double warn_percent);

}  // namespace sla
