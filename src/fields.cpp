// The field table, and the visit that hands a record's fields to a sink.
#include "fields.hpp"

#include "field_table.hpp"
#include "json_text.hpp"
#include "time_text.hpp"

#include <cstring>

namespace sla {
namespace {

using field_table::Field;
using field_table::Group;
using field_table::kFields;
using field_table::Step;

constexpr bool plain_names() {
  for (const Field<FieldSink>& f : kFields<FieldSink>) {
    if (!json_plain(f.name)) return false;
  }
  return true;
}
static_assert(plain_names(), "field names are written as JSON keys without escaping");

template <FieldSet Set>
std::vector<std::string_view> names_of() {
  std::vector<std::string_view> names;
  for (const Step& step : field_table::kSteps<Set>) {
    if (step.group != Group::kExplain) names.push_back(kFields<FieldSink>[step.field].name);
  }
  return names;
}

}  // namespace

void FieldSink::time(std::string_view name, date::sys_seconds t, const Zone& zone, bool utc) {
  scratch_.clear();
  utc ? append_utc(scratch_, t) : append_time(scratch_, t, zone);
  text(name, scratch_);
}

void FieldSink::changes(std::string_view name, const std::vector<PriorityChange>& changes,
                        const Policy& policy, const Zone& zone) {
  std::string list, time;
  append_changes(list, changes, policy, [&](date::sys_seconds t) -> std::string_view {
    time.clear();
    append_time(time, t, zone);
    return time;
  });
  text(name, list);
}

void FieldSink::segments(std::string_view, const std::vector<DayTrace>&, const Zone&) {}

bool FieldSink::begin_run(const CellKey&) {
  return false;
}

const std::vector<std::string_view>& field_names(FieldSet set) {
  static const std::vector<std::string_view> kDue = names_of<FieldSet::kDue>();
  static const std::vector<std::string_view> kCheck = names_of<FieldSet::kCheck>();
  static const std::vector<std::string_view> kBatch = names_of<FieldSet::kBatch>();
  return set == FieldSet::kDue ? kDue : set == FieldSet::kCheck ? kCheck : kBatch;
}

void visit_fields(const Record& record, const Zone& display, FieldSink& sink) {
  field_table::visit(record, display, sink);
}

void append_real(std::string& out, double value) {
  char text[kRealSize];
  out.append(text, write_real(text, value));
}

}  // namespace sla
