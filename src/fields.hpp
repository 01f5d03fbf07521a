// The named fields of a result, and the machine formats built on them: JSON, CSV, TSV.
#pragma once

#include "evaluate.hpp"
#include "zone.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sla {

// Which command's fields: due has the fewest, check adds its state, batch adds id/line/error.
enum class FieldSet { kDue, kCheck, kBatch };

// One output record: a result (absent for a batch row in error or not covered) and the batch
// row's extras.
struct Record {
  FieldSet set = FieldSet::kDue;
  const Result* result = nullptr;
  std::string_view id;
  std::int64_t line = 0;
  std::string_view error;
  std::string_view status;  // without a result: the row's status, "error" or "not_covered"
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

 protected:
  std::string scratch_;  // reused by time() so that rows allocate nothing
};

// Remembers the last few instants written as text, for writers of many rows: in a batch,
// `now` is the same on every row and clock_start is mostly the submission time.
class TimeTextCache {
 public:
  // Returns `t` as append_time (in `zone`) or append_utc would write it, from the cache if it
  // can. Valid until the next call.
  std::string_view text(date::sys_seconds t, const Zone& zone, bool utc);

 private:
  struct Entry {
    date::sys_seconds t{};
    const Zone* zone = nullptr;  // null: empty entry
    bool utc = false;
    std::uint64_t used = 0;
    std::uint8_t size = 0;
    std::array<char, 32> text{};
  };
  Entry entries_[8];  // a row shows up to six instants: now stays among them
  std::uint64_t clock_ = 0;
  std::string scratch_;
};

// Returns the field names of `set`, in output order.
const std::vector<std::string_view>& field_names(FieldSet set);

// Calls `sink` once per field of `record`, in field_names order; times in `display`.
// Fields a record lacks (a batch row in error, a check without a response) come as null.
void visit_fields(const Record& record, const Zone& display, FieldSink& sink);

// Appends `value` as a JSON string literal; invalid UTF-8 becomes U+FFFD.
void append_json_string(std::string& out, std::string_view value);

// Appends `value` with two digits after the point, as JSON and CSV print percentages.
void append_real(std::string& out, double value);

// Appends one JSON object (no newline). `cache`, if given, speeds up repeated instants.
void append_json(std::string& out, const Record& record, const Zone& display,
                 TimeTextCache* cache = nullptr);

// Appends the header line of `set` for CSV (sep ',') or TSV (sep '\t'), with "\n".
void append_header(std::string& out, FieldSet set, char sep);

// Hands the fields of something other than a ticket (a holiday) to a sink, in order.
using FieldVisit = std::function<void(FieldSink&)>;

// Appends the header line of `names`, as append_header does.
void append_header(std::string& out, const std::vector<std::string_view>& names, char sep);

// Appends the fields `visit` gives as one JSON object (no newline).
void append_json(std::string& out, const FieldVisit& visit);

// Appends the fields `visit` gives as one CSV or TSV line, as append_row does.
void append_row(std::string& out, const FieldVisit& visit, char sep);

// Appends one CSV (RFC 4180 quoting) or TSV (\t \n \r \\ escaped) line, with "\n".
// `cache`, if given, speeds up repeated instants.
void append_row(std::string& out, const Record& record, const Zone& display, char sep,
                TimeTextCache* cache = nullptr);

}  // namespace sla
