// Durations as policy files write them: "2h", "1d 4h", "90m", with d a calendar's day.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sla {

// An amount of business time in the parts it was written in. Days are the `day` of whichever
// calendar the time is counted on, so they stay apart from the rest until then.
struct Duration {
  std::array<std::int64_t, 4> parts{};  // days, hours, minutes, seconds, each 0..kMaxPart

  static constexpr std::int64_t kMaxPart = 1'000'000;

  std::int64_t days() const { return parts[0]; }
  // Returns the hours, minutes and seconds together.
  std::chrono::seconds rest() const {
    return std::chrono::seconds{parts[1] * 3600 + parts[2] * 60 + parts[3]};
  }
  // Returns the length on a calendar whose day is `day`.
  std::chrono::seconds on(std::chrono::seconds day) const { return day * days() + rest(); }
  bool zero() const { return parts == std::array<std::int64_t, 4>{}; }

  // Returns the parts as written, without zero parts: "2h", "1d 4h"; "0s" for zero.
  std::string label() const;
  // Returns it for people: "2 business hours", "1 business day", "1d 4h of business time".
  std::string words() const;

  bool operator==(const Duration& o) const { return parts == o.parts; }
};

// Returns the duration `text` spells ("1d 4h", "90m", "9h"): numbers each followed by d, h, m
// or s, largest unit first, each unit at most once, spaces between parts optional. Returns
// nullopt with `why` set to what is wrong.
std::optional<Duration> parse_duration(std::string_view text, std::string& why);

}  // namespace sla
