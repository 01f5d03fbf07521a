// Batch row output: rows formatted in the chosen output, handed to a writer thread in blocks.
#pragma once

#include "batch.hpp"
#include "evaluate.hpp"
#include "fields.hpp"

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <iosfwd>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace sla::batch_detail {

// Input is read, and output written, in blocks of this size.
constexpr std::size_t kBlock = std::size_t{256} << 10;

// No index: an absent column, a row without a result.
constexpr std::size_t kAbsent = SIZE_MAX;

// Returns how messages name input `name`: quoted, or "standard input" for "-".
std::string display_name(const std::string& name);

// Formats rows in the chosen output into a buffer written out in large blocks.
class RowWriter {
 public:
  // Starts the output on `out` (a CSV header, an opening bracket); `settings` outlives it.
  RowWriter(const BatchSettings& settings, std::ostream& out);

  // Appends one row. A row the --format template cannot show is left out and counted.
  void write(const Record& record, const std::string& file);

  // Appends text as it is (the summary).
  void write_text(const std::string& text) { buffer_ += text; }

  // Ends the output (the closing bracket of -o json) and writes what is left.
  void close();

  // Returns whether writing has failed; nothing more is written after a failure.
  bool failed() const { return failed_; }
  // Stops all further writing, as after a failure.
  void fail() { failed_ = true; }
  // Returns how many rows the --format template could not show.
  std::int64_t template_failures() const { return template_failures_; }
  // Returns where and why the template first failed, or "" if it has not.
  const std::string& first_template_failure() const { return first_template_failure_; }

 private:
  void flush();

  const BatchSettings& s_;
  std::ostream& out_;
  std::string buffer_;
  TimeTextCache times_;
  std::int64_t rows_ = 0;
  std::int64_t template_failures_ = 0;
  std::string first_template_failure_;
  std::atomic<bool> failed_{false};
};

// Evaluated rows on their way to the writer, with copies of the texts they show.
struct RowBlock {
  static constexpr std::size_t kRows = 2048;
  struct Row {
    const std::string* file;
    std::int64_t line;
    std::size_t id_begin, id_size, error_begin, error_size;
    std::size_t result;  // index into results, or kAbsent for a row in error
  };
  std::vector<Row> rows;
  std::vector<Result> results;
  std::string text;

  // Adds a row of `file` (which outlives the block); `r` is its result, moved from, or null
  // with `error`.
  void add(const std::string& file, std::int64_t line, std::string_view id, Result* r,
           std::string_view error) {
    rows.push_back({&file, line, text.size(), id.size(), text.size() + id.size(), error.size(),
                    r == nullptr ? kAbsent : results.size()});
    text.append(id).append(error);
    if (r != nullptr) results.push_back(std::move(*r));
  }
  // Returns whether the block should be passed on.
  bool full() const { return rows.size() >= kRows || text.size() >= kBlock; }
  // Writes the rows, in order, to `writer`.
  void write_to(RowWriter& writer) const;
  // Empties the block for reuse.
  void clear();
};

// Hands blocks of rows, in order, to a writer thread, so that formatting runs beside reading
// and evaluating (the clock's caches are not shared: only the reading thread evaluates).
// A few blocks circulate, so memory stays bounded. Without threads, blocks are written inline.
class RowPipe {
 public:
  // Starts the writer thread for `writer`, which outlives the pipe.
  explicit RowPipe(RowWriter& writer);
  RowPipe(const RowPipe&) = delete;
  RowPipe& operator=(const RowPipe&) = delete;
  ~RowPipe() { finish(); }

  // The block being filled; call submit() when it is full().
  RowBlock& current() { return *filling_; }

  // Passes the current block on and starts another.
  void submit();

  // Passes on the last rows and waits until all are written.
  void finish();

 private:
  static RowBlock* take(std::deque<RowBlock*>& from);
  void run();

  RowWriter& writer_;
  std::array<RowBlock, 4> blocks_;
  std::deque<RowBlock*> free_, full_;
  RowBlock* filling_ = nullptr;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace sla::batch_detail
