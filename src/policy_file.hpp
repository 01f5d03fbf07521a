// Policy files (SPEC section 7): TOML text to a Policy, and a Policy back to TOML text.
#pragma once

#include "policy.hpp"

#include <string>
#include <string_view>

namespace sla {

// Returns the policy the TOML text `text` describes; `source` names the file in errors.
// Checks everything that needs no file or zone database: the keys and their types, ids and
// aliases, intervals, durations, that every response cell is given and that each calendar
// opens. Throws InputError "SOURCE:LINE:COLUMN: ..." naming the key, the value and what is
// accepted.
Policy parse_policy(std::string_view text, std::string_view source);

// Returns `policy` as a policy file that parse_policy reads back to an equal policy.
std::string policy_to_toml(const Policy& policy);

// Returns "SOURCE:LINE:COLUMN: " for a value at `place` of the file `source`, with control
// characters of the name replaced, so that an error found later points into the file.
std::string policy_place(std::string_view source, SourcePlace place);

}  // namespace sla
