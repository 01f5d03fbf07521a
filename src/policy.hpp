// The SLA table of the support policy: (priority, tier) -> response target and follow-up.
#pragma once

#include "business_clock.hpp"
#include "ticket.hpp"

#include <array>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace sla {

// A response target: an amount of business time, and how the policy states it.
struct Target {
  std::chrono::seconds business{0};
  int amount = 0;             // e.g. 2
  char unit = 'h';            // 'h' business hours or 'd' business days
  std::string label() const;  // "2h", "1d"
  std::string words() const;  // "2 business hours", "1 business day"
};

// What the policy says about one priority.
struct PriorityTerms {
  Priority priority;
  std::string_view name;        // "Urgent"
  std::string_view definition;  // quoted from the policy
  Target standard;
  Target premium;
  std::string_view follow_up;
};

// The support policy: the table, the business hours, the zone and the default holidays.
struct Policy {
  std::string_view name;
  std::array<PriorityTerms, 4> terms;  // P1..P4 in order
  std::string_view time_zone;          // IANA name
  std::string_view default_holidays;   // built-in holiday set name
  std::chrono::seconds open;           // wall time the day opens
  std::chrono::seconds close;          // wall time the day closes
  std::chrono::seconds business_day;   // close - open: the length of "1 day"

  const PriorityTerms& terms_for(Priority p) const {
    return terms[static_cast<std::size_t>(p) - 1];
  }
  const Target& target(Priority p, Tier t) const {
    return t == Tier::kPremium ? terms_for(p).premium : terms_for(p).standard;
  }
  WeeklySchedule schedule() const { return WeeklySchedule::weekdays(open, close); }
};

// Returns the built-in CodeSecure support policy (SPEC section 1).
Policy builtin_policy();

// Returns the priority `text` names: P1..P4, 1..4, urgent, high, normal, low (any case).
// Throws InputError quoting `text`.
Priority parse_priority(std::string_view text);

// Returns the tier `text` names: standard or premium (any case). Throws InputError.
Tier parse_tier(std::string_view text);

// Returns "P1".."P4".
std::string_view priority_code(Priority p);

// Returns "standard" or "premium".
std::string_view tier_name(Tier t);

}  // namespace sla
