// The weekly schedule: open intervals of wall-clock time for each weekday.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sla {

// Open hours within one day, as wall-clock offsets from local midnight: [open, close).
struct OpenInterval {
  std::chrono::seconds open{0};
  std::chrono::seconds close{0};

  bool operator==(const OpenInterval& o) const { return open == o.open && close == o.close; }
};

// The open hours of each weekday. Intervals of a day are sorted and do not overlap.
struct WeeklySchedule {
  std::array<std::vector<OpenInterval>, 7> by_weekday;  // index: 0 = Sunday .. 6 = Saturday

  // Returns Monday to Friday, open from `open` to `close`, closed at weekends.
  static WeeklySchedule weekdays(std::chrono::seconds open, std::chrono::seconds close);

  // Returns every day open from 00:00 to 24:00.
  static WeeklySchedule always();

  // Returns the wall-clock time open in a week (intervals of zero length count nothing).
  std::chrono::seconds open_per_week() const;

  bool operator==(const WeeklySchedule& o) const { return by_weekday == o.by_weekday; }
};

// Returns the interval "HH:MM-HH:MM" (or with :SS; 24:00 allowed as the end) that `text`
// spells, or nullopt with `why` set to what is wrong. The end must come after the start: an
// interval may not cross midnight.
std::optional<OpenInterval> parse_interval(std::string_view text, std::string& why);

// Returns "09:00-18:00", seconds shown only where not zero; `dash` separates the ends.
std::string format_interval(const OpenInterval& interval, std::string_view dash = "-");

// Returns "09:00" (or "09:00:30") for a wall-clock offset from midnight, 0..24 h.
std::string format_wall_time(std::chrono::seconds t);

// The three-letter names of the weekdays, "sun".."sat", as policy files write them.
inline constexpr std::array<std::string_view, 7> kWeekdayKeys = {"sun", "mon", "tue", "wed",
                                                                 "thu", "fri", "sat"};

}  // namespace sla
