// Shared fixtures for the tests.
#include "test_support.hpp"

#include "builtin_policy.hpp"
#include "embedded.hpp"
#include "error.hpp"

#include <chrono>
#include <fstream>
#include <sstream>
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

Zone TestResources::zone(std::string_view name, std::string_view what) {
  if (name == "America/New_York") return new_york();
  if (name == "UTC") return Zone::utc();
  std::ifstream in("/usr/share/zoneinfo/" + std::string(name), std::ios::binary);
  if (name.find("..") == std::string_view::npos && in) {
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return Zone::from_tzif(name, bytes.str());
  }
  throw InputError("invalid " + std::string(what) + " " + quote(name) + ": no such time zone");
}

std::string TestResources::read(const std::string& path, std::string_view what) {
  auto found = files.find(path);
  if (found == files.end()) {
    throw InputError("cannot read " + std::string(what) + " " + quote(path) + ": no such file");
  }
  return found->second;
}

const Engine& builtin_engine() {
  static const Engine engine = [] {
    TestResources resources;
    EngineSetup setup;
    setup.builtin = sla::builtin_policy();  // compiled, as every front builds it
    setup.builtin_sets = sla::builtin_holiday_set;
    return Engine(setup, resources);
  }();
  return engine;
}

const Policy& builtin_policy() {
  return builtin_engine().policy(0);
}

Ticket ticket(date::sys_seconds submitted, std::string_view priority, std::string_view tier) {
  Ticket t;
  t.submitted = submitted;
  t.priority = *builtin_policy().find_priority(priority);
  t.tier = *builtin_policy().find_tier(tier);
  return t;
}

}  // namespace sla::test
