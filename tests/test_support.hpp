// Shared fixtures for the tests: the policy zone, holiday sets and built-in policy as the binary
// embeds them.
#pragma once

#include "engine.hpp"
#include "holidays.hpp"
#include "zone.hpp"

#include <date/date.h>

#include <map>
#include <string>
#include <string_view>

namespace sla::test {

// Returns America/New_York from the embedded TZif bytes.
const Zone& new_york();

// Returns the built-in US federal holiday calendar.
const HolidayCalendar& us_federal();

// Returns the instant y-m-d hh:mm:ss UTC.
date::sys_seconds utc(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0);

// Returns the instant of wall time y-m-d hh:mm:ss in New York (earlier one if repeated).
date::sys_seconds ny(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0);

// An engine's outside world for tests: zones from the system's zoneinfo (America/New_York
// embedded), and files from `files` only.
class TestResources final : public Resources {
 public:
  Zone zone(std::string_view name, std::string_view what) override;
  std::string read(const std::string& path, std::string_view what) override;
  std::map<std::string, std::string> files;
};

// Returns the engine of the built-in policy.
const Engine& builtin_engine();

// Returns the built-in policy, as the engine holds it.
const Policy& builtin_policy();

// Returns a ticket of the built-in policy, its priority and tier given by id or alias.
Ticket ticket(date::sys_seconds submitted, std::string_view priority = "P1",
              std::string_view tier = "premium");

}  // namespace sla::test
