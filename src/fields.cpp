// The field table, and the visit that hands a record's fields to a sink.
#include "fields.hpp"

#include "json_text.hpp"
#include "time_text.hpp"

#include <charconv>
#include <cmath>

namespace sla {
namespace {

// Where a field appears: kRow and kError in batch only, kDue everywhere, kCheck in check and
// batch, kExplain in due and check with --explain.
enum class Group : std::uint8_t { kRow, kDue, kCheck, kError, kExplain };

// One field: its name, group, whether it belongs to a run that a CellKey decides, and how it
// is written (called only when the record has what the group needs).
struct Field {
  std::string_view name;
  Group group;
  bool per_cell;
  void (*write)(const Record& rec, const Zone& zone, FieldSink& sink, std::string_view name);
};

const Result& res(const Record& rec) {
  return *rec.result;
}
const CheckState& state(const Record& rec) {
  return *rec.result->check;
}

using S = FieldSink;
using Z = Zone;
using N = std::string_view;

// Every field, in output order. JSON writes the names as keys unescaped: they are plain.
constexpr Field kFields[] = {
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

constexpr bool plain_names() {
  for (const Field& f : kFields) {
    if (!json_plain(f.name)) return false;
  }
  return true;
}
static_assert(plain_names(), "field names are written as JSON keys without escaping");

bool in_set(Group group, FieldSet set) {
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
  const Field* field;
  bool run_begins, run_ends;
  std::size_t run_length;  // at a run's first step: the steps it holds
};

std::vector<Step> plan_of(FieldSet set) {
  std::vector<Step> steps;
  for (const Field& f : kFields) {
    if (in_set(f.group, set)) steps.push_back({&f, false, false, 0});
  }
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (!steps[i].field->per_cell) continue;
    steps[i].run_begins = i == 0 || !steps[i - 1].field->per_cell;
    steps[i].run_ends = i + 1 == steps.size() || !steps[i + 1].field->per_cell;
    if (steps[i].run_begins) {
      std::size_t end = i;
      while (end < steps.size() && steps[end].field->per_cell) ++end;
      steps[i].run_length = end - i;
    }
  }
  return steps;
}

const std::vector<Step>& plan(FieldSet set) {
  static const std::vector<Step> kDue = plan_of(FieldSet::kDue);
  static const std::vector<Step> kCheck = plan_of(FieldSet::kCheck);
  static const std::vector<Step> kBatch = plan_of(FieldSet::kBatch);
  return set == FieldSet::kDue ? kDue : set == FieldSet::kCheck ? kCheck : kBatch;
}

std::vector<std::string_view> names_of(FieldSet set) {
  std::vector<std::string_view> names;
  for (const Step& step : plan(set)) {
    if (step.field->group != Group::kExplain) names.push_back(step.field->name);
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
  std::string list;
  for (const PriorityChange& c : changes) {
    if (!list.empty()) list += ';';
    append_time(list, c.at, zone);
    list += '=';
    list += policy.priorities[c.priority].id;
  }
  text(name, list);
}

void FieldSink::segments(std::string_view, const std::vector<DayTrace>&, const Zone&) {}

bool FieldSink::begin_run(const CellKey&) {
  return false;
}

const std::vector<std::string_view>& field_names(FieldSet set) {
  static const std::vector<std::string_view> kDue = names_of(FieldSet::kDue);
  static const std::vector<std::string_view> kCheck = names_of(FieldSet::kCheck);
  static const std::vector<std::string_view> kBatch = names_of(FieldSet::kBatch);
  return set == FieldSet::kDue ? kDue : set == FieldSet::kCheck ? kCheck : kBatch;
}

void visit_fields(const Record& record, const Zone& display, FieldSink& sink) {
  // Which groups the record has: a batch row in error has no result, a due no check.
  const bool due = record.result != nullptr;
  const bool check = due && record.result->check.has_value();
  const bool explain = due && record.trace != nullptr && sink.takes_explanation();
  const std::vector<Step>& steps = plan(record.set);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const Step& step = steps[i];
    const Field& f = *step.field;
    const bool present = f.group == Group::kDue       ? due
                         : f.group == Group::kCheck   ? check
                         : f.group == Group::kExplain ? explain
                                                      : true;
    if (!present) {
      if (f.group == Group::kExplain) continue;
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
      const std::size_t first = static_cast<std::size_t>(&f - kFields);
      if (sink.begin_run({r.policy, r.priority, r.ticket.tier, r.calendar, &display, first})) {
        i += step.run_length - 1;
        continue;
      }
    }
    f.write(record, display, sink, f.name);
    if (step.run_ends) sink.end_run();
  }
}

std::size_t write_real(char* out, double value) {
  if (!std::isfinite(value)) {
    out[0] = '0';
    return 1;
  }
  auto hundredths = static_cast<long long>(std::llround(value * 100.0));
  char* p = out;
  if (hundredths < 0) {
    *p++ = '-';
    hundredths = -hundredths;
  }
  p = std::to_chars(p, out + kRealSize, hundredths / 100).ptr;
  const long long frac = hundredths % 100;
  if (frac != 0) {
    *p++ = '.';
    *p++ = static_cast<char>('0' + frac / 10);
    if (frac % 10 != 0) *p++ = static_cast<char>('0' + frac % 10);
  }
  return static_cast<std::size_t>(p - out);
}

void append_real(std::string& out, double value) {
  char text[kRealSize];
  out.append(text, write_real(text, value));
}

}  // namespace sla
