// The record writer: JSON objects and CSV/TSV lines built from the field table, and the
// caches that let a batch write millions of them.
#include "record_writer.hpp"

#include "delimited_text.hpp"
#include "error.hpp"
#include "field_table.hpp"
#include "json_text.hpp"
#include "time_text.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <optional>

namespace sla {
namespace {

// "00" to "99", so that two digits are one copy.
struct TwoDigits {
  char text[200];
  constexpr TwoDigits() : text() {
    for (int i = 0; i < 100; ++i) {
      text[2 * i] = static_cast<char>('0' + i / 10);
      text[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
  }
};
constexpr TwoDigits kTwoDigits;

// "HH:MM:" of each minute of a day, in eight bytes (one copy; the last two are written over).
struct Minutes {
  char text[1440][8];
  constexpr Minutes() : text() {
    for (int m = 0; m < 1440; ++m) {
      const int digits[4] = {m / 600, m / 60 % 10, m % 60 / 10, m % 10};
      text[m][0] = static_cast<char>('0' + digits[0]);
      text[m][1] = static_cast<char>('0' + digits[1]);
      text[m][2] = ':';
      text[m][3] = static_cast<char>('0' + digits[2]);
      text[m][4] = static_cast<char>('0' + digits[3]);
      text[m][5] = ':';
    }
  }
};
constexpr Minutes kMinutes;

// Writes the two digits of `v` (0..99) at `at`.
void put2(char* at, unsigned v) {
  std::memcpy(at, kTwoDigits.text + 2 * v, 2);
}

std::int64_t floor_days(std::int64_t seconds) {
  return seconds / 86400 - (seconds % 86400 < 0 ? 1 : 0);
}

// floor_days for an instant of years 0..9999 (a day either side): unsigned, as cheaper.
std::int64_t days_of(std::int64_t seconds) {
  constexpr std::int64_t kShift = 800000 * std::int64_t{86400};  // days past year -200
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(seconds + kShift) / 86400) - 800000;
}

// Writes YYYY-MM-DD of `days` since 1970 at `at`. REQUIRES: a year 0..9999.
void put_date(char* at, std::int64_t days) {
  const date::year_month_day ymd{date::sys_days{date::days{static_cast<int>(days)}}};
  const auto year = static_cast<unsigned>(int{ymd.year()});
  put2(at, year / 100);
  put2(at + 2, year % 100);
  at[4] = '-';
  put2(at + 5, unsigned{ymd.month()});
  at[7] = '-';
  put2(at + 8, unsigned{ymd.day()});
}

void append_integer(std::string& out, std::int64_t value) {
  char text[24];
  const char* end = std::to_chars(text, text + sizeof text, value).ptr;
  out.append(text, static_cast<std::size_t>(end - text));
}

// Appends a time as a JSON string: ISO 8601 needs no escaping.
void append_json_time(std::string& out, date::sys_seconds t, const Zone& zone) {
  out += '"';
  append_time(out, t, zone);
  out += '"';
}

// Appends --explain's days as a JSON array of segments.
void append_segments(std::string& out, const std::vector<DayTrace>& trace, const Zone& zone) {
  out += '[';
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const DayTrace& d = trace[i];
    out += i == 0 ? "{\"date\":\"" : ",{\"date\":\"";
    out += date::format("%F", d.day);
    out += "\",\"weekday\":\"";
    out += weekday_name(date::weekday{d.day});
    out += "\",\"closed\":";
    if (d.kind == DayTrace::Kind::kWeekend || d.kind == DayTrace::Kind::kHoliday) {
      append_json_string(out, d.kind == DayTrace::Kind::kHoliday
                                  ? d.holiday
                                  : weekday_full_name(date::weekday{d.day}));
      out += ",\"business_seconds\":0";
    } else {
      const bool paused = d.kind == DayTrace::Kind::kPaused;
      out += paused ? "null,\"paused\":true,\"begin\":" : "null,\"begin\":";
      append_json_time(out, d.begin, zone);
      out += ",\"end\":";
      append_json_time(out, d.end, zone);
      out += ",\"business_seconds\":";
      append_integer(out, paused ? 0 : d.counted.count());
      if (paused) {
        out += ",\"paused_business_seconds\":";
        append_integer(out, d.counted.count());
      }
    }
    out += ",\"running_total_seconds\":";
    append_integer(out, d.running_total.count());
    out += '}';
  }
  out += ']';
}

// Writes a line's pieces straight into the output, in room made ahead in one step: a line is
// some thirty small pieces, appending each to the string was a tenth of batch's time, and
// collecting them in a buffer of their own cost a copy of every line. The line goes at `end`
// of the output, whose bytes from there on are spare: a writer of many lines keeps them from
// line to line (RecordWriter::append), so that room is not made, and zeroed, for each.
//
// A line of few fields, each with a bounded piece, checks room once for them all: the buffer
// keeps `reserve` bytes past the end that room() checks against, which only fixed_room()
// hands out, so that every checked piece leaves room for all the bounded ones of the line.
class LineBuffer {
 public:
  // `room`: the bytes made ahead for a line, more as it needs them. `reserve`: the most the
  // line's fixed_room pieces hold together. `end` is moved past the line when the buffer goes.
  LineBuffer(std::string& out, std::size_t& end, std::size_t room, std::size_t reserve)
      : out_(out), base_(end), line_end_(end), reserve_(reserve) {
    if (out_.size() - base_ < room + reserve_) spare(room + reserve_);
    at_ = out_.data() + base_;
    end_ = out_.data() + out_.size() - reserve_;
  }
  ~LineBuffer() { line_end_ = size(); }
  LineBuffer(const LineBuffer&) = delete;
  LineBuffer& operator=(const LineBuffer&) = delete;

  // Returns where `n` bytes may be written, to be kept by commit.
  [[gnu::always_inline]] char* room(std::size_t n) {
    // Signed: bounded pieces may have gone past end_, into the reserve.
    if (end_ - at_ < static_cast<std::ptrdiff_t>(n)) make_room(n);
    return at_;
  }
  // Returns where `n` bytes of a bounded piece may be written, without a check: the line's
  // bounded pieces together fit in the reserve.
  [[gnu::always_inline]] char* fixed_room([[maybe_unused]] std::size_t n) {
#ifdef __SANITIZE_ADDRESS__
    // The string's spare bytes are not poisoned: the bound is checked here instead.
    if (at_ + n > out_.data() + out_.size()) std::abort();
#endif
    return at_;
  }
  // Keeps `n` bytes written where room() or fixed_room() said.
  void commit(std::size_t n) {
    at_ += n;
  }

  [[gnu::always_inline]] void put(std::string_view piece) {
    copy_small(room(piece.size()), piece.data(), piece.size());
    at_ += piece.size();
  }
  // Puts `piece` where `at` (room() or fixed_room() of its size) said.
  [[gnu::always_inline]] void put_at(char* at, std::string_view piece) {
    copy_small(at, piece.data(), piece.size());
    at_ += piece.size();
  }
  [[gnu::always_inline]] void put(std::string_view piece, char after) {
    char* const p = room(piece.size() + 1);
    copy_small(p, piece.data(), piece.size());
    p[piece.size()] = after;
    at_ += piece.size() + 1;
  }
  // Replaces the last byte put with `c`, or puts `c` if nothing was.
  void replace_last(char c) {
    if (mark() == 0) return put(std::string_view(&c, 1));
    at_[-1] = c;
  }
  // Calls `append` with the output, holding the line so far, to append to directly: for the
  // rare long piece.
  template <class F>
  void append_to_output(F&& append) {
    out_.resize(size());
    append(out_);
    const std::size_t used = out_.size();
    spare(used - base_ + reserve_);
    at_ = out_.data() + used;
    end_ = out_.data() + out_.size() - reserve_;
  }
  // Returns where a run of pieces begins.
  std::size_t mark() const {
    return size() - base_;
  }
  // Returns what was put since `mark`; valid until the next piece.
  std::string_view since(std::size_t mark) const {
    return std::string_view(out_.data() + base_ + mark, size() - base_ - mark);
  }

 private:
  // The output's size with the line as it stands.
  std::size_t size() const {
    return static_cast<std::size_t>(at_ - out_.data());
  }
  // Makes `room` spare bytes past base_, and up to kSpare as the output holds them without
  // growing: each byte of the output is then zeroed about once, not once a line, and only
  // storage about to be written is touched.
  void spare(std::size_t room) {
    constexpr std::size_t kSpare = 16 << 10;
    out_.resize(base_ + room);
    out_.resize(std::max(out_.size(), std::min(out_.capacity(), base_ + kSpare)));
  }
  // Makes room for `n` more bytes (and the reserve): twice the room so far, or what `n` needs.
  [[gnu::noinline]] void make_room(std::size_t n) {
    const std::size_t used = size();
    spare(std::max(2 * (out_.size() - base_), used - base_ + n + reserve_));
    at_ = out_.data() + used;
    end_ = out_.data() + out_.size() - reserve_;
  }
  // Most pieces are a few bytes: fixed-size copies that overlap cost less than a call to
  // memcpy.
  static void copy_small(char* to, const char* from, std::size_t n) {
    if (n > 16 && n <= 32) {
      std::memcpy(to, from, 16);
      std::memcpy(to + n - 16, from + n - 16, 16);
    } else if (n >= 8 && n <= 16) {
      std::memcpy(to, from, 8);
      std::memcpy(to + n - 8, from + n - 8, 8);
    } else if (n >= 4 && n < 8) {
      std::memcpy(to, from, 4);
      std::memcpy(to + n - 4, from + n - 4, 4);
    } else if (n < 4) {
      for (std::size_t i = 0; i < n; ++i) to[i] = from[i];
    } else {
      std::memcpy(to, from, n);
    }
  }
  std::string& out_;
  const std::size_t base_;  // where the line begins in the output
  std::size_t& line_end_;   // where the caller's text ends, moved past the line at the end
  const std::size_t reserve_;
  // Where the next piece goes, and the end of the room the output holds for the line, less
  // the reserve.
  char* at_ = nullptr;
  char* end_ = nullptr;
};

// The room made ahead for a line: a batch row is some 380 bytes of CSV, 900 of JSON.
constexpr std::size_t kRowRoom = 512, kJsonRoom = 1024;

// The longest field name.
constexpr std::size_t longest_name() {
  std::size_t most = 0;
  for (const auto& f : field_table::kFields<FieldSink>) most = std::max(most, f.name.size());
  return most;
}

// What a record's bounded pieces hold at most: for each field of the table, its JSON key
// (,"name": and an object's {) and a value of at most an instant's text in quotes (a count,
// a percentage, null or a boolean is shorter); and the object's start and end. A CSV field is
// a value and its separator, which is less.
constexpr std::size_t kFieldBound = longest_name() + 5 + TimeTextCache::kSize + 2;
static_assert(kIntegerSize + 1 <= TimeTextCache::kSize + 2 &&
                  kRealSize + 1 <= TimeTextCache::kSize + 2,
              "a field's bound holds a count and a percentage");
constexpr std::size_t kRecordReserve = field_table::kCount * kFieldBound + 8;

// A sink that writes into a line buffer. Bounded: the sink of a record's visit (at most the
// table's fields, each a value), with the caches of a writer of many rows, its bounded pieces
// in the line's reserve. Otherwise (any fields a visit gives, such as a holiday's) every piece
// is checked, and there are no caches.
template <bool kBounded>
class BufferedSink : public FieldSink {
 public:
  BufferedSink(std::string& out, std::size_t& end, std::size_t room, TimeTextCache* cache,
               CellRuns* runs)
      : line_(out, end, room, kBounded ? kRecordReserve : 0), cache_(cache), runs_(runs) {}
  bool begin_run(const CellKey& key) override {
    if (!kBounded) return false;
    if (const std::string* run = runs_->find(key)) {
      line_.put(*run);
      return true;
    }
    run_key_ = key;
    run_start_ = line_.mark();
    return false;
  }
  void end_run() override {
    if (kBounded) runs_->keep(run_key_, line_.since(run_start_));
  }

 protected:
  // Returns where a bounded piece of `n` bytes goes: unchecked where the sink is bounded.
  [[gnu::always_inline]] char* space(std::size_t n) {
    return kBounded ? line_.fixed_room(n) : line_.room(n);
  }
  [[gnu::always_inline]] void put_fixed(std::string_view piece) {
    line_.put_at(space(piece.size()), piece);
  }
  [[gnu::always_inline]] void put_fixed(char c) {
    *space(1) = c;
    line_.commit(1);
  }
  // Puts `value`, then `after` if not NUL.
  [[gnu::always_inline]] void put_integer(std::int64_t value, char after = '\0') {
    char* const p = space(kIntegerSize + 1);
    const std::size_t n = write_integer(p, value);
    p[n] = after;
    line_.commit(n + (after != '\0' ? 1 : 0));
  }
  [[gnu::always_inline]] void put_real(double value, char after = '\0') {
    char* const p = space(kRealSize + 1);
    const std::size_t n = write_real(p, value);
    p[n] = after;
    line_.commit(n + (after != '\0' ? 1 : 0));
  }
  // Puts `t` as text, then `after`.
  [[gnu::always_inline]] void put_time(date::sys_seconds t, const Zone& zone, bool utc,
                                       char after) {
    if (kBounded) {
      // Straight into the line, as nearly every instant can be.
      char* const p = line_.fixed_room(TimeTextCache::kSize + 1);
      if (const std::size_t n = cache_->write(p, t, zone, utc)) {
        p[n] = after;
        return line_.commit(n + 1);
      }
      line_.put(cache_->text(t, zone, utc), after);
    } else {
      line_.append_to_output(
          [&](std::string& out) { utc ? append_utc(out, t) : append_time(out, t, zone); });
      put_fixed(after);
    }
  }
  LineBuffer line_;
  TimeTextCache* cache_;

 private:
  CellRuns* runs_;
  CellKey run_key_;
  std::size_t run_start_ = 0;
};

// Bounded: a record's visit, whose names sit inside their keys (field_table::kKeyedName), as a
// record's visit hands them.
template <bool kBounded>
class JsonSink final : public BufferedSink<kBounded> {
  using Base = BufferedSink<kBounded>;
  using Base::line_;
  using Base::put_fixed;
  using Base::put_integer;
  using Base::put_real;
  using Base::put_time;

 public:
  JsonSink(std::string& out, std::size_t& end, TimeTextCache* cache, CellRuns* runs)
      : Base(out, end, kJsonRoom, cache, runs) {}
  void text(std::string_view name, std::string_view value) override {
    key(name);
    string(value);
  }
  void integer(std::string_view name, std::int64_t value) override {
    key(name);
    put_integer(value);
  }
  void real(std::string_view name, double value) override {
    key(name);
    put_real(value);
  }
  void null(std::string_view name) override {
    key(name);
    put_fixed("null");
  }
  void boolean(std::string_view name, bool value) override {
    key(name);
    value ? put_fixed("true") : put_fixed("false");  // each a piece of known length
  }
  void time(std::string_view name, date::sys_seconds t, const Zone& zone, bool utc) override {
    key(name);
    put_fixed('"');
    put_time(t, zone, utc, '"');
  }
  void changes(std::string_view name, const std::vector<PriorityChange>& changes,
               const Policy& policy, const Zone& zone) override {
    key(name);
    // Any number of changes: every piece checked.
    line_.put("[");
    for (std::size_t i = 0; i < changes.size(); ++i) {
      i == 0 ? line_.put("{\"at\":\"") : line_.put(",{\"at\":\"");
      line_.room(TimeTextCache::kSize + 1);  // checked too: the instant is then bounded
      put_time(changes[i].at, zone, false, '"');
      line_.put(",\"priority\":");
      string(policy.priorities[changes[i].priority].id);
      line_.put("}");
    }
    line_.put("]");
  }
  bool takes_explanation() const override { return true; }
  void segments(std::string_view name, const std::vector<DayTrace>& trace,
                const Zone& zone) override {
    key(name);
    line_.append_to_output([&](std::string& out) { append_segments(out, trace, zone); });
  }
  // Puts `text` before the object (a batch array's ",\n").
  void start(std::string_view text) { put_fixed(text); }
  // Closes the object, and the line if `line`.
  void close(bool line) {
    if (first_) put_fixed('{');
    line ? put_fixed("}\n") : put_fixed('}');
  }

 private:
  // Field names are plain (fields.cpp checks), so a key is written as it is.
  void key(std::string_view name) {
    if (kBounded) {
      // The key around the name: ," before it (" for the first field) and ": after it.
      if (first_) put_fixed('{');
      const std::size_t before = first_ ? 1 : 2;
      put_fixed(std::string_view(name.data() - before, name.size() + before + 2));
    } else {
      first_ ? line_.put("{\"") : line_.put(",\"");
      line_.put(name);
      line_.put("\":");
    }
    first_ = false;
  }
  void string(std::string_view value) {
    encode_json_string(value, [this](std::string_view piece) { line_.put(piece); });
  }
  bool first_ = true;
};

// Writes CSV (sep ',') or TSV (sep '\t') fields, each followed by its separator: the last one
// is then replaced by the line break (end_line), and no field asks whether it is the first.
template <bool kBounded>
class RowSink final : public BufferedSink<kBounded> {
  using Base = BufferedSink<kBounded>;
  using Base::cache_;
  using Base::line_;
  using Base::put_fixed;
  using Base::put_integer;
  using Base::put_real;
  using Base::put_time;

 public:
  // `list`, where bounded: a string kept from row to row, to build a list field in.
  RowSink(std::string& out, std::size_t& end, char sep, TimeTextCache* cache, CellRuns* runs,
          std::string* list = nullptr)
      : Base(out, end, kRowRoom, cache, runs), sep_(sep), list_(list) {}

  [[gnu::always_inline]] void text(std::string_view, std::string_view value) override {
    if (delimited_plain(value, sep_)) return line_.put(value, sep_);
    encode_delimited(value, sep_, [this](std::string_view piece) { line_.put(piece); });
    put_fixed(sep_);
  }
  [[gnu::always_inline]] void integer(std::string_view, std::int64_t value) override {
    put_integer(value, sep_);
  }
  void real(std::string_view, double value) override { put_real(value, sep_); }
  [[gnu::always_inline]] void null(std::string_view) override { put_fixed(sep_); }
  void boolean(std::string_view, bool value) override {
    // "true" and "false" need no quoting
    value ? put_fixed("true") : put_fixed("false");
    put_fixed(sep_);
  }
  // Most tickets have none: an empty field, inline, without building the list.
  [[gnu::always_inline]] void changes(std::string_view name,
                                      const std::vector<PriorityChange>& changes,
                                      const Policy& policy, const Zone& zone) override {
    if (changes.empty()) return put_fixed(sep_);
    changes_list(name, changes, policy, zone);
  }
  [[gnu::always_inline]] void time(std::string_view, date::sys_seconds t, const Zone& zone,
                                   bool utc) override {
    put_time(t, zone, utc, sep_);  // ISO 8601 needs no quoting or escaping
  }
  // Ends the line: its last field's separator becomes the line break.
  void end_line() { line_.replace_last('\n'); }

 private:
  // The list of a ticket that has changes, built in list_ with times from the cache.
  [[gnu::noinline]] void changes_list(std::string_view name,
                                      const std::vector<PriorityChange>& changes,
                                      const Policy& policy, const Zone& zone) {
    if (!kBounded || list_ == nullptr) return FieldSink::changes(name, changes, policy, zone);
    list_->clear();
    this->append_changes(*list_, changes, policy,
                         [&](date::sys_seconds t) { return cache_->text(t, zone, false); });
    text(name, *list_);
  }
  char sep_;
  std::string* list_;
};

std::size_t hash_of(const CellKey& key) {
  const auto pointers = reinterpret_cast<std::uintptr_t>(key.policy) ^
                        reinterpret_cast<std::uintptr_t>(key.zone) >> 3;
  const std::size_t parts = ((key.priority * 31 + key.tier) * 31 + key.calendar) * 31 + key.field;
  return (pointers >> 4) + parts * 0x9E3779B1;
}

}  // namespace

std::size_t TimeTextCache::slot(std::int64_t number, const Zone& zone, bool utc) const {
  const std::size_t hash = static_cast<std::size_t>(number) * 2 + (utc ? 1 : 0) +
                           (reinterpret_cast<std::uintptr_t>(&zone) >> 4) * 0x9E37;
  return hash & days_mask_;
}

// The lookup inline, the filling of a missed day out of line: a hit is then a few
// instructions, not a call that saves every register the filling needs.
inline const TimeTextCache::Day& TimeTextCache::day(std::int64_t t, const Zone& zone, bool utc) {
  if (!days_.empty()) {
    const Day& found = days_[slot(days_of(t), zone, utc)];
    if (found.form == form_of(zone, utc) && found.from <= t && t < found.until) return found;
  }
  return fill(t, zone, utc);
}

[[gnu::noinline]] TimeTextCache::Day& TimeTextCache::fill(std::int64_t t, const Zone& zone,
                                                          bool utc) {
  if (days_.empty()) days_.resize(kFirstDays);
  const std::int64_t number = days_of(t);
  if (++misses_ > 2 * days_.size() && days_.size() < kDays) {
    days_.assign(days_.size() * 4, Day{});
    misses_ = 0;
  }
  days_mask_ = days_.size() - 1;
  Day& d = days_[slot(number, zone, utc)];
  d.form = form_of(zone, utc);
  const std::int64_t start = number * 86400;
  if (utc) {
    d.from = start;
    d.until = start + 86400;
    d.offset = 0;
    d.offset_text[0] = 'Z';
    d.offset_size = 1;
  } else {
    // The day's start, if the offset holds from there to `t`; else from `t` on.
    date::sys_seconds until;
    ZoneOffset offset = zone.offset_until(date::sys_seconds{std::chrono::seconds{start}}, until);
    d.from = start;
    if (until.time_since_epoch().count() <= t) {
      offset = zone.offset_until(date::sys_seconds{std::chrono::seconds{t}}, until);
      d.from = t;
    }
    d.until = std::min(until.time_since_epoch().count(), start + 86400);
    d.offset = offset.utc_offset.count();
    // As append_time writes it: ±HH:MM, and :SS where the offset has seconds.
    const auto magnitude = static_cast<unsigned>(d.offset < 0 ? -d.offset : d.offset);
    char* p = d.offset_text.data();
    p[0] = d.offset < 0 ? '-' : '+';
    put2(p + 1, magnitude / 3600 % 100);
    p[3] = ':';
    put2(p + 4, magnitude / 60 % 60);
    p[6] = ':';
    put2(p + 7, magnitude % 60);
    d.offset_size = magnitude % 60 == 0 ? 6 : 9;
  }
  // The stretch is at most a day long, so its wall times fall on two local days at most.
  const std::int64_t local_day = floor_days(d.from + d.offset);
  d.local_start = local_day * 86400;
  put_date(d.dates.data(), local_day);
  put_date(d.dates.data() + 10, local_day + 1);
  return d;
}

[[gnu::always_inline]] inline std::size_t TimeTextCache::write(char* out, date::sys_seconds t,
                                                               const Zone& zone, bool utc) {
  const std::int64_t s = t.time_since_epoch().count();
  // A row's instants repeat one before (its deadline is its original deadline, its clock
  // often starts when it was submitted), and the pinned one in every row.
  const bool pinned = s == pinned_.t;
  const Kept& known = pinned ? pinned_ : last_;
  if (known.t == s && known.form == form_of(zone, utc)) {
    std::memcpy(out, known.text.data(), kSize);
    return known.size;
  }
  const std::size_t n = compose(out, s, zone, utc);
  // In UTC, a row has one instant (its deadline): last_ keeps the one before it in `zone`.
  if (n > 0 && (pinned || !utc)) {
    Kept& kept = pinned ? pinned_ : last_;
    kept.t = s;
    kept.form = form_of(zone, utc);
    kept.size = static_cast<std::uint8_t>(n);
    std::memcpy(kept.text.data(), out, kSize);
  }
  return n;
}

[[gnu::always_inline]] inline std::size_t TimeTextCache::compose(char* out, std::int64_t s,
                                                                 const Zone& zone, bool utc) {
  constexpr std::int64_t kYear0 = -62167219200, kYear10000 = 253402300800;  // Unix seconds
  // Past years 0..9999 (and their offsets) the general writer says what happens.
  constexpr std::int64_t kFirst = kYear0 + 86400, kLast = kYear10000 - 86400;
  // One unsigned comparison (in unsigned arithmetic, which wraps where signed would overflow).
  if (static_cast<std::uint64_t>(s) - static_cast<std::uint64_t>(kFirst) >=
      static_cast<std::uint64_t>(kLast - kFirst)) {
    return 0;
  }
  const Day& d = day(s, zone, utc);
  // The stretch is at most a day, so its wall times are on its first local day or the next.
  auto second = static_cast<unsigned>(s + d.offset - d.local_start);
  const bool next_day = second >= 86400;
  second -= next_day ? 86400 : 0;
  std::memcpy(out, d.dates.data() + (next_day ? 10 : 0), 10);
  out[10] = 'T';
  const unsigned minute = second / 60;
  std::memcpy(out + 11, kMinutes.text[minute], 8);  // HH:MM: and two bytes written over
  put2(out + 17, second - minute * 60);
  std::memcpy(out + 19, d.offset_text.data(), d.offset_text.size());
  return 19 + std::size_t{d.offset_size};
}

std::string_view TimeTextCache::text(date::sys_seconds t, const Zone& zone, bool utc) {
  if (const std::size_t n = write(text_.data(), t, zone, utc)) return {text_.data(), n};
  scratch_.clear();
  utc ? append_utc(scratch_, t) : append_time(scratch_, t, zone);
  return scratch_;
}

const std::string* CellRuns::find(const CellKey& key) const {
  if (entries_.empty()) return nullptr;
  const Entry& e = entries_[hash_of(key) & (kEntries - 1)];
  return e.used && e.key == key ? &e.text : nullptr;
}

void CellRuns::keep(const CellKey& key, std::string_view text) {
  if (entries_.empty()) entries_.resize(kEntries);
  Entry& e = entries_[hash_of(key) & (kEntries - 1)];
  e.key = key;
  e.used = true;
  e.text.assign(text.data(), text.size());
}

RecordWriter::RecordWriter(Output form, FieldSet set, const OutputTemplate* format, TextStyle style)
    : form_(form), set_(set), format_(format), style_(style) {}

void RecordWriter::begin(std::string& out) const {
  if (format_ != nullptr) return;
  if (form_ == Output::kCsv || form_ == Output::kTsv) {
    append_header(out, field_names(set_), form_ == Output::kCsv ? ',' : '\t');
  } else if (set_ == FieldSet::kBatch && form_ == Output::kJson) {
    out += '[';
  } else if (set_ == FieldSet::kBatch && form_ == Output::kText) {
    out += table_header();
  }
}

void RecordWriter::write(std::string& out, const Record& record, const Zone& display) {
  std::size_t end = out.size();
  append(out, end, record, display);
  out.resize(end);
}

void RecordWriter::append(std::string& out, std::size_t& end, const Record& record,
                          const Zone& display) {
  const bool batch = set_ == FieldSet::kBatch;
  if (form_ == Output::kCsv || form_ == Output::kTsv) {
    if (format_ == nullptr) {
      RowSink<true> sink(out, end, form_ == Output::kCsv ? ',' : '\t', &times_, &runs_, &list_);
      field_table::visit(record, display, sink);
      sink.end_line();
      return;  // the sink moves `end` past the line when it goes
    }
  } else if (form_ == Output::kJson || form_ == Output::kJsonl) {
    if (format_ == nullptr) {
      JsonSink<true> sink(out, end, &times_, &runs_);
      if (batch && form_ == Output::kJson) sink.start(",\n");
      field_table::visit(record, display, sink);
      sink.close(!batch || form_ == Output::kJsonl);
      return;  // as above
    }
  }
  // The rest appends to the text as it stands.
  out.resize(end);
  if (format_ != nullptr) {
    try {
      format_->append(out, record, display);
    } catch (const InputError&) {
      out.resize(end);
      throw;
    }
  } else if (batch) {
    append_table_row(out, record, display);
  } else {
    const Result& r = *record.result;
    out += render_result_text(r, record.set == FieldSet::kCheck, style_);
    if (record.trace != nullptr) {
      out += '\n';
      out += render_trace_text(*record.trace, {record.trace_zone, r.day(), r.ticket.wall_zone, &r});
    }
  }
  end = out.size();
}

void RecordWriter::end(std::string& out, std::int64_t records) const {
  if (format_ == nullptr && set_ == FieldSet::kBatch && form_ == Output::kJson) {
    out += records > 0 ? "\n]\n" : "]\n";
  }
}

void append_header(std::string& out, const std::vector<std::string_view>& names, char sep) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += sep;
    out += names[i];
  }
  out += '\n';
}

void append_json(std::string& out, const FieldVisit& visit) {
  std::size_t end = out.size();
  {
    JsonSink<false> sink(out, end, nullptr, nullptr);
    visit(sink);
    sink.close(false);
  }
  out.resize(end);
}

void append_row(std::string& out, const FieldVisit& visit, char sep) {
  std::size_t end = out.size();
  {
    RowSink<false> sink(out, end, sep, nullptr, nullptr);
    visit(sink);
    sink.end_line();
  }
  out.resize(end);
}

}  // namespace sla
