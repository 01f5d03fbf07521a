// Times in a format of the user's (--time-format), read with date::parse.
#pragma once

#include <date/date.h>

#include <chrono>
#include <istream>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>

namespace sla {

// A strftime-style format such as "%d/%b/%y %I:%M %p", read as date::parse reads it. One object
// reads many times: it keeps its stream. Not for sharing between threads.
class TimeFormat {
 public:
  // A time read in the format: a wall time, and its offset if the format gave one (%z, or %Z
  // naming UTC or GMT).
  struct Parsed {
    date::local_seconds local{};
    std::optional<std::chrono::seconds> offset;
  };

  // Takes `format`. Throws InputError if it has no conversion (no '%').
  explicit TimeFormat(std::string format);
  TimeFormat(const TimeFormat&) = delete;
  TimeFormat& operator=(const TimeFormat&) = delete;

  const std::string& format() const { return format_; }

  // Returns what `text` says in the format, all of it read, or nullopt if it does not match (a
  // zone abbreviation other than UTC or GMT does not match: it would be ambiguous).
  std::optional<Parsed> read(std::string_view text);

 private:
  // Reads a view in place, without copying it into a string stream.
  class ViewBuffer : public std::streambuf {
   public:
    void reset(std::string_view text) {
      char* begin = const_cast<char*>(text.data());
      setg(begin, begin, begin + text.size());
    }
  };

  std::string format_;
  ViewBuffer buffer_;
  std::istream in_{&buffer_};
  std::string abbreviation_;
};

}  // namespace sla
