// Times in a format of the user's, through date::parse.

// g++ 12 sees a seconds variable of date::parse as maybe uninitialized where a format has no
// %S; date sets it before use. The warning is placed in <chrono>, hence before any include.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "time_format.hpp"

#include "error.hpp"

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

TimeFormat::TimeFormat(std::string format)
    : format_(std::move(format)), zone_names_(format_.find("%Z") != std::string::npos) {
  if (format_.find('%') == std::string::npos) {
    throw InputError("invalid --time-format " + quote(format_) +
                     ": no conversion; expected a format like '%d/%b/%y %I:%M %p' (strftime "
                     "conversions, as date::parse reads them)");
  }
  // "DATE TIME": the date without a space, then the time of day. A space in a format reads any
  // run of spaces, so the text splits at its first one.
  const std::size_t space = format_.find(' ');
  if (space == std::string::npos) return;
  std::size_t time = space;
  while (time < format_.size() && format_[time] == ' ') ++time;
  const std::string_view date_part = std::string_view(format_).substr(0, space);
  const std::string_view time_part = std::string_view(format_).substr(time);
  if (only(date_part, Kind::kDate) && only(time_part, Kind::kTime)) {
    date_format_ = std::string(date_part);
    time_format_ = std::string(time_part);
  }
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
  start(text);
  std::chrono::minutes offset = std::chrono::minutes::min();
  Parsed parsed;
  abbreviation_.clear();
  in_ >> date::parse(format_, parsed.local, abbreviation_, offset);
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

std::optional<TimeFormat::TimeOfDay> TimeFormat::read_time_of_day(std::string_view text) {
  if (const auto* found = times_.find(text)) return *found;
  start(text);
  std::chrono::minutes offset = std::chrono::minutes::min();
  std::chrono::seconds since_midnight{0};
  abbreviation_.clear();
  in_ >> date::parse(time_format_, since_midnight, abbreviation_, offset);
  std::optional<TimeOfDay> result;
  TimeOfDay t{since_midnight, std::nullopt};
  if (!in_.fail() && buffer_.at_end() && since_midnight >= std::chrono::seconds{0} &&
      since_midnight < std::chrono::hours{24} && offset_of(offset, t.offset)) {
    result = t;
  }
  times_.put(text, result);
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
