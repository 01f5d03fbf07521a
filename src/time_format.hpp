// Times in a format of the user's (--time-format), read with date::parse.
#pragma once

#include "text_memo.hpp"

#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <istream>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace sla {

// A strftime-style format such as "%d/%b/%y %I:%M %p", read as date::parse reads it. One object
// reads many times: it keeps its stream, and where the format is a date, a space and a time of
// day, it parses each distinct date and each distinct time of day once (an export holds a few
// thousand of each). Not for sharing between threads.
class TimeFormat {
 public:
  // A time read in the format: a wall time, and its offset if the format gave one (%z, or %Z
  // naming UTC or GMT).
  struct Parsed {
    date::local_seconds local{};
    std::optional<std::chrono::seconds> offset;
  };

  // Takes `format`. Throws InputError if it has no conversion (no '%'), or reads seconds twice.
  explicit TimeFormat(std::string format);
  TimeFormat(const TimeFormat&) = delete;
  TimeFormat& operator=(const TimeFormat&) = delete;

  const std::string& format() const { return format_; }

  // Returns `format` as it is given to date::parse, its seconds spelled %S: %T, %r, %X and %c
  // written out as C's locale writes them, %OS and %ES as %S. Date 3.0 reads %S into a long
  // double that it leaves uninitialized where no digit follows, and converts it all the same
  // (undefined behaviour): read() sees to it that a digit follows wherever %S is reached.
  static std::string parse_format(std::string_view format);

  // Returns what `text` says in the format, all of it read, or nullopt if it does not match (a
  // zone abbreviation other than UTC or GMT does not match: it would be ambiguous).
  std::optional<Parsed> read(std::string_view text);

  // Returns what read() does, read as one text by date::parse with nothing remembered: what the
  // split and the memo must agree with.
  std::optional<Parsed> read_whole(std::string_view text);

 private:
  // Reads a view in place, without copying it into a string stream.
  class ViewBuffer : public std::streambuf {
   public:
    void reset(std::string_view text) {
      char* begin = const_cast<char*>(text.data());
      setg(begin, begin, begin + text.size());
    }
    bool at_end() const { return gptr() == egptr(); }
    bool at_digit() const { return gptr() != egptr() && digit(*gptr()); }
    // Returns false where '-' stands without `digits` digits after it.
    bool offset_follows(int digits) const {
      if (gptr() == egptr() || *gptr() != '-') return true;
      for (int i = 1; i <= digits; ++i) {
        if (egptr() - gptr() <= i || !digit(gptr()[i])) return false;
      }
      return true;
    }

   private:
    static bool digit(char c) { return c >= '0' && c <= '9'; }
  };

  // A time of day, and the offset the time part gave.
  struct TimeOfDay {
    std::chrono::seconds since_midnight{0};
    std::optional<std::chrono::seconds> offset;
  };
  // What a time-of-day text read as, packed for the memo: 0 unknown; else bit 0 set, bit 1
  // valid, bit 2 an offset given, bits 3-19 the second of the day, bits 20-31 the offset's
  // minutes plus 2048. Returns 0 for an offset the bits do not hold (no zone has one).
  static std::uint32_t pack(const std::optional<TimeOfDay>& time);
  static std::optional<TimeOfDay> unpack(std::uint32_t kept);

  std::optional<date::local_days> read_date(std::string_view text);
  std::optional<TimeOfDay> read_time_of_day(std::string_view text);
  // Returns the offset that `offset` (minutes::min() if unset) and the abbreviation read give,
  // or false if the abbreviation is one that names no single offset.
  bool offset_of(std::chrono::minutes offset, std::optional<std::chrono::seconds>& out) const;
  void start(std::string_view text);
  // A place in a format where date 3.0 reads what it does not check first: %S reads a long
  // double it leaves unset where no digit follows, %z negates an unset offset where '-' is not
  // followed by two digits. Either way it uses the value: undefined behaviour.
  struct Guard {
    std::string before;  // the format up to the conversion
    int offset_digits;   // %z: the digits a '-' needs after it (2; 1 for %Ez); 0: %S
  };
  // Returns the guards of `format`.
  static std::vector<Guard> guards_of(const std::string& format);
  // Returns whether date::parse may read `text` with the format `guards` were found in: at each,
  // the text has what the conversion needs, or the parse stops before it.
  bool safe(std::string_view text, const std::vector<Guard>& guards);

  std::string format_;                     // as the user gave it
  std::string whole_format_;               // as date::parse reads it (parse_format)
  std::string date_format_, time_format_;  // both set: the format splits at its first space
  std::vector<Guard> whole_guards_, time_guards_;
  bool zone_names_ = false;  // the format has %Z
  ViewBuffer buffer_;
  std::istream in_{&buffer_};
  std::string abbreviation_;
  std::string probe_;                                    // a time of day after a day of its own
  TextMemo<std::optional<date::local_days>, 12> dates_;  // a few thousand days in an export
  DigitPairMemo times_;
};

}  // namespace sla
