// Data files compiled into the binary at build time, so that sla runs with no files beside it.
#pragma once

#include <string_view>

namespace sla {

// Returns the text of the built-in holiday set `name` ("us-federal", "us-federal-closures"),
// or an empty view if there is no such set.
std::string_view embedded_holiday_set(std::string_view name);

// Returns the names of the built-in holiday sets, comma-separated, for error messages.
std::string_view embedded_holiday_set_names();

// Returns the TOML text of the built-in policy, policies/codesecure.toml.
std::string_view embedded_policy();

// Returns the TZif bytes of America/New_York as they were on the build machine: the fallback
// when the system time zone database is not installed.
std::string_view embedded_new_york_tzif();

}  // namespace sla
