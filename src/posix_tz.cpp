// POSIX TZ strings: a small recursive-descent parser and the yearly rule arithmetic.
#include "posix_tz.hpp"

#include <date/date.h>

#include <algorithm>
#include <chrono>

namespace sla {
namespace {

constexpr std::int32_t kHour = 3600;

bool is_alpha(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads a TZ string left to right; the first failure is kept in problem_.
class Parser {
 public:
  Parser(std::string_view text, std::string& problem) : s_(text), problem_(problem) {}

  std::optional<PosixTz> parse() {
    PosixTz tz;
    if (!name(tz.std_abbreviation) || !offset(tz.std_offset, "bad standard time offset"))
      return std::nullopt;
    if (at_end()) return tz;
    tz.has_dst = true;
    if (!name(tz.dst_abbreviation)) return std::nullopt;
    tz.dst_offset = tz.std_offset + kHour;
    if (!at_end() && peek() != ',' && !offset(tz.dst_offset, "bad daylight time offset"))
      return std::nullopt;
    if (at_end()) {  // no rule: the US one, as tzcode assumes
      tz.start = PosixTz::Transition{'M', 3, 2, 0, 0, 2 * kHour};
      tz.end = PosixTz::Transition{'M', 11, 1, 0, 0, 2 * kHour};
      return tz;
    }
    if (!accept(',') || !transition(tz.start) || !accept(',') || !transition(tz.end)) {
      fail("bad daylight saving rule");
      return std::nullopt;
    }
    if (!at_end()) {
      fail("unexpected text after the rule");
      return std::nullopt;
    }
    return tz;
  }

 private:
  bool at_end() const { return pos_ == s_.size(); }
  char peek() const { return at_end() ? '\0' : s_[pos_]; }
  bool accept(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  bool fail(const char* what) {
    if (problem_.empty()) problem_ = what;
    return false;
  }

  // A zone abbreviation: three or more letters, or <...> holding letters, digits, + and -.
  bool name(std::string& out) {
    std::size_t begin = pos_;
    if (accept('<')) {
      begin = pos_;
      while (is_alpha(peek()) || is_digit(peek()) || peek() == '+' || peek() == '-') ++pos_;
      out.assign(s_.substr(begin, pos_ - begin));
      if (!accept('>') || out.size() < 3) return fail("bad <quoted> zone abbreviation");
      return true;
    }
    while (is_alpha(peek())) ++pos_;
    out.assign(s_.substr(begin, pos_ - begin));
    if (out.size() < 3) return fail("expected a zone abbreviation of three or more letters");
    return true;
  }

  // Up to `max_digits` digits, at least one.
  bool number(int max_digits, int& value) {
    value = 0;
    int digits = 0;
    while (is_digit(peek()) && digits < max_digits) {
      value = value * 10 + (s_[pos_++] - '0');
      ++digits;
    }
    return digits > 0 && !is_digit(peek());
  }

  // [+|-]hh[:mm[:ss]] with hh at most max_hours, as signed seconds.
  bool duration(int max_hours, std::int32_t& seconds) {
    bool negative = accept('-');
    if (!negative) accept('+');
    int h = 0, m = 0, s = 0;
    if (!number(3, h) || h > max_hours) return false;
    if (accept(':')) {
      if (!number(2, m) || m > 59) return false;
      if (accept(':') && (!number(2, s) || s > 59)) return false;
    }
    seconds = static_cast<std::int32_t>(h * kHour + m * 60 + s);
    if (negative) seconds = -seconds;
    return true;
  }

  // A UTC offset in POSIX sign convention (west positive), stored east positive.
  bool offset(std::int32_t& east, const char* problem) {
    std::int32_t west = 0;
    if (!duration(24, west)) return fail(problem);
    east = -west;
    return true;
  }

  // Jn, n or Mm.w.d, then an optional /time.
  bool transition(PosixTz::Transition& t) {
    if (accept('J')) {
      t.kind = 'J';
      if (!number(3, t.day) || t.day < 1 || t.day > 365) return false;
    } else if (accept('M')) {
      t.kind = 'M';
      if (!number(2, t.month) || t.month < 1 || t.month > 12 || !accept('.')) return false;
      if (!number(1, t.week) || t.week < 1 || t.week > 5 || !accept('.')) return false;
      if (!number(1, t.weekday) || t.weekday > 6) return false;
    } else {
      t.kind = 'N';
      if (!number(3, t.day) || t.day > 365) return false;
    }
    t.time = 2 * kHour;
    return !accept('/') || duration(167, t.time);
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  std::string& problem_;
};

// Days since 1970-01-01 of the day `t` names in year `y`.
std::int64_t rule_day(const PosixTz::Transition& t, int y) {
  const date::year year{y};
  if (t.kind != 'M') {
    const auto jan1 = date::sys_days{year / date::January / 1}.time_since_epoch().count();
    if (t.kind == 'N') return jan1 + t.day;
    return jan1 + t.day - 1 + (year.is_leap() && t.day >= 60 ? 1 : 0);
  }
  static constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const date::sys_days first{year / date::month{static_cast<unsigned>(t.month)} / 1};
  const int length = kMonthDays[t.month - 1] + (t.month == 2 && year.is_leap() ? 1 : 0);
  const int first_weekday = static_cast<int>(date::weekday{first}.c_encoding());
  int day = (t.weekday - first_weekday + 7) % 7 + 7 * (t.week - 1);
  if (day >= length) day -= 7;
  return first.time_since_epoch().count() + day;
}

// One daylight-time boundary: when, and whether daylight time starts there.
struct Event {
  std::int64_t at;
  int year;
  bool starts_dst;
};

Event event(const PosixTz& tz, int year, bool start) {
  const auto& rule = start ? tz.start : tz.end;
  const std::int32_t offset = start ? tz.std_offset : tz.dst_offset;
  return {rule_day(rule, year) * 86400 + rule.time - offset, year, start};
}

// Whether `a` happens before `b`; at the same instant the later year wins, then the end of
// daylight time, so that a rule that never changes the clock leaves standard time.
bool before(const Event& a, const Event& b) {
  if (a.at != b.at) return a.at < b.at;
  if (a.year != b.year) return a.year < b.year;
  return a.starts_dst && !b.starts_dst;
}

// Years beyond this are clamped: far outside what sla accepts, and within date::year's range.
constexpr std::int64_t kLimit = 900'000'000'000;  // about year 30,500

// The state at `at` from the boundaries of every year that could matter: the general case,
// for instants near New Year and for rules whose boundaries stray across it.
PosixState state_near_new_year(const PosixTz& tz, std::int64_t at, int y) {
  Event events[10];
  int n = 0;
  auto add_year = [&](int year) {
    events[n++] = event(tz, year, true);
    events[n++] = event(tz, year, false);
  };
  for (int year = y - 1; year <= y + 1; ++year) add_year(year);
  if (std::none_of(events, events + n, [&](const Event& e) { return e.at <= at; })) {
    add_year(y - 2);
  }
  if (std::none_of(events, events + n, [&](const Event& e) { return e.at > at; })) {
    add_year(y + 2);
  }
  const Event* last = nullptr;
  const Event* next = nullptr;
  for (int i = 0; i < n; ++i) {
    const Event& e = events[i];
    if (e.at <= at && (!last || before(*last, e))) last = &e;
    if (e.at > at && (!next || before(e, *next))) next = &e;
  }
  return {last ? last->starts_dst : (next && !next->starts_dst), next ? next->at : INT64_MAX};
}

// The state at `t`. Boundaries lie within 167 h and two offsets (under 10 days) of their own
// year, so inside a year only its two boundaries and one neighbouring year's matter.
PosixState state_at(const PosixTz& tz, std::int64_t t, bool want_next) {
  const std::int64_t at = std::clamp(t, -kLimit, kLimit);
  const std::int64_t local = at + tz.std_offset;
  const date::sys_days day{date::days{local / 86400 - (local % 86400 < 0 ? 1 : 0)}};
  const date::year year = date::year_month_day{day}.year();
  const int y = int{year};
  const std::int64_t jan1 = date::sys_days{year / date::January / 1}.time_since_epoch().count();
  const std::int64_t lo = (jan1 + 10) * 86400;
  const std::int64_t hi = (jan1 + 355) * 86400;
  const Event a = event(tz, y, true);
  const Event b = event(tz, y, false);
  auto inside = [&](std::int64_t x) { return x >= lo && x < hi; };
  if (!inside(at) || !inside(a.at) || !inside(b.at)) return state_near_new_year(tz, at, y);
  const Event& first = before(a, b) ? a : b;
  const Event& second = before(a, b) ? b : a;
  if (at < first.at) {
    const Event p = event(tz, y - 1, true);
    const Event q = event(tz, y - 1, false);
    return {(before(p, q) ? q : p).starts_dst, first.at};
  }
  if (at < second.at) return {first.starts_dst, second.at};
  if (!want_next) return {second.starts_dst, INT64_MAX};
  const Event p = event(tz, y + 1, true);
  const Event q = event(tz, y + 1, false);
  return {second.starts_dst, (before(p, q) ? p : q).at};
}

}  // namespace

std::optional<PosixTz> parse_posix_tz(std::string_view tz, std::string& problem) {
  problem.clear();
  auto result = Parser(tz, problem).parse();
  if (!result && problem.empty()) problem = "malformed";
  return result;
}

PosixState posix_state_at(const PosixTz& tz, std::int64_t t) {
  if (!tz.has_dst) return {};
  PosixState state = state_at(tz, t, true);
  state.next_change = t > kLimit ? INT64_MAX : std::max(state.next_change, t + 1);
  return state;
}

bool posix_is_dst_at(const PosixTz& tz, std::int64_t t) {
  return tz.has_dst && state_at(tz, t, false).is_dst;
}

}  // namespace sla
