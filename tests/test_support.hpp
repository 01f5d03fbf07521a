// Shared fixtures for the tests: the policy zone and holiday sets as the binary embeds them.
#pragma once

#include "holidays.hpp"
#include "zone.hpp"

#include <date/date.h>

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

}  // namespace sla::test
