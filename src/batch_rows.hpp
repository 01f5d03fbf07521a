// Batch rows in blocks: the cells read from the input, and a worker that turns them into
// output text with an engine of its own.
#pragma once

#include "batch.hpp"
#include "batch_columns.hpp"
#include "batch_summary.hpp"
#include "csv.hpp"
#include "engine.hpp"
#include "fields.hpp"
#include "record_writer.hpp"
#include "ticket_reader.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sla::batch_detail {

// Input is read, and output written, in blocks of this size.
constexpr std::size_t kBlock = std::size_t{256} << 10;

// No index: an absent column, a row without a result.
constexpr std::size_t kAbsent = SIZE_MAX;

// Returns how messages name input `name`: quoted, or "standard input" for "-".
std::string display_name(const std::string& name);

// Records of one input, with the cells batch reads copied out of the CSV reader's buffer.
struct InBlock {
  static constexpr std::size_t kRows = 2048;
  struct Row {
    std::int64_t line = 0;
    std::size_t fields = 0;         // the fields the record had
    std::size_t problem = kAbsent;  // index into problems: the record could not be split
    std::array<std::uint32_t, kColumns> begin{}, size{};  // each column's cell in text
  };
  const std::string* file = nullptr;  // outlives the block
  Header header;
  std::vector<Row> rows;
  std::vector<CsvProblem> problems;
  std::string text;

  // Adds the record `csv` holds, under `header`.
  void add(const CsvReader& csv);
  // A cell is inside `text` (add puts it there), so it is not checked again.
  std::string_view cell(const Row& row, std::size_t column) const {
    return std::string_view(text.data() + row.begin[column], row.size[column]);
  }
  bool full() const { return rows.size() >= kRows || text.size() >= kBlock; }
  void clear();
};

// What a worker made of a block: the rows as output text, and what the run must know.
struct OutBlock {
  // The rows' text is the first `size` bytes of `text` (the rest are spare bytes, for the
  // record writer's RecordWriter::append); in -o json, each row starts with ",\n" (see
  // OutputStream).
  std::string text;
  std::size_t size = 0;
  std::string_view written() const { return std::string_view(text.data(), size); }
  std::int64_t rows = 0;
  std::int64_t late = 0;               // breached or missed
  std::int64_t errors = 0;             // rows in error
  std::string first_error;             // where the first is: "FILE line N"
  std::int64_t template_failures = 0;  // rows --format could not show
  std::string first_template_failure;  // where and why the first
  void clear();
};

// Evaluates blocks of rows. Each worker owns its engine (a copy, but for the first) and its
// reader, so that workers run side by side.
class Worker {
 public:
  Worker(const BatchSettings& settings, const Columns& columns, unsigned only, bool copy);
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Turns the rows of `in` into `out`, or into the summary.
  void process(const InBlock& in, OutBlock& out);
  const Summary& summary() const { return summary_; }

 private:
  void row(const InBlock& in, const InBlock::Row& row, OutBlock& out);
  void error_row(const InBlock& in, std::string_view id, std::int64_t line,
                 const std::string& message, OutBlock& out);
  void emit(const InBlock& in, std::int64_t line, std::string_view id, const Result* r,
            std::string_view error, std::size_t status, OutBlock& out);
  // Appends `record` of `file` to `out`; a row the template cannot show is counted instead.
  void write(const Record& record, const std::string& file, OutBlock& out);

  const BatchSettings& s_;
  const Columns& columns_;
  const unsigned only_;
  std::optional<Engine> copy_;
  const Engine& engine_;
  TicketReader reader_;
  Result result_;  // the row being made
  RecordWriter writer_;
  Summary summary_;
};

}  // namespace sla::batch_detail
