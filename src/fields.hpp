// The named fields of a result, as one table: their names, order and values, handed to sinks.
#pragma once

#include "business_clock.hpp"
#include "evaluate.hpp"
#include "zone.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sla {

// Which command's fields: due has the fewest, check adds its state, batch adds id/line/error.
enum class FieldSet { kDue, kCheck, kBatch };

// One output record: a result (absent for a batch row in error or not covered), the batch
// row's extras, and for a single ticket its --explain days.
struct Record {
  FieldSet set = FieldSet::kDue;
  const Result* result = nullptr;
  std::string_view id;
  std::int64_t line = 0;
  std::string_view error;
  std::string_view status;  // without a result: the row's status, "error" or "not_covered"
  const std::vector<DayTrace>* trace = nullptr;  // --explain: the days the clock counted
  const Zone* trace_zone = nullptr;              // the zone of those days (the calendar's)
};

// What decides a run of fields that are the same for every ticket of one policy version,
// priority, tier and calendar shown in one zone (priority, priority_name, tier, target, ...):
// writers of many rows keep such runs as written.
struct CellKey {
  const Policy* policy = nullptr;
  std::size_t priority = 0, tier = 0, calendar = 0;
  const Zone* zone = nullptr;
  std::size_t field = 0;  // the first field of the run, in field order
  bool operator==(const CellKey& o) const {
    return policy == o.policy && priority == o.priority && tier == o.tier &&
           calendar == o.calendar && zone == o.zone && field == o.field;
  }
};

// Receives the fields of a record in output order.
class FieldSink {
 public:
  virtual ~FieldSink() = default;
  virtual void text(std::string_view name, std::string_view value) = 0;
  virtual void integer(std::string_view name, std::int64_t value) = 0;
  virtual void real(std::string_view name, double value) = 0;
  virtual void null(std::string_view name) = 0;
  // A truth value: by default the text "true" or "false"; JSON writes the literal.
  virtual void boolean(std::string_view name, bool value) { text(name, value ? "true" : "false"); }
  // An instant, shown in `zone` ("2026-11-27T09:30:00-05:00"), or in UTC with a Z when `utc`.
  // By default formatted and handed to text(); sinks may write it directly.
  virtual void time(std::string_view name, date::sys_seconds t, const Zone& zone, bool utc);
  // A ticket's reclassifications, priorities as ids of `policy`: by default their input form,
  // "TIME=PRIORITY;..." (times as time() writes them in `zone`); JSON writes an array of
  // {"at", "priority"}.
  virtual void changes(std::string_view name, const std::vector<PriorityChange>& changes,
                       const Policy& policy, const Zone& zone);
  // Appends `changes` in that input form to `out`, each time as `time_text(instant)` gives it
  // (a std::string_view), for sinks that write times their own way.
  template <class TimeText>
  static void append_changes(std::string& out, const std::vector<PriorityChange>& changes,
                             const Policy& policy, TimeText&& time_text) {
    for (std::size_t i = 0; i < changes.size(); ++i) {
      if (i > 0) out += ';';
      out += time_text(changes[i].at);
      out += '=';
      out += policy.priorities[changes[i].priority].id;
    }
  }
  // Whether the sink takes --explain's fields (read_in, segments): JSON does.
  virtual bool takes_explanation() const { return false; }
  // The days of an explanation, times in `zone`; called only if takes_explanation().
  virtual void segments(std::string_view name, const std::vector<DayTrace>& trace,
                        const Zone& zone);
  // Called before a run of fields that `key` decides: returns true if the sink has written the
  // run itself, as it was written before, and the fields are not handed to it.
  virtual bool begin_run(const CellKey& key);
  // Called after the fields of a run that begin_run did not write.
  virtual void end_run() {}

 protected:
  std::string scratch_;  // reused by time() so that rows allocate nothing
};

// Returns the field names of `set`, in output order (without --explain's).
const std::vector<std::string_view>& field_names(FieldSet set);

// Calls `sink` once per field of `record`, in field_names order; times in `display`.
// Fields a record lacks (a batch row in error, a check without a response) come as null.
void visit_fields(const Record& record, const Zone& display, FieldSink& sink);

// Appends `value` with two digits after the point, as JSON and CSV print percentages.
void append_real(std::string& out, double value);

// The eight decimal digits of `v` (< 100,000,000) as one word, the first digit in its lowest
// byte (as memory holds it): halves of four digits, split into pairs and the pairs into
// digits, each step in every lane at once by multiplying by a reciprocal.
inline std::uint64_t eight_digits(std::uint64_t v) {
  static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "digits are laid out little-endian");
  const std::uint64_t fours = v / 10000 | (v % 10000) << 32;              // < 10,000 a lane
  const std::uint64_t high = (fours * 10486 >> 20) & 0x0000007F0000007F;  // / 100
  const std::uint64_t pairs = (fours - 100 * high) << 16 | high;          // < 100 a lane
  const std::uint64_t tens = (pairs * 103 >> 10) & 0x000F000F000F000F;    // / 10
  return (pairs - 10 * tens) << 8 | tens;
}

// Writes `value` in decimal, as std::to_chars does, into `out`, which holds kIntegerSize
// bytes; returns the length. The bytes past the number, up to kIntegerSize, may be written
// over.
// Inline: writers of many records write several a record.
inline constexpr std::size_t kIntegerSize = 20;  // an int64's digits and its sign
inline std::size_t write_integer(char* out, std::int64_t value) {
  // One digit first: a row's counts are often 0 (nothing remaining, overdue or paused).
  if (static_cast<std::uint64_t>(value) < 10) {
    out[0] = static_cast<char>('0' + value);
    return 1;
  }
  const bool negative = value < 0;
  auto v = negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  if (negative) *out++ = '-';
  constexpr std::uint64_t kZeros = 0x3030303030303030, kEight = 100000000;
  // Eight digits at a time, the leading zeros of the first eight shifted out (the count of
  // digits from the lowest nonzero byte): every word is written whole, the bytes past the
  // number written over by what follows it, or left as spare.
  auto leading = [out](std::uint64_t digits) {
    const auto zeros = static_cast<unsigned>(__builtin_ctzll(digits)) / 8;
    const std::uint64_t text = (digits >> 8 * zeros) + (kZeros >> 8 * zeros);
    std::memcpy(out, &text, 8);
    return std::size_t{8} - zeros;
  };
  if (v < kEight) return leading(eight_digits(v)) + (negative ? 1 : 0);
  std::size_t n = 0;
  if (v >= kEight * kEight) {
    // 17 to 20 digits: the first one to four, then two whole words.
    const std::uint64_t top = v / (kEight * kEight);
    v -= top * kEight * kEight;
    n = leading(eight_digits(top));
    const std::uint64_t middle = eight_digits(v / kEight) + kZeros;
    std::memcpy(out + n, &middle, 8);
    n += 8;
    v %= kEight;
  } else {
    n = leading(eight_digits(v / kEight));
    v %= kEight;
  }
  const std::uint64_t last = eight_digits(v) + kZeros;
  std::memcpy(out + n, &last, 8);
  return n + 8 + (negative ? 1 : 0);
}

// Writes `value` as append_real appends it into `out`, which holds kRealSize bytes; returns
// the length. Inline, as write_integer is: a batch row writes one.
inline constexpr std::size_t kRealSize = 32;
inline std::size_t write_real(char* out, double value) {
  if (!std::isfinite(value)) {
    out[0] = '0';
    return 1;
  }
  const double scaled = value * 100.0;
  // Hundredths rounded half away from zero, as std::llround rounds, without its call: the
  // fraction a truncation leaves is exact in a double. Larger values go to llround.
  std::int64_t hundredths;
  if (std::fabs(scaled) < 0x1p62) {
    hundredths = static_cast<std::int64_t>(scaled);
    const double rest = scaled - static_cast<double>(hundredths);
    hundredths += (rest >= 0.5 ? 1 : 0) - (rest <= -0.5 ? 1 : 0);
  } else {
    hundredths = static_cast<std::int64_t>(std::llround(scaled));
  }
  char* p = out;
  if (hundredths < 0) *p++ = '-';
  const auto u = static_cast<std::uint64_t>(hundredths);
  const std::uint64_t magnitude = hundredths < 0 ? 0 - u : u;
  p += write_integer(p, static_cast<std::int64_t>(magnitude / 100));
  const std::uint64_t frac = magnitude % 100;
  if (frac != 0) {
    *p++ = '.';
    *p++ = static_cast<char>('0' + frac / 10);
    if (frac % 10 != 0) *p++ = static_cast<char>('0' + frac % 10);
  }
  return static_cast<std::size_t>(p - out);
}

// Hands the fields of something other than a ticket (a holiday) to a sink, in order.
using FieldVisit = std::function<void(FieldSink&)>;

}  // namespace sla
