// Text to instants and back: a hand-written ISO 8601 reader and writer.
#include "time_text.hpp"

#include "error.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace sla {
namespace {

constexpr std::string_view kAccepted =
    "ISO 8601 like 2026-11-25T16:30:00-05:00, a date, @unix-seconds or now";
// Longer text cannot be a time; refusing it first keeps huge arguments cheap.
constexpr std::size_t kMaxLength = 64;
// Unix seconds beyond this are far outside 1900..9999 and are refused before any arithmetic.
constexpr std::int64_t kMaxUnixSeconds = 1'000'000'000'000;

// Instants are clamped to this many seconds from 1970 for printing, keeping years in date::year.
constexpr std::int64_t kFormatLimit = 900'000'000'000;

constexpr const char* kBadDate = "the date is not YYYY-MM-DD";
constexpr const char* kBadTime = "the time is not HH:MM or HH:MM:SS";
constexpr const char* kBadOffset = "the offset is not Z, +HH:MM, +HHMM or +HH (or - for west)";

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads one time text left to right; every failure throws InputError naming field and text.
class TimeReader {
 public:
  TimeReader(std::string_view text, std::string_view field) : text_(text), field_(field) {}

  [[noreturn]] void fail(const std::string& what, std::string_view accepted = kAccepted) const {
    throw InputError("invalid " + std::string(field_) + " " + quote(text_) + ": " + what +
                     "; expected " + std::string(accepted));
  }

  void check_characters() const {
    if (text_.empty()) fail("empty");
    if (text_.size() > kMaxLength) fail("too long (" + std::to_string(text_.size()) + " bytes)");
    for (char c : text_) {
      if (c < ' ' || c > '~') fail("contains a control character or a non-ASCII byte");
    }
    if (text_.front() == ' ' || text_.back() == ' ') fail("leading or trailing space");
  }

  bool at_end() const { return pos_ == text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  bool accept(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  void expect(char c, const char* what) {
    if (!accept(c)) fail(what);
  }
  std::size_t count_digits() const {
    std::size_t n = pos_;
    while (n < text_.size() && is_digit(text_[n])) ++n;
    return n - pos_;
  }
  // Exactly `n` digits, which must not be followed by another digit unless `more` is set.
  int number(std::size_t n, const char* what, bool more = false) {
    if (more ? count_digits() < n : count_digits() != n) fail(what);
    int value = 0;
    for (std::size_t i = 0; i < n; ++i) value = value * 10 + (text_[pos_++] - '0');
    return value;
  }

  // YYYY-MM-DD, checked to be a real date.
  date::year_month_day date() {
    if (count_digits() == 0) fail("not a date or time");
    if (count_digits() != 4) fail("the year must have 4 digits");
    const int y = number(4, kBadDate);
    expect('-', kBadDate);
    const int m = number(2, kBadDate);
    expect('-', kBadDate);
    const int d = number(2, kBadDate);
    const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                                   date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) fail("no such date");
    return ymd;
  }

  // HH:MM[:SS[.fraction]], the fraction dropped.
  std::chrono::seconds time_of_day() {
    const int h = number(2, kBadTime);
    expect(':', kBadTime);
    const int m = number(2, kBadTime);
    int s = 0;
    if (accept(':')) {
      s = number(2, kBadTime);
      if (accept('.') && count_digits() == 0) fail("no digits after the decimal point");
      pos_ += count_digits();
    }
    if (h > 23) fail("hours go from 00 to 23");
    if (m > 59) fail("minutes go from 00 to 59");
    if (s > 59) fail("seconds go from 00 to 59 (leap seconds are not accepted)");
    return std::chrono::hours{h} + std::chrono::minutes{m} + std::chrono::seconds{s};
  }

  // Z, ±HH, ±HHMM or ±HH:MM; nullopt where there is none.
  std::optional<std::chrono::seconds> offset() {
    if (accept('Z') || accept('z')) return std::chrono::seconds{0};
    const bool negative = peek() == '-';
    if (!accept('+') && !accept('-')) return std::nullopt;
    const std::size_t digits = count_digits();
    if (digits != 2 && digits != 4) fail(kBadOffset);
    const int h = number(2, kBadOffset, digits == 4);
    int m = 0;
    if (digits == 4) {
      m = number(2, kBadOffset);
    } else if (accept(':')) {
      m = number(2, kBadOffset);
    }
    if (h > 23) fail("offsets must be less than 24 hours");
    if (m > 59) fail("offset minutes go from 00 to 59");
    const std::chrono::seconds value = std::chrono::hours{h} + std::chrono::minutes{m};
    return negative ? -value : value;
  }

  // @[-]digits[.digits], the fraction rounding toward negative infinity.
  std::int64_t unix_seconds() {
    expect('@', "no @");
    const bool negative = accept('-');
    const std::size_t digits = count_digits();
    if (digits == 0) fail("no seconds after @");
    std::int64_t value = 0;
    for (std::size_t i = 0; i < digits; ++i) {
      value = std::min(value * 10 + (text_[pos_++] - '0'), kMaxUnixSeconds + 1);
    }
    bool fraction = false;
    if (accept('.')) {
      if (count_digits() == 0) fail("no digits after the decimal point");
      while (is_digit(peek())) fraction = text_[pos_++] != '0' || fraction;
    }
    if (!at_end()) fail("unexpected text after the seconds");
    return negative ? -value - (fraction ? 1 : 0) : value;
  }

 private:
  std::string_view text_;
  std::string_view field_;
  std::size_t pos_ = 0;
};

bool equals_ignoring_case(std::string_view text, std::string_view lower) {
  return text.size() == lower.size() &&
         std::equal(text.begin(), text.end(), lower.begin(), [](char a, char b) {
           return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
         });
}

std::string range_text(const Zone& zone) {
  return "a time from 1900-01-01 to 9999-12-31 in " + zone.name();
}

// Writes the last `width` (2 or 4) decimal digits of `value`, two at a time.
void put_digits(char* p, unsigned value, int width) {
  static constexpr char kPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  for (int i = width - 2; i >= 0; i -= 2) {
    const unsigned pair = value % 100 * 2;
    p[i] = kPairs[pair];
    p[i + 1] = kPairs[pair + 1];
    value /= 100;
  }
}

// Appends wall time `local` (seconds since 1970 on the wall clock) as YYYY-MM-DDTHH:MM:SS.
void append_local(std::string& out, std::int64_t local) {
  local = std::clamp(local, -kFormatLimit, kFormatLimit);
  const std::int64_t days = local / 86400 - (local % 86400 < 0 ? 1 : 0);
  const auto second = static_cast<unsigned>(local - days * 86400);
  const date::year_month_day ymd{date::sys_days{date::days{static_cast<int>(days)}}};
  const int year = int{ymd.year()};
  if (year < 0 || year > 9999) {
    out += year < 0 ? '-' : '+';
    out += std::to_string(year < 0 ? -year : year);
    out += "-00-00T00:00:00";
  } else {
    out += "0000-00-00T00:00:00";
    put_digits(out.data() + out.size() - 19, static_cast<unsigned>(year), 4);
  }
  // Written in place: one append per timestamp, as batch writes millions of them.
  char* rest = out.data() + out.size() - 15;
  put_digits(rest + 1, unsigned{ymd.month()}, 2);
  put_digits(rest + 4, unsigned{ymd.day()}, 2);
  put_digits(rest + 7, second / 3600, 2);
  put_digits(rest + 10, second / 60 % 60, 2);
  put_digits(rest + 13, second % 60, 2);
}

// Appends ±HH:MM, or ±HH:MM:SS where the offset has seconds (local mean time).
void append_offset(std::string& out, std::int64_t offset) {
  const auto magnitude = static_cast<unsigned>(offset < 0 ? -offset : offset);
  char text[9] = {offset < 0 ? '-' : '+', '0', '0', ':', '0', '0', ':', '0', '0'};
  put_digits(text + 1, magnitude / 3600 % 100, 2);
  put_digits(text + 4, magnitude / 60 % 60, 2);
  put_digits(text + 7, magnitude % 60, 2);
  out.append(text, magnitude % 60 == 0 ? 6 : 9);
}

[[noreturn]] void fail_skipped(const TimeReader& reader, const Zone& zone,
                               date::local_seconds local) {
  const date::sys_seconds jump = zone.from_local_lenient(local);
  std::string what =
      "the local time does not exist in " + zone.name() + " because the clocks skip from ";
  append_local(what, (zone.to_local(jump - std::chrono::seconds{1}) + std::chrono::seconds{1})
                         .time_since_epoch()
                         .count());
  what += " to ";
  append_local(what, zone.to_local(jump).time_since_epoch().count());
  reader.fail(what, "a wall time the clocks show, or a time with an offset such as -05:00");
}

// The ISO 8601 forms: a date, then optionally a time and an offset.
date::sys_seconds read_iso(TimeReader& reader, const Zone& zone) {
  const date::year_month_day ymd = reader.date();
  const date::local_days day{ymd};
  const bool date_only = reader.at_end();
  std::chrono::seconds time{0};
  std::optional<std::chrono::seconds> offset;
  if (!date_only) {
    if (!reader.accept('T') && !reader.accept('t') && !reader.accept(' ')) {
      reader.fail("unexpected text after the date");
    }
    time = reader.time_of_day();
    offset = reader.offset();
    if (!reader.at_end()) reader.fail("unexpected text after the time");
  }
  const date::local_seconds local = day + time;
  if (offset) return date::sys_seconds{local.time_since_epoch() - *offset};
  if (ymd < kFirstDay || ymd > kLastDay) {
    reader.fail("outside the supported range", range_text(zone));
  }
  // A date alone means the start of that day, even where midnight itself was skipped.
  if (date_only) return zone.from_local_lenient(local);
  auto instant = zone.from_local(local);
  if (!instant) fail_skipped(reader, zone, local);
  return *instant;
}

}  // namespace

date::sys_seconds parse_time(std::string_view text, const Zone& zone, date::sys_seconds now,
                             std::string_view field) {
  TimeReader reader(text, field);
  reader.check_characters();
  if (equals_ignoring_case(text, "now")) return now;
  date::sys_seconds t;
  if (text.front() == '@') {
    const std::int64_t seconds = reader.unix_seconds();
    if (seconds < -kMaxUnixSeconds || seconds > kMaxUnixSeconds) {
      reader.fail("outside the supported range", range_text(zone));
    }
    t = date::sys_seconds{std::chrono::seconds{seconds}};
  } else {
    t = read_iso(reader, zone);
  }
  if (!in_supported_range(t, zone)) reader.fail("outside the supported range", range_text(zone));
  return t;
}

bool in_supported_range(date::sys_seconds t, const Zone& zone) {
  // A day inside both ends holds every instant whatever the zone's offset (under a day).
  constexpr date::sys_seconds kSurelyAfter{date::sys_days{kFirstDay} + date::days{2}};
  constexpr date::sys_seconds kSurelyBefore{date::sys_days{kLastDay} - date::days{1}};
  if (t >= kSurelyAfter && t < kSurelyBefore) return true;
  const std::int64_t s = t.time_since_epoch().count();
  if (s < -kMaxUnixSeconds || s > kMaxUnixSeconds) return false;
  const date::local_seconds local = zone.to_local(t);
  return local >= date::local_days{kFirstDay} && local < date::local_days{kLastDay} + date::days{1};
}

void append_time(std::string& out, date::sys_seconds t, const Zone& zone) {
  const std::int64_t offset = zone.offset_at(t).utc_offset.count();
  const std::int64_t s = std::clamp(t.time_since_epoch().count(), -kFormatLimit, kFormatLimit);
  append_local(out, s + offset);
  append_offset(out, offset);
}

std::string format_time(date::sys_seconds t, const Zone& zone) {
  std::string out;
  out.reserve(25);
  append_time(out, t, zone);
  return out;
}

void append_utc(std::string& out, date::sys_seconds t) {
  append_local(out, t.time_since_epoch().count());
  out += 'Z';
}

std::string format_utc(date::sys_seconds t) {
  std::string out;
  out.reserve(20);
  append_utc(out, t);
  return out;
}

std::string format_duration(std::chrono::seconds d, std::chrono::seconds day_length) {
  if (d < std::chrono::seconds{0}) return "-" + format_duration(-d, day_length);
  std::int64_t rest = d.count();
  const std::int64_t day = day_length.count();
  std::string out;
  auto part = [&](std::int64_t unit, char suffix) {
    if (unit <= 0 || rest < unit) return;
    if (!out.empty()) out += ' ';
    out += std::to_string(rest / unit);
    out += suffix;
    rest %= unit;
  };
  part(day, 'd');
  part(3600, 'h');
  part(60, 'm');
  part(1, 's');
  return out.empty() ? "0m" : out;
}

}  // namespace sla
