// Fuzzes the time parser: any text either parses to an instant that prints and re-reads as
// itself, or is refused with InputError.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "embedded.hpp"
#include "error.hpp"
#include "time_format.hpp"
#include "time_text.hpp"
#include "zone.hpp"

#include <date/date.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace {

const sla::Zone& new_york() {
  static const sla::Zone zone =
      sla::Zone::from_tzif("America/New_York", sla::embedded_new_york_tzif());
  return zone;
}

const sla::Zone& utc() {
  static const sla::Zone zone = sla::Zone::utc();
  return zone;
}

[[noreturn]] void fail(const char* what, std::string_view text) {
  std::fprintf(stderr, "invariant failed: %s for input \"%.*s\"\n", what,
               static_cast<int>(text.size()), text.data());
  std::abort();
}

void check_round_trip(std::string_view text, date::sys_seconds t, const sla::Zone& zone,
                      date::sys_seconds now) {
  if (!sla::in_supported_range(t, zone)) fail("instant outside the supported range", text);
  std::string local = sla::format_time(t, zone);
  if (sla::parse_time(local, zone, now, "re-read") != t) fail("format_time does not re-read", text);
  // In UTC the last supported day may already be year 10000, which no input can spell.
  std::string utc = sla::format_utc(t);
  if (utc.size() == 20 && sla::parse_time(utc, zone, now, "re-read") != t) {
    fail("format_utc does not re-read", text);
  }
  std::string unix = "@" + std::to_string(t.time_since_epoch().count());
  if (sla::parse_time(unix, zone, now, "re-read") != t) fail("@seconds does not re-read", text);
}

}  // namespace

// The zones an RFC 9557 suffix may name here.
const sla::Zone& suffix_zone(std::string_view name) {
  if (name == "America/New_York") return new_york();
  if (name == "UTC") return utc();
  throw sla::InputError("invalid zone suffix " + sla::quote(name) + ": not here");
}

// A time format from the input's first line reads its second line as date::parse reads it
// whole, whatever the memo of dates and times of day remembers from reading it before.
void check_format(std::string_view input) {
  const auto newline = input.find('\n');
  if (newline == std::string_view::npos || newline > 40) return;
  const std::string format(input.substr(0, newline));
  const std::string text(input.substr(newline + 1));
  std::optional<sla::TimeFormat> f;
  try {
    f.emplace(format);
  } catch (const sla::InputError&) {
    return;
  }
  sla::TimeFormat whole(format);
  for (int round = 0; round < 2; ++round) {
    const auto parsed = f->read(text);
    const auto reference = whole.read_whole(text);
    if (parsed.has_value() != reference.has_value() ||
        (parsed && (parsed->local != reference->local || parsed->offset != reference->offset))) {
      fail("--time-format reads otherwise than date::parse of the whole text", input);
    }
  }
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const date::sys_seconds now{std::chrono::seconds{1795642200}};
  check_format(text);
  if (auto t = sla::read_canonical_time(text)) {
    for (const sla::Zone* zone : {&new_york(), &utc()}) {
      if (!sla::in_supported_range(*t, *zone)) continue;
      sla::TimeContext context;
      context.zone = zone;
      try {
        if (sla::read_time_in_full(text, context).t != *t) {
          fail("the canonical shortcut reads another instant", text);
        }
      } catch (const sla::InputError&) {
        fail("the canonical shortcut reads what the full reader refuses", text);
      }
    }
  }
  for (const sla::Zone* zone : {&new_york(), &utc()}) {
    date::sys_seconds t;
    try {
      sla::TimeContext context;
      context.zone = zone;
      context.now = now;
      context.field = "--submitted";
      context.suffix_zone = suffix_zone;
      const sla::ReadTime read = sla::read_time(text, context);
      t = read.t;
      // The shortcut for the canonical forms reads what the full reader reads.
      const sla::ReadTime full = sla::read_time_in_full(text, context);
      if (full.t != read.t || full.offset_given != read.offset_given) {
        fail("the canonical shortcut and the full reader disagree", text);
      }
    } catch (const sla::InputError& e) {
      if (std::string_view(e.what()).find("--submitted") == std::string_view::npos) {
        fail("error message does not name the field", text);
      }
      continue;
    }
    try {
      check_round_trip(text, t, *zone, now);
    } catch (const sla::InputError& e) {
      std::fprintf(stderr, "%s\n", e.what());
      fail("printed time does not re-read", text);
    }
  }
  return 0;
}
