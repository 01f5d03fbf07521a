// Fuzzes the TZif reader: any bytes either make a zone whose offsets hold together at every
// instant looked at, or are refused with InputError.
#include "error.hpp"
#include "zone.hpp"

#include <date/date.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>

namespace {

[[noreturn]] void fail(const char* what, std::int64_t t) {
  std::fprintf(stderr, "invariant failed: %s at %lld\n", what, static_cast<long long>(t));
  std::abort();
}

date::sys_seconds at(std::int64_t t) {
  return date::sys_seconds{std::chrono::seconds{t}};
}

// Checks the zone at `t`: its stretch holds `t` and one offset, within 26 hours, and a wall time
// it shows resolves to an instant that shows it again.
void check(const sla::Zone& zone, std::int64_t t) {
  const sla::ZoneOffset offset = zone.offset_at(at(t));
  const std::int64_t seconds = offset.utc_offset.count();
  if (seconds <= -93600 || seconds >= 93600) fail("an offset of 26 hours or more", t);
  const sla::Zone::OffsetStretch stretch = zone.offset_stretch(at(t));
  if (stretch.from > t || stretch.until <= t) fail("a stretch that does not hold its instant", t);
  if (stretch.utc_offset != seconds) fail("a stretch of another offset", t);
  const auto local = date::local_seconds{std::chrono::seconds{t + seconds}};
  const std::optional<date::sys_seconds> back = zone.from_local(local);
  if (!back) fail("a wall time shown that does not exist", t);
  if (zone.to_local(*back) != local) fail("a wall time that does not come back", t);
  if (zone.from_local_lenient(local) != *back) fail("lenient and exact disagree", t);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::optional<sla::Zone> zone;
  try {
    zone = sla::Zone::from_tzif("fuzzed", bytes);
  } catch (const sla::InputError&) {
    return 0;
  }
  // From 1800 to 2400, in steps the bytes' own length varies, and at each transition's edges.
  const std::int64_t step = 86'400 * 37 + static_cast<std::int64_t>(size % 7919);
  for (std::int64_t t = -5'364'662'400; t < 13'569'465'600; t += step) {
    check(*zone, t);
    const std::int64_t until = zone->offset_stretch(at(t)).until;
    if (until != INT64_MAX && until > t && until < 13'569'465'600) {
      check(*zone, until - 1);
      check(*zone, until);
    }
  }
  return 0;
}
