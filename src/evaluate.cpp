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

std::size_t calendar_of(const Ticket& ticket, const Policy& policy) {
  if (ticket.calendar) return *ticket.calendar;
  return policy.calendar_of(policy.cell(ticket.priority, ticket.tier));
}

std::optional<Result> evaluate(const Ticket& ticket, const Policy& policy,
                               const BusinessClock& clock, date::sys_seconds now,
                               double warn_percent) {
  Result r;
  r.ticket = ticket;
  r.policy = &policy;
  r.calendar = calendar_of(ticket, policy);
  r.target = r.cell().target.on(r.day());
  auto due = clock.due(ticket.submitted, r.target);
  if (!due) return std::nullopt;
  r.clock_start = due->clock_start;
  r.deadline = due->deadline;
  CheckState c;
  c.now = now;
  c.elapsed = clock.elapsed(ticket.submitted, now);
  c.remaining = std::max(r.target - c.elapsed, std::chrono::seconds{0});
  c.percent_elapsed = r.target.count() == 0 ? 100.0
                                            : 100.0 * static_cast<double>(c.elapsed.count()) /
                                                  static_cast<double>(r.target.count());
  if (ticket.responded) {
    c.response_business = clock.elapsed(ticket.submitted, *ticket.responded);
    bool met = *ticket.responded <= r.deadline;
    c.status = met ? Status::kMet : Status::kMissed;
    if (!met) c.overdue = *ticket.responded - r.deadline;
  } else if (now > r.deadline) {
    c.status = Status::kBreached;
    c.overdue = now - r.deadline;
  } else if (now >= ticket.submitted && c.percent_elapsed >= warn_percent) {
    c.status = Status::kAtRisk;
  }
  r.check = c;
  return r;
}

}  // namespace sla
