// The named fields of a result, and the machine formats built on them: JSON, CSV, TSV.
#pragma once

#include "evaluate.hpp"
#include "zone.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sla {

// Which command's fields: due has the fewest, check adds its state, batch adds id/line/error.
enum class FieldSet { kDue, kCheck, kBatch };

// One output record: a result (absent for a batch row in error) and the batch row's extras.
struct Record {
  FieldSet set = FieldSet::kDue;
  const Result* result = nullptr;
  std::string_view id;
  std::int64_t line = 0;
  std::string_view error;
};

// Receives the fields of a record in output order.
class FieldSink {
 public:
  virtual ~FieldSink() = default;
  virtual void text(std::string_view name, std::string_view value) = 0;
  virtual void integer(std::string_view name, std::int64_t value) = 0;
  virtual void real(std::string_view name, double value) = 0;
  virtual void null(std::string_view name) = 0;
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

// Appends one JSON object (no newline).
void append_json(std::string& out, const Record& record, const Zone& display);

// Appends the header line of `set` for CSV (sep ',') or TSV (sep '\t'), with "\n".
void append_header(std::string& out, FieldSet set, char sep);

// Appends one CSV (RFC 4180 quoting) or TSV (\t \n \r \\ escaped) line, with "\n".
void append_row(std::string& out, const Record& record, const Zone& display, char sep);

}  // namespace sla
