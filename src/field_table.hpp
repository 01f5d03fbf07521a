// The field table: every field's name, group and how it is written, for sinks of any type
// (a final sink's calls are then direct). Included by fields.cpp and the record writer.
#pragma once

#include "fields.hpp"
#include "time_text.hpp"

#include <cstddef>
#include <vector>

namespace sla::field_table {

// Where a field appears: kRow and kError in batch only, kDue everywhere, kCheck in check and
// batch, kExplain in due and check with --explain.
enum class Group : std::uint8_t { kRow, kDue, kCheck, kError, kExplain };

// One field: its name, group, whether it belongs to a run that a CellKey decides, and how it
// is written into a sink of type S (called only when the record has what the group needs).
template <class S>
struct Field {
  std::string_view name;
  Group group;
  bool per_cell;
  void (*write)(const Record& rec, const Zone& zone, S& sink, std::string_view name);
};

inline const Result& res(const Record& rec) {
  return *rec.result;
}
inline const CheckState& state(const Record& rec) {
  return *rec.result->check;
}

using Z = Zone;
using N = std::string_view;

// Every field, in output order, written into a sink of type S. JSON writes the names as keys
// unescaped: they are plain (fields.cpp checks).
template <class S>
inline constexpr Field<S> kFields[] = {
    {"id", Group::kRow, false, [](const Record& r, const Z&, S& s, N n) { s.text(n, r.id); }},
    {"line", Group::kRow, false,
     [](const Record& r, const Z&, S& s, N n) { s.integer(n, r.line); }},
    {"submitted", Group::kDue, false,
     [](const Record& r, const Z& z, S& s, N n) { s.time(n, res(r).ticket.submitted, z, false); }},
    {"priority", Group::kDue, true,
     [](const Record& r, const Z&, S& s, N n) { s.text(n, res(r).priority_level().id); }},
    {"priority_name", Group::kDue, true,
     [](const Record& r, const Z&, S& s, N n) { s.text(n, res(r).priority_level().name); }},
    {"tier", Group::kDue, true,
     [](const Record& r, const Z&, S& s, N n) { s.text(n, res(r).tier().id); }},
    {"target", Group::kDue, true,
     [](const Record& r, const Z&, S& s, N n) { s.text(n, res(r).cell().target.label()); }},
    {"target_business_seconds", Group::kDue, true,
     [](const Record& r, const Z&, S& s, N n) { s.integer(n, res(r).target.count()); }},
    {"clock_start", Group::kDue, false,
     [](const Record& r, const Z& z, S& s, N n) { s.time(n, res(r).clock_start, z, false); }},
    {"deadline", Group::kDue, false,
     [](const Record& r, const Z& z, S& s, N n) { s.time(n, res(r).deadline, z, false); }},
    {"deadline_utc", Group::kDue, false,
     [](const Record& r, const Z& z, S& s, N n) { s.time(n, res(r).deadline, z, true); }},
    {"follow_up", Group::kDue, true,
     [](const Record& r, const Z&, S& s, N n) { s.text(n, res(r).priority_level().follow_up); }},
    {"time_zone", Group::kDue, true,
     [](const Record&, const Z& z, S& s, N n) { s.text(n, z.name()); }},
    {"policy", Group::kDue, true,
     [](const Record& r, const Z&, S& s, N n) { s.text(n, res(r).policy->name); }},
    {"policy_effective", Group::kDue, true,
     [](const Record& r, const Z&, S& s, N n) {
       // Once a cell in batch: its run of fields is kept as written.
       const auto& effective = res(r).policy->effective;
       effective ? s.text(n, date::format("%F", *effective)) : s.null(n);
     }},
    {"calendar", Group::kDue, true,
     [](const Record& r, const Z&, S& s, N n) { s.text(n, res(r).calendar_terms().name); }},
    {"original_priority", Group::kDue, false,
     [](const Record& r, const Z&, S& s, N n) { s.text(n, res(r).original_priority().id); }},
    {"reclassifications", Group::kDue, false,
     [](const Record& r, const Z& z, S& s, N n) {
       s.changes(n, res(r).ticket.reclassified, *res(r).policy, z);
     }},
    {"original_deadline", Group::kDue, false,
     [](const Record& r, const Z& z, S& s, N n) { s.time(n, res(r).original_deadline, z, false); }},
    {"now", Group::kCheck, false,
     [](const Record& r, const Z& z, S& s, N n) { s.time(n, state(r).now, z, false); }},
    {"status", Group::kCheck, false,
     [](const Record& r, const Z&, S& s, N n) { s.text(n, status_name(state(r).status)); }},
    {"elapsed_business_seconds", Group::kCheck, false,
     [](const Record& r, const Z&, S& s, N n) { s.integer(n, state(r).elapsed.count()); }},
    {"remaining_business_seconds", Group::kCheck, false,
     [](const Record& r, const Z&, S& s, N n) { s.integer(n, state(r).remaining.count()); }},
    {"overdue_seconds", Group::kCheck, false,
     [](const Record& r, const Z&, S& s, N n) { s.integer(n, state(r).overdue.count()); }},
    {"percent_elapsed", Group::kCheck, false,
     [](const Record& r, const Z&, S& s, N n) { s.real(n, state(r).percent_elapsed); }},
    {"responded", Group::kCheck, false,
     [](const Record& r, const Z& z, S& s, N n) {
       const std::optional<date::sys_seconds>& responded = res(r).ticket.responded;
       responded ? s.time(n, *responded, z, false) : s.null(n);
     }},
    {"response_business_seconds", Group::kCheck, false,
     [](const Record& r, const Z&, S& s, N n) {
       const std::optional<std::chrono::seconds>& taken = state(r).response_business;
       taken ? s.integer(n, taken->count()) : s.null(n);
     }},
    {"paused_business_seconds", Group::kCheck, false,
     [](const Record& r, const Z&, S& s, N n) { s.integer(n, state(r).paused.count()); }},
    {"breached_on_reclassification", Group::kCheck, false,
     [](const Record& r, const Z&, S& s, N n) {
       s.boolean(n, res(r).breached_on_reclassification);
     }},
    {"error", Group::kError, false,
     [](const Record& r, const Z&, S& s, N n) {
       r.error.empty() ? s.null(n) : s.text(n, r.error);
     }},
    {"read_in", Group::kExplain, false,
     [](const Record& r, const Z&, S& s, N n) {
       if (res(r).ticket.wall_zone != nullptr) s.text(n, res(r).ticket.wall_zone->name());
     }},
    {"segments", Group::kExplain, false,
     [](const Record& r, const Z& z, S& s, N n) { s.segments(n, *r.trace, z); }},
};

inline constexpr std::size_t kCount = sizeof kFields<FieldSink> / sizeof kFields<FieldSink>[0];

// The fields of one set, in order, with where runs of per-cell fields begin and end.
struct Step {
  std::size_t field;  // index into kFields
  Group group;
  bool run_begins, run_ends;
  std::size_t run_length;  // at a run's first step: the steps it holds
};

// Returns the steps of `set`.
const std::vector<Step>& plan(FieldSet set);

// Calls `sink` once per field of `record`, as visit_fields does.
template <class S>
void visit(const Record& record, const Zone& display, S& sink) {
  // Which groups the record has: a batch row in error has no result, a due no check.
  const bool due = record.result != nullptr;
  const bool check = due && record.result->check.has_value();
  const bool explain = due && record.trace != nullptr && sink.takes_explanation();
  const std::vector<Step>& steps = plan(record.set);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const Step& step = steps[i];
    const Field<S>& f = kFields<S>[step.field];
    const bool present = step.group == Group::kDue       ? due
                         : step.group == Group::kCheck   ? check
                         : step.group == Group::kExplain ? explain
                                                         : true;
    if (!present) {
      if (step.group == Group::kExplain) continue;
      // A row without a result still says its status.
      if (f.name == "status" && !record.status.empty()) {
        sink.text(f.name, record.status);
      } else {
        sink.null(f.name);
      }
      continue;
    }
    if (step.run_begins) {
      const Result& r = *record.result;
      if (sink.begin_run({r.policy, r.priority, r.ticket.tier, r.calendar, &display, step.field})) {
        i += step.run_length - 1;
        continue;
      }
    }
    f.write(record, display, sink, f.name);
    if (step.run_ends) sink.end_run();
  }
}

}  // namespace sla::field_table
