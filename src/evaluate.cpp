// A ticket under the policy: deadline, then status at a moment.
#include "evaluate.hpp"

#include "error.hpp"
#include "time_text.hpp"

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
  }
  return "on_track";
}

Result evaluate_due(const Ticket& ticket, const Policy& policy, const BusinessClock& clock) {
  Result r;
  r.ticket = ticket;
  r.target = policy.target(ticket.priority, ticket.tier);
  const PriorityTerms& terms = policy.terms_for(ticket.priority);
  r.priority_name = terms.name;
  r.follow_up = terms.follow_up;
  auto due = clock.due(ticket.submitted, r.target.business);
  if (!due) {
    throw InputError("no deadline for a ticket submitted " +
                     quote(format_time(ticket.submitted, clock.zone())) +
                     ": it would fall after 9999-12-31, the last supported day");
  }
  r.clock_start = due->clock_start;
  r.deadline = due->deadline;
  return r;
}

Result evaluate_check(const Ticket& ticket, const Policy& policy, const BusinessClock& clock,
                      date::sys_seconds now, double warn_percent) {
  if (ticket.responded && *ticket.responded < ticket.submitted) {
    throw InputError("invalid responded " + quote(format_time(*ticket.responded, clock.zone())) +
                     ": before the submission at " + format_time(ticket.submitted, clock.zone()) +
                     "; expected a time at or after it");
  }
  Result r = evaluate_due(ticket, policy, clock);
  CheckState c;
  c.now = now;
  c.elapsed = clock.elapsed(ticket.submitted, now);
  c.remaining = std::max(r.target.business - c.elapsed, std::chrono::seconds{0});
  c.percent_elapsed = r.target.business.count() == 0
                          ? 100.0
                          : 100.0 * static_cast<double>(c.elapsed.count()) /
                                static_cast<double>(r.target.business.count());
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
