// Text to instants and back: a hand-written reader of the SPEC's forms and an ISO 8601 writer.
#include "time_text.hpp"

#include "error.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>

namespace sla {
namespace {

constexpr std::string_view kAccepted =
    "ISO 8601 like 2026-11-25T16:30:00-05:00, RFC 2822 like Wed, 25 Nov 2026 16:30:00 -0500, a "
    "date, @unix-seconds or now";
// Longer text cannot be a time; refusing it first keeps huge arguments cheap.
constexpr std::size_t kMaxLength = 64;
// Unix seconds beyond this are far outside 1900..9999 and are refused before any arithmetic.
constexpr std::int64_t kMaxUnixSeconds = 1'000'000'000'000;

// Instants are clamped to this many seconds from 1970 for printing, keeping years in date::year.
constexpr std::int64_t kFormatLimit = 900'000'000'000;

constexpr const char* kBadDate = "the date is not YYYY-MM-DD";
constexpr const char* kBadTime = "the time is not HH:MM or HH:MM:SS";
constexpr const char* kBadOffset = "the offset is not Z, +HH:MM, +HHMM or +HH (or - for west)";

constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 7> kWeekdays = {"sun", "mon", "tue", "wed",
                                                       "thu", "fri", "sat"};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equals_ignoring_case(std::string_view text, std::string_view lower_word) {
  return text.size() == lower_word.size() &&
         std::equal(text.begin(), text.end(), lower_word.begin(),
                    [](char a, char b) { return lower(a) == b; });
}

// Returns the index of `word` (three letters, any case) in `names`, or -1.
template <std::size_t N>
int find_name(std::string_view word, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    if (equals_ignoring_case(word, names[i])) return static_cast<int>(i);
  }
  return -1;
}

// Returns a --time-format that reads `text`, a date with slashes or dots, if one can be told.
std::string format_guess(std::string_view text) {
  const char sep = text.find('/') != std::string_view::npos ? '/' : '.';
  std::array<std::string_view, 3> parts{};
  std::size_t at = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    std::size_t end = i < 2 ? text.find(sep, at) : text.find_first_of(" T", at);
    if (end == std::string_view::npos) end = i < 2 ? text.size() : text.size();
    parts[i] = text.substr(at, end - at);
    at = std::min(end + 1, text.size());
  }
  auto number = [](std::string_view p) {
    int v = 0;
    for (char c : p) v = is_digit(c) && v < 1000 ? v * 10 + (c - '0') : 1000;
    return p.empty() ? 1000 : v;
  };
  std::string year = parts[2].size() == 2 ? "%y" : "%Y";
  std::string s(1, sep);
  std::string date;
  if (find_name(parts[1].substr(0, 3), kMonths) >= 0) {
    date = "%d" + s + "%b" + s + year;
  } else if (number(parts[0]) > 12 && number(parts[0]) <= 31) {
    date = "%d" + s + "%m" + s + year;
  } else if (number(parts[1]) > 12 && number(parts[1]) <= 31) {
    date = "%m" + s + "%d" + s + year;
  } else {
    return "";  // 11/10/2026: which is the month cannot be told
  }
  std::string_view time = text.substr(std::min(at, text.size()));
  if (time.empty()) return date;
  const bool pm =
      time.find("M") != std::string_view::npos || time.find("m") != std::string_view::npos;
  const bool seconds = std::count(time.begin(), time.end(), ':') >= 2;
  return date + (pm ? " %I:%M" : " %H:%M") + (seconds ? ":%S" : "") + (pm ? " %p" : "");
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

  std::string_view text() const { return text_; }
  bool at_end() const { return pos_ == text_.size(); }
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
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
  // Returns the letters at the reading position, and moves past them.
  std::string_view word() {
    std::size_t begin = pos_;
    while (pos_ < text_.size() && is_letter(text_[pos_])) ++pos_;
    return text_.substr(begin, pos_ - begin);
  }
  // Accepts `w` (lower case) in any case if it stands next, followed by no letter.
  bool accept_word(std::string_view w) {
    if (!equals_ignoring_case(text_.substr(pos_, w.size()), w)) return false;
    if (is_letter(peek(w.size()))) return false;
    pos_ += w.size();
    return true;
  }

  // Throws the error for text that starts with digits but is no date, with a guess at what
  // was meant.
  [[noreturn]] void fail_not_a_date() const {
    const bool all_digits = std::all_of(text_.begin(), text_.end(), is_digit);
    const std::size_t n = text_.size();
    if (all_digits && n >= 9 && n <= 11) {
      fail("a bare number; if it is a Unix time, write @" + std::string(text_),
           "@unix-seconds, or " + std::string(kAccepted));
    }
    if (all_digits && n >= 12 && n <= 14) {
      fail("a bare number, a Unix time in milliseconds?; write seconds: @" +
               std::string(text_.substr(0, n - 3)),
           "@unix-seconds, or " + std::string(kAccepted));
    }
    const std::size_t first = count_digits();
    if ((peek(first) == '/' || peek(first) == '.') && first >= 1 && first <= 2) {
      const std::string guess = format_guess(text_);
      fail(std::string("a date with ") + (peek(first) == '/' ? "slashes" : "dots") +
               " is not read without --time-format",
           guess.empty() ? "--time-format '%m/%d/%Y' or '%d/%m/%Y' (which one your data uses)"
                         : "--time-format '" + guess + "'");
    }
    fail("the year must have 4 digits");
  }

  // YYYY-MM-DD, checked to be a real date.
  date::year_month_day date() {
    if (count_digits() == 0) fail("not a date or time");
    if (count_digits() != 4 || (peek(4) != '-' && peek(4) != '\0')) fail_not_a_date();
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

  // H:MM or HH:MM[:SS[.fraction]], the fraction dropped.
  std::chrono::seconds time_of_day() {
    const int h = number(count_digits() == 1 ? 1 : 2, kBadTime);
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

  // Z, UTC, GMT, UT, ±HH, ±HHMM or ±HH:MM, after at most one space; nullopt where there is
  // none (the reading position stays).
  std::optional<std::chrono::seconds> offset() {
    const std::size_t start = pos_;
    const bool space = accept(' ');
    if (accept('Z') || accept('z') ||
        (space && (accept_word("utc") || accept_word("gmt") || accept_word("ut")))) {
      return std::chrono::seconds{0};
    }
    const bool negative = peek() == '-';
    if (!accept('+') && !accept('-')) {
      pos_ = start;
      return std::nullopt;
    }
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

  // [Zone] or [!Zone] after the offset (RFC 9557); the name, or empty if there is none.
  std::string_view zone_suffix() {
    if (!accept('[')) return {};
    accept('!');
    const std::size_t begin = pos_;
    while (pos_ < text_.size() && text_[pos_] != ']') ++pos_;
    const std::string_view name = text_.substr(begin, pos_ - begin);
    if (!accept(']') || name.empty()) fail("the zone suffix is not [Area/City]");
    if (name.find('=') != std::string_view::npos) {
      fail("a suffix tag " + quote(name) + " is not accepted",
           "a zone name such as [Europe/Berlin]");
    }
    return name;
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

// A wall time of `zone`, or an instant with its offset.
ReadTime instant(TimeReader& reader, const TimeContext& context, date::local_seconds local,
                 std::optional<std::chrono::seconds> offset, bool date_only) {
  if (offset) return {date::sys_seconds{local.time_since_epoch() - *offset}, true};
  const Zone& zone = *context.zone;
  const date::year_month_day ymd{date::floor<date::days>(local)};
  if (ymd < kFirstDay || ymd > kLastDay)
    reader.fail("outside the supported range", range_text(zone));
  // A date alone means the start of that day, even where midnight itself was skipped.
  if (date_only) return {zone.from_local_lenient(local), false};
  auto t = zone.from_local(local);
  if (!t) fail_skipped(reader, zone, local);
  return {*t, false};
}

// Checks an RFC 9557 suffix against the instant's offset.
void check_suffix(TimeReader& reader, const TimeContext& context, std::string_view name,
                  date::sys_seconds t, std::chrono::seconds offset) {
  if (!context.suffix_zone) {
    reader.fail("a [zone] suffix is not accepted here", "a time without the suffix");
  }
  const Zone* found = nullptr;
  try {
    found = &context.suffix_zone(name);
  } catch (const InputError&) {
    reader.fail("the zone suffix " + quote(name) + " names no time zone",
                "an IANA zone name after the offset, as in [America/New_York]");
  }
  const Zone& zone = *found;
  const auto actual = zone.offset_at(t).utc_offset;
  if (actual != offset) {
    std::string shown;
    append_offset(shown, actual.count());
    reader.fail(
        "the offset does not agree with " + zone.name() + ", which is " + shown + " at that time",
        "an offset and a zone that agree, as in 2026-11-25T16:30:00-05:00[America/New_York]");
  }
}

// The ISO 8601 forms: a date, then optionally a time, an offset and a zone suffix.
ReadTime read_iso(TimeReader& reader, const TimeContext& context) {
  const date::year_month_day ymd = reader.date();
  const date::local_days day{ymd};
  const bool date_only = reader.at_end();
  std::chrono::seconds time{0};
  std::optional<std::chrono::seconds> offset;
  std::string_view suffix;
  if (!date_only) {
    if (!reader.accept('T') && !reader.accept('t') && !reader.accept(' ')) {
      reader.fail("unexpected text after the date");
    }
    time = reader.time_of_day();
    offset = reader.offset();
    suffix = reader.zone_suffix();
    if (!reader.at_end()) reader.fail("unexpected text after the time");
    if (!suffix.empty() && !offset) {
      reader.fail("a [zone] suffix needs an offset before it",
                  "a time like 2026-11-25T16:30:00-05:00[America/New_York]");
    }
  }
  ReadTime r = instant(reader, context, day + time, offset, date_only);
  if (!suffix.empty()) check_suffix(reader, context, suffix, r.t, *offset);
  return r;
}

// RFC 2822: [Wed, ]25 Nov 2026 16:30[:00] -0500 (or GMT, UT, Z, UTC).
ReadTime read_rfc2822(TimeReader& reader, const TimeContext& context) {
  constexpr const char* kBad = "not an RFC 2822 date like Wed, 25 Nov 2026 16:30:00 -0500";
  int weekday = -1;
  if (is_letter(reader.peek())) {
    weekday = find_name(reader.word(), kWeekdays);
    if (weekday < 0 || !reader.accept(',')) reader.fail(kBad);
    reader.accept(' ');
  }
  const std::size_t digits = reader.count_digits();
  if (digits < 1 || digits > 2) reader.fail(kBad);
  const int d = reader.number(digits, kBad);
  if (!reader.accept(' ')) reader.fail(kBad);
  const int m = find_name(reader.word(), kMonths);
  if (m < 0 || !reader.accept(' ')) reader.fail(kBad, "a month Jan..Dec, as in 25 Nov 2026");
  const int y = reader.number(4, "the year must have 4 digits");
  if (!reader.accept(' ')) reader.fail(kBad);
  const std::chrono::seconds time = reader.time_of_day();
  const auto offset = reader.offset();
  if (!offset) {
    reader.fail("no zone after the time",
                "+HHMM, -HHMM, GMT or UT (RFC 2822 zone names such as EST are ambiguous)");
  }
  if (!reader.at_end()) reader.fail("unexpected text after the time");
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m + 1)},
                                 date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) reader.fail("no such date");
  if (weekday >= 0 && date::weekday{ymd}.c_encoding() != static_cast<unsigned>(weekday)) {
    reader.fail("the weekday is not that date's (" +
                    std::string(kWeekdays[date::weekday{ymd}.c_encoding()]) + ")",
                "the date's own weekday, or none");
  }
  return instant(reader, context, date::local_days{ymd} + time, offset, false);
}

}  // namespace

std::optional<date::sys_seconds> read_canonical_time(std::string_view s) {
  if (s.size() != 20 && s.size() != 25) {
    // "@" and up to 12 digits: Unix seconds, as help desks export them.
    if (s.size() < 2 || s.size() > 13 || s[0] != '@') return std::nullopt;
    std::int64_t seconds = 0;
    for (std::size_t i = 1; i < s.size(); ++i) {
      const unsigned digit = static_cast<unsigned char>(s[i]) - unsigned{'0'};
      if (digit > 9) return std::nullopt;
      seconds = seconds * 10 + digit;
    }
    return date::sys_seconds{std::chrono::seconds{seconds}};
  }
  // Three words: "YYYY-MM-", "DDTHH:MM" and "SS+HH:MM" (":SSZ" made into "SS+00:00"). Their
  // digits are checked together (each byte of a digit has 3 as its high nibble and stays
  // below 0x3A with 6 added), and read as pairs: with '0' taken from the digits and the other
  // bytes zero, w * 10 + (w >> 8) holds at byte i the number of the digits at i and i + 1.
  constexpr std::uint64_t kZeros = 0x3030303030303030, kHigh = 0xF0F0F0F0F0F0F0F0,
                          kSixes = 0x0606060606060606;
  constexpr std::uint64_t kDate = 0x00FFFF00FFFFFFFF;  // YYYY-MM- : digits at 0-3, 5, 6
  constexpr std::uint64_t kTime = 0xFFFF00FFFF00FFFF;  // DDTHH:MM and SS+HH:MM: 0, 1, 3, 4, 6, 7
  constexpr std::uint64_t kDashes = std::uint64_t{'-'} << 32 | std::uint64_t{'-'} << 56;
  constexpr std::uint64_t kColon = std::uint64_t{':'} << 40, kColonByte = std::uint64_t{0xFF} << 40;
  std::uint64_t a, b, c;
  std::memcpy(&a, s.data(), 8);
  std::memcpy(&b, s.data() + 8, 8);
  if (s.size() == 25) {
    std::memcpy(&c, s.data() + 17, 8);
  } else {
    if (s[19] != 'Z' && s[19] != 'z') return std::nullopt;
    std::uint16_t seconds;
    std::memcpy(&seconds, s.data() + 17, 2);
    c = seconds | (std::uint64_t{0x30303A30302B} << 16);  // "+00:00" after the seconds
  }
  // Every test in one: a digit's byte, and the same with 6 added, have 3 as their high nibble
  // (x ^ zeros is 0 there), and the separators are themselves.
  const std::uint64_t xa = (a & kDate) | (kZeros & ~kDate), xb = (b & kTime) | (kZeros & ~kTime),
                      xc = (c & kTime) | (kZeros & ~kTime);
  const std::uint64_t digits =
      ((xa ^ kZeros) | ((xa + kSixes) ^ kZeros) | (xb ^ kZeros) | ((xb + kSixes) ^ kZeros) |
       (xc ^ kZeros) | ((xc + kSixes) ^ kZeros)) &
      kHigh;
  const std::uint64_t separators =
      ((a & ~kDate) ^ kDashes) | ((b & kColonByte) ^ kColon) | ((c & kColonByte) ^ kColon);
  const char t = s[10], sign = s[19];
  if ((digits | separators) != 0 || s[16] != ':' || ((t | 0x20) != 't' && t != ' ') ||
      (sign != '+' && sign != '-' && s.size() == 25)) {
    return std::nullopt;
  }
  auto pairs = [](std::uint64_t w, std::uint64_t mask) {
    const std::uint64_t v = (w & mask) - (kZeros & mask);
    return v * 10 + (v >> 8);
  };
  auto at = [](std::uint64_t w, int i) { return static_cast<unsigned>(w >> 8 * i & 0xFF); };
  const std::uint64_t pa = pairs(a, kDate), pb = pairs(b, kTime), pc = pairs(c, kTime);
  const unsigned y = at(pa, 0) * 100 + at(pa, 2), mo = at(pa, 5), d = at(pb, 0);
  const unsigned h = at(pb, 3), mi = at(pb, 6), sec = at(pc, 0), oh = at(pc, 3), om = at(pc, 6);
  if ((h > 23) | (mi > 59) | (sec > 59) | (oh > 23) | (om > 59) | (mo - 1 > 11)) {
    return std::nullopt;
  }
  static constexpr unsigned char kMonthDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
  if (d - 1 >= kMonthDays[mo - 1] + (mo == 2 && leap ? 1U : 0U)) return std::nullopt;
  // Days since 1970 of a date of years 0..9999 (as date::sys_days gives them), counted in
  // years from March, so that a leap day ends its year, and an era of 400 years on, so that
  // all is unsigned.
  const unsigned from_march = y + 400 - (mo <= 2 ? 1 : 0);
  const unsigned era = from_march / 400, year_of_era = from_march - era * 400;
  const unsigned day_of_year = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  const std::int64_t days = std::int64_t{era} * 146097 + std::int64_t{day_of_era} - 719468 - 146097;
  const std::int64_t offset =
      (sign == '-' ? -1 : 1) * static_cast<std::int64_t>(oh * 3600 + om * 60);
  return date::sys_seconds{
      std::chrono::seconds{days * 86400 + (h * 3600 + mi * 60 + sec) - offset}};
}

ReadTime read_time(std::string_view text, const TimeContext& context) {
  if (auto t = read_canonical_time(text); t && in_supported_range(*t, *context.zone)) {
    return {*t, true};
  }
  return read_time_in_full(text, context);
}

ReadTime read_time_in_full(std::string_view text, const TimeContext& context) {
  TimeReader reader(text, context.field);
  reader.check_characters();
  if (equals_ignoring_case(text, "now")) return {context.now, true};
  ReadTime r;
  if (text.front() == '@') {
    const std::int64_t seconds = reader.unix_seconds();
    if (seconds < -kMaxUnixSeconds || seconds > kMaxUnixSeconds) {
      reader.fail("outside the supported range", range_text(*context.zone));
    }
    r = {date::sys_seconds{std::chrono::seconds{seconds}}, true};
  } else if (is_letter(text.front()) ||
             (reader.count_digits() <= 2 && reader.peek(reader.count_digits()) == ' ')) {
    r = read_rfc2822(reader, context);
  } else {
    r = read_iso(reader, context);
  }
  if (!in_supported_range(r.t, *context.zone)) {
    reader.fail("outside the supported range", range_text(*context.zone));
  }
  return r;
}

date::sys_seconds resolve_wall_time(date::local_seconds local, const Zone& zone,
                                    std::string_view text, std::string_view field) {
  TimeReader reader(text, field);
  TimeContext context;
  context.zone = &zone;
  const ReadTime r = instant(reader, context, local, std::nullopt, false);
  if (!in_supported_range(r.t, zone)) reader.fail("outside the supported range", range_text(zone));
  return r.t;
}

date::sys_seconds parse_time(std::string_view text, const Zone& zone, date::sys_seconds now,
                             std::string_view field) {
  TimeContext context;
  context.zone = &zone;
  context.now = now;
  context.field = field;
  return read_time(text, context).t;
}

bool in_supported_range_at_ends(date::sys_seconds t, const Zone& zone) {
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

std::string format_wall_duration(std::chrono::seconds d) {
  constexpr std::chrono::seconds kDay{86400};
  constexpr std::chrono::seconds kNoDays{std::chrono::hours{24 * 365 * 10000}};
  if (d < std::chrono::hours{72}) return format_duration(d, kNoDays);
  const auto days = d / kDay;
  const auto rest = d % kDay;
  return std::to_string(days) + " days" +
         (rest > std::chrono::seconds{0} ? " " + format_duration(rest, kNoDays) : "");
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
