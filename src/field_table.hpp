// The field table: every field's name, group and how it is written, for sinks of any type
// (a final sink's calls are then direct). Included by fields.cpp and the record writer.
#pragma once

#include "fields.hpp"
#include "time_text.hpp"

#include <array>
#include <cstddef>
#include <utility>

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

// The number of fields. The table's bound is given (and checked below): one of unknown bound
// cannot be indexed in a constant expression before it is instantiated, as a visit's steps
// index it.
inline constexpr std::size_t kCount = 32;

// Every field, in output order, written into a sink of type S. JSON writes the names as keys
// unescaped: they are plain (fields.cpp checks).
template <class S>
inline constexpr Field<S> kFields[kCount] = {
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

// Every field of the bound is given: one left out would have no name (nor a writer; a function
// pointer is not compared in a constant expression under the sanitizers).
constexpr bool all_given() {
  for (const Field<FieldSink>& f : kFields<FieldSink>) {
    if (f.name.empty()) return false;
  }
  return true;
}
static_assert(all_given(), "kCount is the number of fields in kFields");

// Field F's key as JSON writes it after another field: ,"name":
template <std::size_t F>
struct Key {
  static constexpr std::string_view kName = kFields<FieldSink>[F].name;
  static constexpr std::array<char, kName.size() + 4> kText = [] {
    std::array<char, kName.size() + 4> text{};
    text[0] = ',';
    text[1] = '"';
    for (std::size_t i = 0; i < kName.size(); ++i) text[i + 2] = kName[i];
    text[kName.size() + 2] = '"';
    text[kName.size() + 3] = ':';
    return text;
  }();
};

// Field F's name as a visit hands it to sinks: inside its key, so that its bytes are preceded
// by ," and followed by ": (a JSON writer writes the key from the name without looking it up).
template <std::size_t F>
inline constexpr std::string_view kKeyedName{Key<F>::kText.data() + 2, Key<F>::kName.size()};

// Whether fields of `group` are in `set`.
constexpr bool in_set(Group group, FieldSet set) {
  switch (group) {
    case Group::kRow:
    case Group::kError:
      return set == FieldSet::kBatch;
    case Group::kDue:
      return true;
    case Group::kCheck:
      return set != FieldSet::kDue;
    case Group::kExplain:
      return set != FieldSet::kBatch;
  }
  return false;
}

// The fields of one set, in order, with where runs of per-cell fields begin and end.
struct Step {
  std::size_t field;  // index into kFields
  Group group;
  bool run_begins, run_ends;
  std::size_t run_length;  // at a run's first step: the steps it holds
};

constexpr std::size_t count_of(FieldSet set) {
  std::size_t n = 0;
  for (const Field<FieldSink>& f : kFields<FieldSink>)
    if (in_set(f.group, set)) ++n;
  return n;
}

template <FieldSet Set>
constexpr std::array<Step, count_of(Set)> steps_of() {
  std::array<Step, count_of(Set)> steps{};
  std::size_t n = 0;
  for (std::size_t f = 0; f < kCount; ++f) {
    if (in_set(kFields<FieldSink>[f].group, Set))
      steps[n++] = {f, kFields<FieldSink>[f].group, false, false, 0};
  }
  auto per_cell = [&](std::size_t i) { return kFields<FieldSink>[steps[i].field].per_cell; };
  for (std::size_t i = 0; i < n; ++i) {
    if (!per_cell(i)) continue;
    steps[i].run_begins = i == 0 || !per_cell(i - 1);
    steps[i].run_ends = i + 1 == n || !per_cell(i + 1);
    if (steps[i].run_begins) {
      std::size_t end = i;
      while (end < n && per_cell(end)) ++end;
      steps[i].run_length = end - i;
    }
  }
  return steps;
}

// The steps of each set, worked out at compile time: a visit is then the fields' writers one
// after another, inlined, with no table read, call through a pointer or group test of a field
// whose group the set decides.
template <FieldSet Set>
inline constexpr std::array<Step, count_of(Set)> kSteps = steps_of<Set>();

// Which groups a record has: a batch row in error has no result, a due no check.
struct Presence {
  bool due, check, explain;
};

// Hands step K of set Set to `sink`; `skip` counts the steps left of a run the sink wrote.
template <FieldSet Set, std::size_t K, class S>
[[gnu::always_inline]] inline void visit_step(const Record& record, const Zone& display, S& sink,
                                              const Presence& has, std::size_t& skip) {
  constexpr Step step = kSteps<Set>[K];
  constexpr Field<S> f = kFields<S>[step.field];
  constexpr std::string_view name = kKeyedName<step.field>;
  if constexpr (f.per_cell && !step.run_begins) {
    if (skip > 0) {
      --skip;
      return;
    }
  }
  if constexpr (step.group != Group::kRow && step.group != Group::kError) {
    const bool present = step.group == Group::kDue     ? has.due
                         : step.group == Group::kCheck ? has.check
                                                       : has.explain;
    if (!present) {
      if constexpr (step.group != Group::kExplain) {
        // A row without a result still says its status.
        if constexpr (f.name == "status") {
          if (!record.status.empty()) return sink.text(name, record.status);
        }
        sink.null(name);
      }
      return;
    }
  }
  if constexpr (step.run_begins) {
    const Result& r = *record.result;
    if (sink.begin_run({r.policy, r.priority, r.ticket.tier, r.calendar, &display, step.field})) {
      skip = step.run_length - 1;
      return;
    }
  }
  f.write(record, display, sink, name);
  if constexpr (step.run_ends) sink.end_run();
}

// Flattened: the fields' writers and the sink's calls they make are inlined into the visit,
// which is then one stretch of code a record, without a call and its saved registers a field.
template <FieldSet Set, class S, std::size_t... K>
[[gnu::flatten]] void visit_set(const Record& record, const Zone& display, S& sink,
                                std::index_sequence<K...>) {
  const bool due = record.result != nullptr;
  const Presence has{due, due && record.result->check.has_value(),
                     due && record.trace != nullptr && sink.takes_explanation()};
  std::size_t skip = 0;
  (visit_step<Set, K>(record, display, sink, has, skip), ...);
}

// Calls `sink` once per field of `record`, as visit_fields does.
template <class S>
void visit(const Record& record, const Zone& display, S& sink) {
  constexpr FieldSet kDue = FieldSet::kDue, kCheck = FieldSet::kCheck, kBatch = FieldSet::kBatch;
  switch (record.set) {
    case kDue:
      return visit_set<kDue>(record, display, sink, std::make_index_sequence<count_of(kDue)>());
    case kCheck:
      return visit_set<kCheck>(record, display, sink, std::make_index_sequence<count_of(kCheck)>());
    case kBatch:
      return visit_set<kBatch>(record, display, sink, std::make_index_sequence<count_of(kBatch)>());
  }
}

}  // namespace sla::field_table
