// Batch rows: cells copied into blocks, and workers that read, evaluate and format them.
#include "batch_rows.hpp"

#include "error.hpp"
#include "packed_bytes.hpp"
#include "report.hpp"
#include "time_text.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace sla::batch_detail {
namespace {

// An empty cell is a field not given.
std::optional<std::string_view> given(std::string_view cell) {
  if (cell.empty()) return std::nullopt;
  return cell;
}

std::vector<const Policy*> versions(const Engine& engine) {
  std::vector<const Policy*> out;
  for (std::size_t v = 0; v < engine.versions(); ++v) out.push_back(&engine.policy(v));
  return out;
}

ReadOptions read_options(const BatchSettings& settings) {
  ReadOptions options = settings.read;
  for (std::size_t f = 0; f < kTicketFields; ++f) options.names[f] = kFieldNames[f];
  return options;
}

}  // namespace

std::string display_name(const std::string& name) {
  return name == "-" ? std::string("standard input") : quote(name);
}

void InBlock::add(const CsvReader& csv) {
  Row& row = rows.emplace_back();
  row.line = csv.line();
  row.fields = csv.size();
  if (!csv.problem().message.empty()) {
    row.problem = problems.size();
    problems.push_back(csv.problem());
  }
  // The stretch of the record's fields that holds its cells, in one copy (a column no cell
  // reads, such as an export's long description, is left out at either end): from the first
  // cell of the header's columns, which come in field order, to the end of the last. A column
  // the header lacks, or a short record lacks, has an empty cell (a short record is an error
  // row, which shows its id).
  const std::string_view fields = csv.fields_text();
  const std::size_t at = text.size();
  std::size_t from = kAbsent, to = 0;
  for (std::size_t k = 0; k < header.present_count; ++k) {
    const std::size_t c = header.present[k];
    const std::size_t i = header.index[c];
    if (i >= csv.size()) break;
    const std::size_t size = csv.field(i).size();
    if (size == 0) continue;
    const std::size_t begin = csv.field_offset(i);
    if (from == kAbsent) from = begin;
    row.begin[c] = static_cast<std::uint32_t>(at + begin - from);
    row.size[c] = static_cast<std::uint32_t>(size);
    to = begin + size;
  }
  if (from != kAbsent) text.append(fields.data() + from, to - from);
}

void InBlock::clear() {
  rows.clear();
  problems.clear();
  text.clear();
  if (text.capacity() > 4 * kBlock) std::string().swap(text);  // after a huge field
  // Room for a block's cells made at once, as for its output (see Worker::process).
  if (text.capacity() < 2 * kBlock) text.reserve(2 * kBlock);
  if (rows.capacity() < kRows) rows.reserve(kRows);
}

void OutBlock::clear() {
  // The text is kept as spare bytes for the next block (made and zeroed once, not a block at a
  // time). A block of JSON rows is some 2 MB: only what a huge field left is given back.
  if (text.capacity() > 16 * kBlock) std::string().swap(text);
  size = 0;
  rows = late = errors = template_failures = 0;
  first_error.clear();
  first_template_failure.clear();
}

Worker::Worker(const BatchSettings& settings, const Columns& columns, unsigned only, bool copy)
    : s_(settings),
      columns_(columns),
      only_(only),
      copy_(copy ? std::optional<Engine>(std::in_place, *settings.engine) : std::nullopt),
      engine_(copy_ ? *copy_ : *settings.engine),
      reader_(engine_, read_options(settings)),
      writer_(settings.output, FieldSet::kBatch, settings.format),
      summary_(versions(engine_)) {
  writer_.pin(settings.now);
}

void Worker::process(const InBlock& in, OutBlock& out) {
  // Room for a block's rows made at once (a block of CSV rows is some 800 kB): grown from
  // nothing by doubling, the text was copied a dozen times over in each block's first use.
  constexpr std::size_t kRoom = 4 * kBlock;
  if (out.text.capacity() < kRoom) out.text.reserve(kRoom);
  for (const InBlock::Row& r : in.rows) row(in, r, out);
}

void Worker::row(const InBlock& in, const InBlock::Row& row, OutBlock& out) {
  const std::int64_t line = row.line;
  const std::string_view id = in.cell(row, kId);
  const Header& header = in.header;
  if (row.problem != kAbsent) {
    const CsvProblem& p = in.problems[row.problem];
    std::string where = "line " + std::to_string(p.line);
    if (p.column > 0) where += ", column " + std::to_string(p.column);
    return error_row(in, id, line, where + ": " + p.message, out);
  }
  if (row.fields != header.fields) {
    return error_row(in, id, line,
                     "line " + std::to_string(line) + ": " + std::to_string(row.fields) +
                         " fields where the header has " + std::to_string(header.fields) +
                         "; expected one per column (quote fields that hold commas)",
                     out);
  }
  TicketField failed = TicketField::kSubmitted;
  try {
    if (has_nul(id.data(), id.size())) {
      return error_row(in, id, line,
                       "line " + std::to_string(line) + ", column " +
                           std::to_string(header.index[kId] + 1) + " (id): invalid id " +
                           quote(id) + ": contains a NUL byte; expected text",
                       out);
    }
    auto cell = [&](TicketField f) { return in.cell(row, static_cast<std::size_t>(f)); };
    TicketText text;
    text.submitted = cell(TicketField::kSubmitted);
    text.priority = given(cell(TicketField::kPriority));
    text.tier = given(cell(TicketField::kTier));
    text.calendar = given(cell(TicketField::kCalendar));
    text.responded = given(cell(TicketField::kResponded));
    text.reseller = given(cell(TicketField::kReseller));
    text.reclassified = given(cell(TicketField::kReclassified));
    text.paused = given(cell(TicketField::kPaused));
    // Read and judged in the worker's one result, whose storage rows share.
    Result& r = result_;
    reader_.read_into(text, s_.now, r.ticket, &failed);
    failed = TicketField::kSubmitted;
    if (!engine_.covered(r.ticket)) {
      return emit(in, line, id, nullptr, {}, static_cast<std::size_t>(Status::kNotCovered), out);
    }
    if (!engine_.evaluate_in_place(r, s_.now, s_.warn_percent)) {
      throw InputError(engine_.no_deadline_message(r.ticket));
    }
    const Status status = r.check->status;
    if (status == Status::kBreached || status == Status::kMissed) ++out.late;
    emit(in, line, id, &r, {}, static_cast<std::size_t>(status), out);
  } catch (const InputError& e) {
    const auto column = static_cast<std::size_t>(failed);
    error_row(in, id, line,
              "line " + std::to_string(line) + ", column " +
                  std::to_string(header.index[column] + 1) + " (" + columns_.names[column] +
                  "): " + e.what(),
              out);
  }
}

void Worker::error_row(const InBlock& in, std::string_view id, std::int64_t line,
                       const std::string& message, OutBlock& out) {
  if (out.errors++ == 0) out.first_error = display_name(*in.file) + " line " + std::to_string(line);
  emit(in, line, id, nullptr, message, kError, out);
}

// emit and write inline where a row is made: its record goes to the writer without two calls
// that each save and restore the registers row() holds.
[[gnu::always_inline]] inline void Worker::emit(const InBlock& in, std::int64_t line,
                                                std::string_view id, const Result* r,
                                                std::string_view error, std::size_t status,
                                                OutBlock& out) {
  if ((only_ & (1U << status)) == 0) return;
  if (s_.summary) return summary_.add(status, r);
  const std::string_view shown = r != nullptr       ? std::string_view()
                                 : status == kError ? std::string_view("error")
                                                    : std::string_view("not_covered");
  Record record;
  record.set = FieldSet::kBatch;
  record.result = r;
  record.id = id;
  record.line = line;
  record.error = error;
  record.status = shown;
  write(record, *in.file, out);
}

[[gnu::always_inline]] inline void Worker::write(const Record& record, const std::string& file,
                                                 OutBlock& out) {
  const Zone& display = s_.display != nullptr ? *s_.display
                        : record.result != nullptr
                            ? engine_.policy_zone(record.result->ticket.version)
                            : engine_.policy_zone(engine_.newest());
  try {
    writer_.append(out.text, out.size, record, display);
  } catch (const InputError& e) {
    if (out.template_failures++ == 0) {
      out.first_template_failure =
          display_name(file) + " line " + std::to_string(record.line) + ": " + e.what();
    }
    return;
  }
  ++out.rows;
}

}  // namespace sla::batch_detail
