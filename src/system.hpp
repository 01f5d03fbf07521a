// The outside world, for the CLI only: files, the time zone database, the clock, the terminal.
#pragma once

#include "engine.hpp"
#include "zone.hpp"

#include <date/date.h>

#include <string>
#include <string_view>
#include <vector>

namespace sla {

// Returns the whole content of the file at `path`. `what` names it in errors ("--holidays").
// Throws InputError quoting the path with the system's reason.
std::string read_file(const std::string& path, std::string_view what);

// Returns the zone `name` names: an IANA name read from $TZDIR or the system zoneinfo
// directory, "UTC", or "local" (the machine's zone: $TZ, else /etc/localtime). The policy
// zone America/New_York falls back to the copy built into the binary. `what` names the
// option in errors. Throws InputError quoting the name.
Zone load_zone(std::string_view name, std::string_view what);

// Returns the current time, or $SLA_NOW (any time form sla accepts) when it is set, so that
// scripts and tests can pin "now".
date::sys_seconds current_time(const Zone& policy_zone);

// The engine's outside world from the system: zoneinfo and files.
class SystemResources final : public Resources {
 public:
  Zone zone(std::string_view name, std::string_view what) override;
  std::string read(const std::string& path, std::string_view what) override;
};

// Returns the policy files to use: `given` (--policy), else those of $SLA_POLICY (a
// colon-separated list), else none (the built-in policy). Throws InputError if one cannot be
// read. Each comes with its path and text.
std::vector<PolicyText> policy_files(const std::vector<std::string>& given);

// Returns whether to colour text output, given --color `when` (auto, always or never): never
// when NO_COLOR is set and not empty; with auto, only when standard output is a terminal.
bool color_wanted(std::string_view when);

}  // namespace sla
