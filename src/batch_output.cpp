// Batch output: blocks through the workers and back, in order.
#include "batch_output.hpp"

#include "report.hpp"

#include <exception>
#include <ostream>
#include <string_view>
#include <system_error>

namespace sla::batch_detail {

OutputStream::OutputStream(const BatchSettings& settings, std::ostream& out)
    : s_(settings), writer_(settings.output, FieldSet::kBatch, settings.format), out_(out) {
  buffer_.reserve(2 * kBlock);
  if (!s_.summary) writer_.begin(buffer_);
}

void OutputStream::write(const OutBlock& block) {
  if (block.rows == 0) return;
  // Each JSON row came with ",\n" before it; the first of all has just the newline.
  const bool first_json = s_.format == nullptr && s_.output == Output::kJson && rows_ == 0;
  const std::string_view text = block.written().substr(first_json ? 1 : 0);
  rows_ += block.rows;
  // A whole block goes out as it is; only small ones are gathered first.
  if (buffer_.size() + text.size() < kBlock) {
    buffer_ += text;
    return;
  }
  flush();
  if (!failed_) {
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out_) failed_ = true;
  }
}

void OutputStream::close() {
  if (!s_.summary) writer_.end(buffer_, rows_);
  flush();
}

void OutputStream::flush() {
  if (!buffer_.empty() && !failed_) {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    if (!out_) failed_ = true;
  }
  buffer_.clear();
}

void Totals::add(const OutBlock& block) {
  if (errors == 0 && block.errors > 0) first_error = block.first_error;
  if (template_failures == 0 && block.template_failures > 0) {
    first_template_failure = block.first_template_failure;
  }
  late += block.late;
  errors += block.errors;
  template_failures += block.template_failures;
}

BlockPipe::BlockPipe(std::vector<std::unique_ptr<Worker>>& workers, OutputStream& output,
                     Totals& totals)
    : workers_(workers), output_(output), totals_(totals), slots_(2 * workers.size() + 2) {
  slots_[filling_].state = State::kFilling;
  // A thread for each worker but the last, which the reading thread works with itself when it
  // is ahead (see submit): a thread a core. A thread of its own for every worker had three
  // threads share two cores, and the reading thread, given a third of the time each, held the
  // run back.
  try {
    for (std::size_t i = 0; i + 1 < workers_.size(); ++i) {
      threads_.emplace_back([this, w = workers_[i].get()] { run(*w); });
    }
  } catch (const std::system_error&) {
    // Fewer threads, or none: submit() does the work itself when no thread runs.
  }
}

void BlockPipe::submit() {
  Slot& slot = slots_[filling_];
  std::unique_lock<std::mutex> lock(mutex_);
  if (!slot.in.rows.empty()) {
    if (threads_.empty()) {
      lock.unlock();
      slot.out.clear();
      workers_.front()->process(slot.in, slot.out);
      lock.lock();
      slot.state = State::kDone;
    } else {
      slot.state = State::kQueued;
      changed_.notify_all();
    }
    slot.sequence = submitted_++;
    // Another block to fill: a free one, once the blocks in flight leave one; meanwhile this
    // thread works on the blocks queued, as the reading is ahead.
    for (;;) {
      write_done(lock, false);
      std::size_t free = 0;
      while (free < slots_.size() && slots_[free].state != State::kFree) ++free;
      if (free < slots_.size()) {
        filling_ = free;
        break;
      }
      if (!work_on_queued(*workers_.back(), lock)) changed_.wait(lock);
    }
  }
  slots_[filling_].state = State::kFilling;
  slots_[filling_].in.clear();
}

void BlockPipe::finish() {
  if (finished_) return;
  finished_ = true;
  submit();
  std::unique_lock<std::mutex> lock(mutex_);
  write_done(lock, true);
  done_ = true;
  changed_.notify_all();
  lock.unlock();
  for (std::thread& t : threads_) t.join();
}

void BlockPipe::write_done(std::unique_lock<std::mutex>& lock, bool wait) {
  for (;;) {
    Slot* next = nullptr;
    for (Slot& s : slots_) {
      if (s.state == State::kDone && s.sequence == written_) next = &s;
    }
    if (next != nullptr) {
      write(*next, lock);
      continue;
    }
    if (!wait || written_ == submitted_) return;
    if (!work_on_queued(*workers_.back(), lock)) changed_.wait(lock);
  }
}

// Writes a block with the lock let go, so that the workers go on meanwhile.
void BlockPipe::write(Slot& slot, std::unique_lock<std::mutex>& lock) {
  slot.state = State::kWorking;  // neither free nor to be written again
  lock.unlock();
  totals_.add(slot.out);
  output_.write(slot.out);
  slot.out.clear();
  slot.in.clear();
  lock.lock();
  slot.state = State::kFree;
  ++written_;
  changed_.notify_all();
}

void BlockPipe::run(Worker& worker) {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    if (work_on_queued(worker, lock)) continue;
    if (done_) return;
    changed_.wait(lock);
  }
}

bool BlockPipe::work_on_queued(Worker& worker, std::unique_lock<std::mutex>& lock) {
  Slot* next = nullptr;
  for (Slot& s : slots_) {
    if (s.state == State::kQueued && (next == nullptr || s.sequence < next->sequence)) next = &s;
  }
  if (next == nullptr) return false;
  next->state = State::kWorking;
  lock.unlock();
  next->out.clear();
  try {
    worker.process(next->in, next->out);
  } catch (const std::exception&) {
    // Out of memory: the block's rows are lost, and the run must say so.
    next->out.clear();
    next->out.errors = static_cast<std::int64_t>(next->in.rows.size());
    next->out.first_error = "out of memory";
  }
  lock.lock();
  next->state = State::kDone;
  changed_.notify_all();
  return true;
}

}  // namespace sla::batch_detail
