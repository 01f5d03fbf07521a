// Times in a format of the user's, through date::parse.

// g++ 12 sees a seconds variable of date::parse as maybe uninitialized where a format has no
// %S; date sets it before use. The warning is placed in <chrono>, hence before any include.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "time_format.hpp"

#include "error.hpp"

namespace sla {

TimeFormat::TimeFormat(std::string format) : format_(std::move(format)) {
  if (format_.find('%') == std::string::npos) {
    throw InputError("invalid --time-format " + quote(format_) +
                     ": no conversion; expected a format like '%d/%b/%y %I:%M %p' (strftime "
                     "conversions, as date::parse reads them)");
  }
}

std::optional<TimeFormat::Parsed> TimeFormat::read(std::string_view text) {
  buffer_.reset(text);
  in_.clear();
  abbreviation_.clear();
  std::chrono::minutes offset = std::chrono::minutes::min();
  Parsed parsed;
  in_ >> date::parse(format_, parsed.local, abbreviation_, offset);
  if (in_.fail() || in_.peek() != std::char_traits<char>::eof()) return std::nullopt;
  if (offset != std::chrono::minutes::min()) {
    parsed.offset = offset;
  } else if (!abbreviation_.empty()) {
    if (abbreviation_ != "UTC" && abbreviation_ != "GMT" && abbreviation_ != "Z")
      return std::nullopt;
    parsed.offset = std::chrono::seconds{0};
  }
  return parsed;
}

}  // namespace sla
