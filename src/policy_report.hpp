// `sla policy` for people (text) and for scripts (JSON).
#pragma once

#include "policy.hpp"

#include <string>
#include <vector>

namespace sla {

// Returns the policy as text: the response table, the priorities, each calendar's hours and
// holidays. `holidays` names each calendar's holiday sets, by calendar.
std::string render_policy_text(const Policy& policy, const std::vector<std::string>& holidays);

// Returns the policy as one JSON object, holidays named as for render_policy_text.
std::string render_policy_json(const Policy& policy, const std::vector<std::string>& holidays);

}  // namespace sla
