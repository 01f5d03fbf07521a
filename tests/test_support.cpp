// Shared fixtures for the tests.
#include "test_support.hpp"

#include "embedded.hpp"

#include <chrono>
#include <stdexcept>

namespace sla::test {

const Zone& new_york() {
  static const Zone zone = Zone::from_tzif("America/New_York", embedded_new_york_tzif());
  return zone;
}

const HolidayCalendar& us_federal() {
  static const HolidayCalendar calendar{
      HolidaySet::parse(embedded_holiday_set("us-federal"), "us-federal")};
  return calendar;
}

date::sys_seconds utc(int y, unsigned m, unsigned d, int hh, int mm, int ss) {
  return date::sys_days{date::year{y} / date::month{m} / date::day{d}} + std::chrono::hours{hh} +
         std::chrono::minutes{mm} + std::chrono::seconds{ss};
}

date::sys_seconds ny(int y, unsigned m, unsigned d, int hh, int mm, int ss) {
  auto local = date::local_days{date::year{y} / date::month{m} / date::day{d}} +
               std::chrono::hours{hh} + std::chrono::minutes{mm} + std::chrono::seconds{ss};
  auto t = new_york().from_local(local);
  if (!t) throw std::invalid_argument("wall time skipped in New York");
  return *t;
}

}  // namespace sla::test
