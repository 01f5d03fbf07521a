// The record writer: results (and listings) in every output form, for one ticket or a batch.
#pragma once

#include "fields.hpp"
#include "output_template.hpp"
#include "report.hpp"
#include "zone.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sla {

// The output forms; a command takes some of them (toml is the policy's only).
enum class Output { kText, kJson, kJsonl, kCsv, kTsv, kToml };

// Writes instants as text for writers of many rows: the offset of each zone's UTC day is
// looked up once, and the text put together from digits.
class TimeTextCache {
 public:
  // Returns `t` as append_time (in `zone`) or append_utc would write it. Valid until the next
  // call.
  std::string_view text(date::sys_seconds t, const Zone& zone, bool utc);

  // Writes `t` as text() returns it at `out`, which has kSize bytes, and returns the length;
  // or returns 0, having written nothing, for an instant outside years 0..9999 (text() then).
  static constexpr std::size_t kSize = 32;
  std::size_t write(char* out, date::sys_seconds t, const Zone& zone, bool utc);

  // Says that `t` recurs in many records (a batch's `now`): its text is kept once written.
  void pin(date::sys_seconds t) { pinned_.t = t.time_since_epoch().count(); }

 private:
  // What an instant is written in: the zone's address, its lowest bit set for UTC (a Zone is
  // aligned to more than one byte); one word, so that a lookup compares it once.
  static std::uintptr_t form_of(const Zone& zone, bool utc) {
    static_assert(alignof(Zone) > 1, "a zone's address leaves its lowest bit for UTC");
    return reinterpret_cast<std::uintptr_t>(&zone) | (utc ? 1 : 0);
  }
  // An instant, and its text as last written: the pinned one, and the last one composed.
  struct Kept {
    std::int64_t t = INT64_MIN;  // INT64_MIN: none
    std::uintptr_t form = 0;     // 0: not written yet
    std::uint8_t size = 0;
    std::array<char, kSize> text{};
  };
  std::size_t compose(char* out, std::int64_t t, const Zone& zone, bool utc);
  // A stretch of one UTC day in which `zone`'s offset is `offset`: [from, until).
  struct Day {
    std::uintptr_t form = 0;  // 0: empty
    std::int64_t from = 0, until = 0;
    std::int64_t offset = 0;
    std::uint8_t offset_size = 0;
    std::array<char, 9> offset_text{};  // "Z", "-05:00" or "+00:19:32"
    std::int64_t local_start = 0;       // the start of the local day at `from`, as seconds
    std::array<char, 20> dates{};       // "YYYY-MM-DD" of that day and the next
  };
  // Returns the stretch that holds `t`, filled anew if the table does not hold it.
  const Day& day(std::int64_t t, const Zone& zone, bool utc);
  Day& fill(std::int64_t t, const Zone& zone, bool utc);
  std::size_t slot(std::int64_t number, const Zone& zone, bool utc) const;  // days_'s index

  // By UTC day and zone: 64 at first, as a single ticket's writer writes a few times, and up
  // to kDays (some five years of one zone shown in it and in UTC) as misses show more in use.
  // Powers of two: slots are masked.
  static constexpr std::size_t kFirstDays = 64, kDays = 4096;
  std::vector<Day> days_;
  std::size_t days_mask_ = 0;  // days_.size() - 1, kept (a size of Days is a division)
  std::size_t misses_ = 0;     // since days_ was last sized
  Kept pinned_, last_;
  std::array<char, kSize> text_{};
  std::string scratch_;
};

// The runs of fields a writer has written, by CellKey (see fields.hpp).
class CellRuns {
 public:
  // Returns the run written under `key`, or null.
  const std::string* find(const CellKey& key) const;
  // Keeps `text` as the run of `key`.
  void keep(const CellKey& key, std::string_view text);

 private:
  struct Entry {
    CellKey key;
    bool used = false;
    std::string text;
  };
  static constexpr std::size_t kEntries = 64;  // a power of two: masked
  std::vector<Entry> entries_;                 // none, or kEntries by a hash of the key
};

// Writes records in one output form. A batch writer (records of FieldSet::kBatch) writes a
// CSV/TSV header, JSON as one array (each record after ",\n"; see begin) or a table for
// people; a single ticket's writer writes its header and one record.
class RecordWriter {
 public:
  // `form` is one of text, json, jsonl, csv, tsv; `format`, if not null, overrides it (--format)
  // and outlives the writer. `style` shows a single ticket as text.
  RecordWriter(Output form, FieldSet set, const OutputTemplate* format = nullptr,
               TextStyle style = {});

  // Appends what comes before the records: a CSV/TSV header, "[" for a batch's JSON, the
  // table's header line.
  void begin(std::string& out) const;

  // Appends `record` (of the writer's set), times in `display`, ending with a newline; in a
  // batch's JSON it comes after ",\n" (the writer of the whole drops the first comma). Throws
  // InputError if the template cannot show the record, having appended nothing.
  void write(std::string& out, const Record& record, const Zone& display);

  // Writes `record` as write() appends it, at `end` of `out`, whose bytes from `end` on are
  // spare, and moves `end` past it; `out` may be left with more spare bytes, to be cut off
  // (out.resize(end)) when the last record is written. For a writer of many records: room is
  // then made for a few, not for each. Throws as write() does, `end` unmoved.
  void append(std::string& out, std::size_t& end, const Record& record, const Zone& display);

  // Appends what comes after `records` records: "]" for a batch's JSON.
  void end(std::string& out, std::int64_t records) const;

  // Says that the instant `t` recurs in many records (a batch's `now`): its text is kept.
  void pin(date::sys_seconds t) { times_.pin(t); }

 private:
  Output form_;
  FieldSet set_;
  const OutputTemplate* format_;
  TextStyle style_;
  TimeTextCache times_;
  CellRuns runs_;
  std::string list_;  // a list field of CSV or TSV, built from row to row
};

// Appends the header line of `names` for CSV (sep ',') or TSV (sep '\t'), with "\n".
void append_header(std::string& out, const std::vector<std::string_view>& names, char sep);

// Appends the fields `visit` gives as one JSON object (no newline).
void append_json(std::string& out, const FieldVisit& visit);

// Appends the fields `visit` gives as one CSV or TSV line, with "\n".
void append_row(std::string& out, const FieldVisit& visit, char sep);

}  // namespace sla
