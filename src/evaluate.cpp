// A ticket under its policy: deadline, then status at a moment.
#include "evaluate.hpp"

#include <algorithm>

namespace sla {

std::string_view status_name(Status s) {
  switch (s) {
    case Status::kOnTrack:
      return "on_track";
    case Status::kAtRisk:
      return "at_risk";
    case Status::kPaused:
      return "paused";
    case Status::kBreached:
      return "breached";
    case Status::kMet:
      return "met";
    case Status::kMissed:
      return "missed";
    case Status::kNotCovered:
      return "not_covered";
  }
  return "on_track";
}

std::size_t calendar_of(const Ticket& ticket, std::size_t priority, const Policy& policy) {
  if (ticket.calendar) return *ticket.calendar;
  return policy.calendar_of(policy.cell(priority, ticket.tier));
}

date::sys_seconds Result::measured_from() const {
  if (change && policy->reclassification == Reclassification::kFromChange) {
    return ticket.reclassified[*change].at;
  }
  return ticket.submitted;
}

namespace {

// Puts in `out` the pauses as the clock stands still in them: a running pause ends at `now`;
// with a response, nothing after it counts. Empty ones are left out.
void stretches(const Ticket& ticket, date::sys_seconds now, std::vector<Stretch>& out) {
  out.clear();
  for (const Pause& p : ticket.paused) {
    date::sys_seconds to = p.to.value_or(now);
    if (ticket.responded) to = std::min(to, *ticket.responded);
    if (p.from < to) out.push_back({p.from, to});
  }
}

// Returns whether `now` falls inside one of the ticket's pauses, a running one included.
bool paused_at(const Ticket& ticket, date::sys_seconds now) {
  for (const Pause& p : ticket.paused) {
    if (p.from <= now && (!p.to || now < *p.to)) return true;
  }
  return false;
}

// The target of one priority measured from one instant, on that priority's calendar.
struct Leg {
  std::size_t calendar = 0;
  std::chrono::seconds target{0};
  BusinessClock::Due due{};
};

}  // namespace

std::optional<Result> evaluate(Ticket&& given, const Policy& policy, const Clocks& clocks,
                               date::sys_seconds now, double warn_percent) {
  // Built where it is returned: one object, not one moved out of another (NRVO: every return
  // returns `out`).
  std::optional<Result> out(std::in_place);
  out->ticket = std::move(given);
  if (!evaluate_in_place(*out, policy, clocks, now, warn_percent)) out.reset();
  return out;
}

bool evaluate_in_place(Result& r, const Policy& policy, const Clocks& clocks, date::sys_seconds now,
                       double warn_percent) {
  r.policy = &policy;
  r.change.reset();
  r.calendar = 0;
  r.breached_on_reclassification = false;
  r.pauses.clear();
  r.check.reset();  // set at the end, or left empty with no deadline
  const Ticket& ticket = r.ticket;
  // A response settles the ticket: changes after it are history only. A change to the
  // priority already in force changes nothing and restarts no clock.
  const date::sys_seconds settled = ticket.responded.value_or(now);
  r.priority = ticket.priority;
  std::size_t before = ticket.priority;  // the priority the change in force replaced
  for (std::size_t i = 0; i < ticket.reclassified.size(); ++i) {
    const PriorityChange& c = ticket.reclassified[i];
    if (c.at > settled) break;
    if (c.priority == r.priority) continue;
    before = r.priority;
    r.priority = c.priority;
    r.change = i;
  }
  if (!ticket.paused.empty()) stretches(ticket, now, r.pauses);
  auto leg = [&](std::size_t priority, date::sys_seconds from) -> std::optional<Leg> {
    Leg l;
    l.calendar = calendar_of(ticket, priority, policy);
    l.target = policy.cell(priority, ticket.tier).target.on(policy.calendars[l.calendar].day);
    auto due = PausedClock(*clocks[l.calendar], r.pauses).due(from, l.target);
    if (!due) return std::nullopt;
    l.due = *due;
    return l;
  };
  const date::sys_seconds from = r.measured_from();
  const std::optional<Leg> in_force = leg(r.priority, from);
  if (!in_force) return false;
  r.calendar = in_force->calendar;
  r.target = in_force->target;
  r.clock_start = in_force->due.clock_start;
  r.deadline = in_force->due.deadline;
  r.original_deadline = r.deadline;
  if (r.change) {
    const auto original = leg(ticket.priority, ticket.submitted);
    if (!original) return false;
    r.original_deadline = original->due.deadline;
    // Breached by the change: not breached just before it under the priority it replaced,
    // and due before it under the new one (only when targets run from the submission).
    const date::sys_seconds at = ticket.reclassified[*r.change].at;
    if (policy.reclassification == Reclassification::kFromSubmission && r.deadline < at) {
      const auto replaced = before == ticket.priority ? original : leg(before, ticket.submitted);
      if (!replaced) return false;
      r.breached_on_reclassification = replaced->due.deadline >= at;
    }
  }
  const PausedClock clock(*clocks[r.calendar], r.pauses);
  CheckState& c = r.check.emplace();  // in place: the result's, not a copy into it
  c.now = now;
  // Business time inside pauses, counted once where elapsed runs over the same span.
  if (!r.pauses.empty()) c.paused = clock.paused(ticket.submitted, settled);
  c.elapsed = from == ticket.submitted && settled == now
                  ? clock.clock().elapsed(from, now) - c.paused
                  : clock.elapsed(from, now);
  c.remaining = std::max(r.target - c.elapsed, std::chrono::seconds{0});
  c.percent_elapsed = r.target.count() == 0 ? 100.0
                                            : 100.0 * static_cast<double>(c.elapsed.count()) /
                                                  static_cast<double>(r.target.count());
  if (ticket.responded) {
    c.response_business = clock.elapsed(from, *ticket.responded);
    bool met = *ticket.responded <= r.deadline;
    c.status = met ? Status::kMet : Status::kMissed;
    if (!met) c.overdue = *ticket.responded - r.deadline;
  } else if (now > r.deadline) {
    c.status = Status::kBreached;
    c.overdue = now - r.deadline;
  } else if (!ticket.paused.empty() && paused_at(ticket, now)) {
    c.status = Status::kPaused;
  } else if (now >= from && c.percent_elapsed >= warn_percent) {
    c.status = Status::kAtRisk;
  }
  return true;
}

}  // namespace sla
