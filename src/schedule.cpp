// The weekly schedule, and the text of its intervals.
#include "schedule.hpp"

#include <cstddef>

namespace sla {
namespace {

using Seconds = std::chrono::seconds;

constexpr Seconds kDayLength{86400};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads HH:MM or HH:MM:SS from the start of `text` (one-digit hours allowed), advancing it.
std::optional<Seconds> read_wall_time(std::string_view& text, std::string& why) {
  std::size_t i = 0;
  auto two = [&](int& value) {
    if (i + 2 > text.size() || !is_digit(text[i]) || !is_digit(text[i + 1])) return false;
    value = (text[i] - '0') * 10 + (text[i + 1] - '0');
    i += 2;
    return true;
  };
  int h = 0, m = 0, s = 0;
  if (i < text.size() && is_digit(text[i]) && (i + 1 == text.size() || !is_digit(text[i + 1]))) {
    h = text[i++] - '0';
  } else if (!two(h)) {
    why = "a time is not HH:MM or HH:MM:SS";
    return std::nullopt;
  }
  if (i >= text.size() || text[i++] != ':' || !two(m)) {
    why = "a time is not HH:MM or HH:MM:SS";
    return std::nullopt;
  }
  if (i < text.size() && text[i] == ':') {
    ++i;
    if (!two(s)) {
      why = "a time is not HH:MM or HH:MM:SS";
      return std::nullopt;
    }
  }
  if (m > 59 || s > 59) {
    why = "minutes and seconds go from 00 to 59";
    return std::nullopt;
  }
  Seconds t{h * 3600 + m * 60 + s};
  if (t > kDayLength) {
    why = "hours go from 00 to 24 (24:00 only as an end)";
    return std::nullopt;
  }
  text.remove_prefix(i);
  return t;
}

}  // namespace

WeeklySchedule WeeklySchedule::weekdays(Seconds open, Seconds close) {
  WeeklySchedule schedule;
  for (std::size_t day = 1; day <= 5; ++day) schedule.by_weekday[day] = {OpenInterval{open, close}};
  return schedule;
}

WeeklySchedule WeeklySchedule::always() {
  WeeklySchedule schedule;
  for (auto& day : schedule.by_weekday) day = {OpenInterval{Seconds{0}, kDayLength}};
  return schedule;
}

Seconds WeeklySchedule::open_per_week() const {
  Seconds total{0};
  for (const auto& day : by_weekday) {
    for (const auto& interval : day) {
      if (interval.close > interval.open) total += interval.close - interval.open;
    }
  }
  return total;
}

std::optional<OpenInterval> parse_interval(std::string_view text, std::string& why) {
  auto open = read_wall_time(text, why);
  if (!open) return std::nullopt;
  if (text.empty() || text.front() != '-') {
    why = "no '-' between the two times";
    return std::nullopt;
  }
  text.remove_prefix(1);
  auto close = read_wall_time(text, why);
  if (!close) return std::nullopt;
  if (!text.empty()) {
    why = "unexpected text after the end";
    return std::nullopt;
  }
  if (*open == kDayLength) {
    why = "24:00 is only an end";
    return std::nullopt;
  }
  if (*close == *open) {
    why = "the interval is empty";
    return std::nullopt;
  }
  if (*close < *open) {
    why = "the end comes before the start (an interval may not cross midnight: write two)";
    return std::nullopt;
  }
  return OpenInterval{*open, *close};
}

std::string format_wall_time(Seconds t) {
  auto s = t.count();
  std::string out;
  auto two = [&out](long long v) {
    out += static_cast<char>('0' + v / 10 % 10);
    out += static_cast<char>('0' + v % 10);
  };
  two(s / 3600);
  out += ':';
  two(s / 60 % 60);
  if (s % 60 != 0) {
    out += ':';
    two(s % 60);
  }
  return out;
}

std::string format_interval(const OpenInterval& interval, std::string_view dash) {
  return format_wall_time(interval.open) + std::string(dash) + format_wall_time(interval.close);
}

}  // namespace sla
