// Batch output: blocks of rows handed to workers, and their text written in input order.
#pragma once

#include "batch.hpp"
#include "batch_rows.hpp"

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sla::batch_detail {

// The output stream: the header, the blocks' text in order, the end; written in large pieces.
class OutputStream {
 public:
  // Starts the output on `out` (a CSV header, an opening bracket); `settings` outlives it.
  OutputStream(const BatchSettings& settings, std::ostream& out);

  // Appends a block's rows.
  void write(const OutBlock& block);
  // Appends text as it is (the summary).
  void write_text(const std::string& text) { buffer_ += text; }
  // Ends the output (the closing bracket of -o json) and writes what is left.
  void close();
  // Returns whether writing has failed; nothing more is written after a failure.
  bool failed() const { return failed_; }

 private:
  void flush();

  const BatchSettings& s_;
  const RecordWriter writer_;  // for what comes before and after the rows
  std::ostream& out_;
  std::string buffer_;
  std::int64_t rows_ = 0;
  bool failed_ = false;
};

// What the run learns from the blocks, taken in input order.
struct Totals {
  std::int64_t late = 0, errors = 0, template_failures = 0;
  std::string first_error, first_template_failure;
  void add(const OutBlock& block);
};

// Hands blocks of rows to worker threads, each with a Worker of its own, and writes what
// they make in input order. Both cores evaluate and format; a few blocks circulate, so memory
// stays bounded. Without threads, the calling thread does the work.
class BlockPipe {
 public:
  // Starts a thread for each of `workers` but the last, which the caller's thread works with
  // when it is ahead; the workers outlive the pipe, as do `output` and `totals`.
  BlockPipe(std::vector<std::unique_ptr<Worker>>& workers, OutputStream& output, Totals& totals);
  BlockPipe(const BlockPipe&) = delete;
  BlockPipe& operator=(const BlockPipe&) = delete;
  ~BlockPipe() { finish(); }

  // The block being filled; call submit() when it is full() or its input ends.
  InBlock& current() { return slots_[filling_].in; }

  // Passes the current block on (if it has rows), writes what is done, and starts another.
  void submit();

  // Passes on the last rows and waits until all are written.
  void finish();

 private:
  enum class State { kFree, kFilling, kQueued, kWorking, kDone };
  struct Slot {
    InBlock in;
    OutBlock out;
    State state = State::kFree;
    std::uint64_t sequence = 0;
  };

  void run(Worker& worker);
  // Works on the oldest queued block with `worker`, the lock let go meanwhile; false if none
  // is queued.
  bool work_on_queued(Worker& worker, std::unique_lock<std::mutex>& lock);
  // Writes the done blocks that are next in order; with `wait`, until none is in flight.
  void write_done(std::unique_lock<std::mutex>& lock, bool wait);
  void write(Slot& slot, std::unique_lock<std::mutex>& lock);

  std::vector<std::unique_ptr<Worker>>& workers_;
  OutputStream& output_;
  Totals& totals_;
  std::vector<Slot> slots_;
  std::size_t filling_ = 0;
  std::uint64_t submitted_ = 0, written_ = 0;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool done_ = false;
  bool finished_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace sla::batch_detail
