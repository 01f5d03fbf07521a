// The supported range of dates (SPEC section 2), defined once for every module.
#pragma once

#include <date/date.h>

namespace sla {

// The first and last wall-clock days sla accepts, as dates in the policy zone.
inline constexpr date::year_month_day kFirstDay{date::year{1900}, date::January, date::day{1}};
inline constexpr date::year_month_day kLastDay{date::year{9999}, date::December, date::day{31}};

// The same bounds as years, for tables indexed by year.
inline constexpr int kFirstYear = static_cast<int>(kFirstDay.year());
inline constexpr int kLastYear = static_cast<int>(kLastDay.year());

}  // namespace sla
