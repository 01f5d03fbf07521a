// Batch row output: rows formatted in the chosen output, handed to a writer thread in blocks.
#include "batch_output.hpp"

#include "error.hpp"
#include "report.hpp"

#include <exception>
#include <ostream>
#include <system_error>

namespace sla::batch_detail {

std::string display_name(const std::string& name) {
  return name == "-" ? std::string("standard input") : quote(name);
}

RowWriter::RowWriter(const BatchSettings& settings, std::ostream& out) : s_(settings), out_(out) {
  buffer_.reserve(2 * kBlock);
  if (s_.summary || s_.format != nullptr) return;
  if (s_.output == BatchOutput::kCsv) append_header(buffer_, FieldSet::kBatch, ',');
  if (s_.output == BatchOutput::kTsv) append_header(buffer_, FieldSet::kBatch, '\t');
  if (s_.output == BatchOutput::kJson) buffer_ += '[';
  if (s_.output == BatchOutput::kText) buffer_ += table_header();
}

void RowWriter::write(const Record& record, const std::string& file) {
  const Zone& display = s_.display != nullptr ? *s_.display
                        : record.result != nullptr
                            ? s_.engine->policy_zone(record.result->ticket.version)
                            : s_.engine->policy_zone(s_.engine->newest());
  if (s_.format != nullptr) {
    const std::size_t before = buffer_.size();
    try {
      s_.format->append(buffer_, record, display);
    } catch (const InputError& e) {
      buffer_.resize(before);
      if (template_failures_++ == 0) {
        first_template_failure_ =
            display_name(file) + " line " + std::to_string(record.line) + ": " + e.what();
      }
    }
  } else if (s_.output == BatchOutput::kText) {
    append_table_row(buffer_, record, display);
  } else if (s_.output == BatchOutput::kCsv || s_.output == BatchOutput::kTsv) {
    append_row(buffer_, record, display, s_.output == BatchOutput::kCsv ? ',' : '\t', &times_);
  } else {
    if (s_.output == BatchOutput::kJson) buffer_ += rows_ > 0 ? ",\n" : "\n";
    append_json(buffer_, record, display, &times_);
    if (s_.output == BatchOutput::kJsonl) buffer_ += '\n';
  }
  ++rows_;
  if (buffer_.size() >= kBlock) flush();
}

void RowWriter::close() {
  if (!s_.summary && s_.format == nullptr && s_.output == BatchOutput::kJson) {
    buffer_ += rows_ > 0 ? "\n]\n" : "]\n";
  }
  flush();
}

void RowWriter::flush() {
  if (!buffer_.empty() && !failed_) {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    if (!out_) failed_ = true;
  }
  buffer_.clear();
}

void RowBlock::write_to(RowWriter& writer) const {
  for (const Row& row : rows) {
    const Result* r = row.result == kAbsent ? nullptr : &results[row.result];
    const std::string_view error(text.data() + row.error_begin, row.error_size);
    const std::string_view status = r != nullptr         ? ""
                                    : row.error_size > 0 ? "error"
                                                         : "not_covered";
    writer.write(
        Record{FieldSet::kBatch, r, std::string_view(text.data() + row.id_begin, row.id_size),
               row.line, error, status},
        *row.file);
  }
}

void RowBlock::clear() {
  rows.clear();
  results.clear();
  text.clear();
  if (text.capacity() > 4 * kBlock) std::string().swap(text);  // after a huge id or error
}

RowPipe::RowPipe(RowWriter& writer) : writer_(writer) {
  for (RowBlock& b : blocks_) free_.push_back(&b);
  filling_ = take(free_);
  try {
    thread_ = std::thread([this] { run(); });
  } catch (const std::system_error&) {
    // No thread: submit() writes each block itself.
  }
}

void RowPipe::submit() {
  if (!thread_.joinable()) {
    filling_->write_to(writer_);
    filling_->clear();
    return;
  }
  {
    std::unique_lock<std::mutex> lock(mutex_);
    full_.push_back(filling_);
    changed_.notify_all();
    changed_.wait(lock, [this] { return !free_.empty(); });
    filling_ = take(free_);
  }
}

void RowPipe::finish() {
  if (!filling_->rows.empty()) submit();
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
    changed_.notify_all();
  }
  thread_.join();
}

RowBlock* RowPipe::take(std::deque<RowBlock*>& from) {
  RowBlock* b = from.front();
  from.pop_front();
  return b;
}

void RowPipe::run() {
  for (;;) {
    RowBlock* block = nullptr;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [this] { return !full_.empty() || done_; });
      if (full_.empty()) return;
      block = take(full_);
    }
    try {
      block->write_to(writer_);
    } catch (const std::exception&) {
      writer_.fail();  // e.g. out of memory: stop writing, keep the blocks moving
    }
    block->clear();
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(block);
    changed_.notify_all();
  }
}

}  // namespace sla::batch_detail
