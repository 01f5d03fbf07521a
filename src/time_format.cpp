// Times in a format of the user's, through date::parse.

// g++ 12 sees a seconds variable of date::parse as maybe uninitialized where a format has no
// %S; date sets it before use. The warning is placed in <chrono>, hence before any include.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "time_format.hpp"

#include "error.hpp"

#include <algorithm>
#include <utility>

namespace sla {
namespace {

enum class Kind { kDate, kTime, kOther };

// Returns what a conversion letter reads: a part of the date, of the time of day, or other.
Kind kind_of(char conversion) {
  static constexpr std::string_view kDate = "aAbBCdeFgGhjmuUVwWyYD";
  static constexpr std::string_view kTime = "HIMSpRTrzZ";
  if (kDate.find(conversion) != std::string_view::npos) return Kind::kDate;
  if (kTime.find(conversion) != std::string_view::npos) return Kind::kTime;
  return Kind::kOther;
}

// Returns whether every conversion of `part` is of `kind`, and there is one.
bool only(std::string_view part, Kind kind) {
  bool any = false;
  for (std::size_t i = 0; i < part.size(); ++i) {
    if (part[i] != '%') continue;
    std::size_t c = i + 1;
    while (c < part.size() && (std::isdigit(static_cast<unsigned char>(part[c])) ||
                               part[c] == 'E' || part[c] == 'O')) {
      ++c;
    }
    if (c == part.size() || kind_of(part[c]) != kind) return false;
    any = true;
    i = c;
  }
  return any;
}

}  // namespace

std::string TimeFormat::parse_format(std::string_view format) {
  std::string out;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 == format.size()) {
      out += format[i];
      continue;
    }
    std::size_t c = i + 1;
    while (c < format.size() && std::isdigit(static_cast<unsigned char>(format[c]))) ++c;
    const std::size_t width_end = c;
    const bool modified = c < format.size() && (format[c] == 'E' || format[c] == 'O');
    if (modified) ++c;
    const char conversion = c < format.size() ? format[c] : '\0';
    if (conversion == 'S') {
      out.append(format.substr(i, width_end - i)).append("S");
    } else if (conversion == 'T' || conversion == 'X') {
      out += "%H:%M:%S";
    } else if (conversion == 'r') {
      out += "%I:%M:%S %p";
    } else if (conversion == 'c') {
      out += "%a %b %e %H:%M:%S %Y";
    } else {
      out.append(format.substr(i, c + (c < format.size() ? 1 : 0) - i));
    }
    i = c;
  }
  return out;
}

std::vector<TimeFormat::Guard> TimeFormat::guards_of(const std::string& format) {
  std::vector<Guard> guards;
  for (std::size_t i = 0; i + 1 < format.size(); ++i) {
    if (format[i] != '%') continue;
    std::size_t c = i + 1;
    while (c < format.size() && (std::isdigit(static_cast<unsigned char>(format[c])) ||
                                 format[c] == 'E' || format[c] == 'O')) {
      ++c;
    }
    if (c < format.size() && (format[c] == 'S' || format[c] == 'z')) {
      const bool modified = format[c - 1] == 'E' || format[c - 1] == 'O';
      guards.push_back({format.substr(0, i), format[c] == 'S' ? 0 : modified ? 1 : 2});
    }
    i = c;  // past the conversion, so that %%S is a percent sign and an S
  }
  return guards;
}

TimeFormat::TimeFormat(std::string format)
    : format_(std::move(format)),
      whole_format_(parse_format(format_)),
      zone_names_(format_.find("%Z") != std::string::npos) {
  if (format_.find('%') == std::string::npos) {
    throw InputError("invalid --time-format " + quote(format_) +
                     ": no conversion; expected a format like '%d/%b/%y %I:%M %p' (strftime "
                     "conversions, as date::parse reads them)");
  }
  if (format_.find('\0') != std::string::npos) {
    throw InputError("invalid --time-format " + quote(format_) +
                     ": contains a NUL byte; expected text");
  }
  // Only the conversions a date or time is written with, without widths: date 3.0 has faults
  // elsewhere (%t at the end of the text goes on reading the format as a conversion; a long
  // width overflows; %51S reads a number no second can be).
  constexpr std::string_view kConversions = "dembBhyYCjaAuwHIMSpzZTRrFD%";
  for (std::size_t i = 0; i < format_.size(); ++i) {
    if (format_[i] != '%') continue;
    std::size_t c = i + 1;
    while (c < format_.size() && std::isdigit(static_cast<unsigned char>(format_[c]))) ++c;
    if (c > i + 1) {
      throw InputError("invalid --time-format " + quote(format_) + ": a width in " +
                       quote(std::string_view(format_).substr(i, c + 1 - i)) +
                       "; expected conversions without widths, such as %d or %Y");
    }
    const bool modified = c < format_.size() && (format_[c] == 'E' || format_[c] == 'O');
    if (modified) ++c;
    const char conversion = c < format_.size() ? format_[c] : '\0';
    if (kConversions.find(conversion) == std::string_view::npos || conversion == '\0' ||
        (modified && conversion != 'z' && conversion != 'S')) {
      throw InputError("invalid --time-format " + quote(format_) + ": the conversion " +
                       quote(std::string_view(format_).substr(i, c + 1 - i)) +
                       " is not read; expected %d %e %m %b %B %y %Y %C %j %a %A %u %w %H %I %M "
                       "%S %p %z %Ez %Z %T %R %r %F %D or %%");
    }
    i = c;
  }
  whole_guards_ = guards_of(whole_format_);
  if (std::count_if(whole_guards_.begin(), whole_guards_.end(),
                    [](const Guard& g) { return g.offset_digits == 0; }) > 1) {
    throw InputError("invalid --time-format " + quote(format_) +
                     ": it reads seconds twice; expected %S, %T, %r, %X or %c once");
  }
  // "DATE TIME": the date without a space, then the time of day. A space in a format reads any
  // run of spaces, so the text splits at its first one.
  const std::string& f = whole_format_;
  const std::size_t space = f.find(' ');
  if (space == std::string::npos) return;
  std::size_t time = space;
  while (time < f.size() && f[time] == ' ') ++time;
  const std::string_view date_part = std::string_view(f).substr(0, space);
  const std::string_view time_part = std::string_view(f).substr(time);
  if (only(date_part, Kind::kDate) && only(time_part, Kind::kTime)) {
    date_format_ = std::string(date_part);
    // The time of day is read after a day of its own, so that date checks it as it checks a
    // whole time (minute 64 is no minute), not as a duration.
    time_format_ = "%Y-%m-%d " + std::string(time_part);
    time_guards_ = guards_of(time_format_);
  }
}

bool TimeFormat::safe(std::string_view text, const std::vector<Guard>& guards) {
  for (const Guard& g : guards) {
    start(text);
    date::fields<std::chrono::seconds> fields{};
    std::string abbreviation;
    std::chrono::minutes offset{};
    // Where this stops, the whole format stops too, or reads on at the conversion.
    date::from_stream(in_, g.before.c_str(), fields, &abbreviation, &offset);
    const bool ok =
        g.offset_digits > 0 ? buffer_.offset_follows(g.offset_digits) : buffer_.at_digit();
    if (!ok) return false;
  }
  return true;
}

void TimeFormat::start(std::string_view text) {
  buffer_.reset(text);
  in_.clear();
}

bool TimeFormat::offset_of(std::chrono::minutes offset,
                           std::optional<std::chrono::seconds>& out) const {
  if (offset != std::chrono::minutes::min()) {
    out = offset;
  } else if (zone_names_ && !abbreviation_.empty()) {
    if (abbreviation_ != "UTC" && abbreviation_ != "GMT" && abbreviation_ != "Z") return false;
    out = std::chrono::seconds{0};
  }
  return true;
}

std::optional<TimeFormat::Parsed> TimeFormat::read_whole(std::string_view text) {
  if (!safe(text, whole_guards_)) return std::nullopt;
  start(text);
  std::chrono::minutes offset = std::chrono::minutes::min();
  Parsed parsed;
  abbreviation_.clear();
  in_ >> date::parse(whole_format_, parsed.local, abbreviation_, offset);
  if (in_.fail() || !buffer_.at_end()) return std::nullopt;
  if (!offset_of(offset, parsed.offset)) return std::nullopt;
  return parsed;
}

std::optional<date::local_days> TimeFormat::read_date(std::string_view text) {
  if (const auto* found = dates_.find(text)) return *found;
  start(text);
  date::local_days day;
  in_ >> date::parse(date_format_, day);
  std::optional<date::local_days> result;
  if (!in_.fail() && buffer_.at_end()) result = day;
  dates_.put(text, result);
  return result;
}

std::uint32_t TimeFormat::pack(const std::optional<TimeOfDay>& time) {
  if (!time) return 1;
  std::uint32_t kept = 3 | static_cast<std::uint32_t>(time->since_midnight.count()) << 3;
  if (time->offset) {
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(*time->offset);
    if (minutes != *time->offset || minutes.count() < -2048 || minutes.count() > 2047) return 0;
    kept |= 4 | static_cast<std::uint32_t>(minutes.count() + 2048) << 20;
  }
  return kept;
}

std::optional<TimeFormat::TimeOfDay> TimeFormat::unpack(std::uint32_t kept) {
  if (!(kept & 2)) return std::nullopt;
  TimeOfDay t{std::chrono::seconds{(kept >> 3) & 0x1ffff}, std::nullopt};
  if (kept & 4) t.offset = std::chrono::minutes{static_cast<int>(kept >> 20) - 2048};
  return t;
}

std::optional<TimeFormat::TimeOfDay> TimeFormat::read_time_of_day(std::string_view text) {
  if (const std::uint32_t kept = times_.find(text)) return unpack(kept);
  constexpr std::string_view kDay = "2000-01-01 ";
  constexpr date::local_days kThatDay{date::year{2000} / 1 / 1};
  probe_.assign(kDay).append(text);
  std::optional<TimeOfDay> result;
  if (safe(probe_, time_guards_)) {
    start(probe_);
    std::chrono::minutes offset = std::chrono::minutes::min();
    date::local_seconds local;
    abbreviation_.clear();
    in_ >> date::parse(time_format_, local, abbreviation_, offset);
    TimeOfDay t{local - kThatDay, std::nullopt};
    if (!in_.fail() && buffer_.at_end() && t.since_midnight >= std::chrono::seconds{0} &&
        t.since_midnight < std::chrono::hours{24} && offset_of(offset, t.offset)) {
      result = t;
    }
  }
  if (const std::uint32_t kept = pack(result)) times_.put(text, kept);
  return result;
}

std::optional<TimeFormat::Parsed> TimeFormat::read(std::string_view text) {
  if (!date_format_.empty()) {
    const std::size_t space = text.find(' ');
    if (space != std::string_view::npos) {
      std::size_t time = space;
      while (time < text.size() && text[time] == ' ') ++time;
      const auto day = read_date(text.substr(0, space));
      const auto tod = day ? read_time_of_day(text.substr(time)) : std::nullopt;
      if (day && tod) return Parsed{*day + tod->since_midnight, tod->offset};
    }
  }
  // A text that does not split as the format does: read whole, for the same answer.
  return read_whole(text);
}

}  // namespace sla
