// Batch mode: CSV tickets from files or standard input, one result per row, in order.
#include "batch.hpp"

#include "batch_columns.hpp"
#include "batch_output.hpp"
#include "batch_rows.hpp"
#include "batch_summary.hpp"
#include "csv.hpp"
#include "error.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <memory>
#include <string_view>
#include <thread>
#include <vector>

namespace sla {
namespace {

using batch_detail::BlockPipe;
using batch_detail::Columns;
using batch_detail::display_name;
using batch_detail::kBlock;
using batch_detail::OutputStream;
using batch_detail::Summary;
using batch_detail::Totals;
using batch_detail::Worker;

// Returns how `name` is written: --delimiter, else tabs for a *.tsv file, else commas.
CsvDialect dialect_of(const std::string& name, char delimiter) {
  CsvDialect dialect;
  const bool tsv = name.size() > 4 && name.compare(name.size() - 4, 4, ".tsv") == 0;
  dialect.separator = delimiter != '\0' ? delimiter : tsv ? '\t' : ',';
  dialect.trim_unquoted = true;
  return dialect;
}

// The workers of a run: one a processor (at most 8), each with an engine of its own but the
// first, which has the run's.
std::vector<std::unique_ptr<Worker>> workers(const BatchSettings& settings, const Columns& columns,
                                             unsigned only) {
  const unsigned cores = std::thread::hardware_concurrency();
  const unsigned n = std::clamp(cores, 1U, 8U);
  std::vector<std::unique_ptr<Worker>> out;
  for (unsigned i = 0; i < n; ++i) {
    out.push_back(std::make_unique<Worker>(settings, columns, only, i > 0));
  }
  return out;
}

// One input, open for reading: a file, or standard input ("-"). Standard input is read with
// read(2) when `in` is std::cin, else through the stream (tests).
class Input {
 public:
  Input(const std::string& name, std::istream& in) : name_(name) {
    if (name != "-") {
      fd_ = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd_ < 0) fail();
      owned_ = true;
    } else if (&in == &std::cin) {
      fd_ = 0;
    } else {
      stream_ = &in;
    }
  }
  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;
  ~Input() {
    if (owned_) ::close(fd_);
  }

  // Reads up to `size` bytes into `to`; returns how many, 0 at the end. Throws InputError.
  std::size_t read(char* to, std::size_t size) {
    if (stream_ != nullptr) {
      stream_->read(to, static_cast<std::streamsize>(size));
      if (stream_->bad()) throw InputError("cannot read " + display_name(name_));
      return static_cast<std::size_t>(stream_->gcount());
    }
    for (;;) {
      const ssize_t n = ::read(fd_, to, size);
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR) fail();
    }
  }

 private:
  [[noreturn]] void fail() const {
    const int error = errno;
    throw InputError("cannot read " + display_name(name_) + ": " + std::strerror(error));
  }

  std::string name_;
  int fd_ = -1;
  bool owned_ = false;
  std::istream* stream_ = nullptr;
};

// A batch run over all inputs: reads the records on this thread and hands them to the
// workers in blocks; the output comes back in order.
class BatchRun {
 public:
  BatchRun(const BatchSettings& settings, std::ostream& out, std::ostream& err)
      : s_(settings),
        columns_(batch_detail::parse_columns(settings.columns)),
        err_(err),
        output_(settings, out) {
    if (s_.summary && s_.format != nullptr) {
      throw InputError("--format does not apply with --summary; expected one of them");
    }
    workers_ = workers(settings, columns_, batch_detail::parse_only(settings.only));
    pipe_ = std::make_unique<BlockPipe>(workers_, output_, totals_);
  }

  // Reads one input to its end; reports a failure on err and goes on.
  void read(const std::string& name, std::istream& in) {
    if (output_.failed()) return;
    try {
      Input input(name, in);
      CsvReader csv({}, dialect_of(name, s_.delimiter));
      have_header_ = false;
      for (;;) {
        const CsvReader::Next next = csv.next();
        if (next == CsvReader::Next::kEnd || output_.failed()) break;
        if (next == CsvReader::Next::kRecord) {
          record(csv, name);
          continue;
        }
        char* to = csv.prepare(kBlock);
        const std::size_t n = input.read(to, kBlock);
        n == 0 ? csv.finish() : csv.commit(n);
      }
    } catch (const InputError& e) {
      err_ << "sla: error: " << e.what() << "\n";
      input_failed_ = true;
    }
    pipe_->submit();  // a block holds the rows of one input, under its header
  }

  // Writes what remains and returns the exit status.
  int finish() {
    pipe_->finish();
    if (s_.summary) {
      std::vector<const Policy*> versions;
      for (std::size_t v = 0; v < s_.engine->versions(); ++v) {
        versions.push_back(&s_.engine->policy(v));
      }
      Summary summary(versions);
      for (const auto& worker : workers_) summary.merge(worker->summary());
      const bool json = s_.output == Output::kJson || s_.output == Output::kJsonl;
      output_.write_text(json ? summary.json() : summary.text());
    }
    output_.close();
    const Totals& t = totals_;
    if (t.errors > 0) {
      err_ << "sla: error: " << t.errors << (t.errors == 1 ? " row" : " rows")
           << " could not be evaluated (the first: " << t.first_error
           << "); the error field of each says why\n";
    }
    if (t.template_failures > 0) {
      err_ << "sla: error: " << t.template_failures << (t.template_failures == 1 ? " row" : " rows")
           << " left out: the --format template does not fit them (the first: "
           << t.first_template_failure << ")\n";
    }
    if (output_.failed()) err_ << "sla: error: cannot write the output\n";
    // A bit set (SPEC section 6): 1 a breach or miss, 2 an input problem.
    const bool problem =
        t.errors > 0 || input_failed_ || output_.failed() || t.template_failures > 0;
    return (t.late > 0 ? 1 : 0) | (problem ? 2 : 0);
  }

 private:
  void record(const CsvReader& csv, const std::string& name) {
    if (csv.blank() || (csv.all_empty() && csv.problem().message.empty())) return;
    if (!have_header_) {
      pipe_->submit();
      try {
        pipe_->current().header = batch_detail::parse_header(csv, columns_);
      } catch (const InputError& e) {
        throw InputError(display_name(name) + " " + e.what());
      }
      pipe_->current().file = &name;
      have_header_ = true;
      return;
    }
    batch_detail::InBlock& block = pipe_->current();
    block.add(csv);
    if (block.full()) {
      const batch_detail::Header header = block.header;
      pipe_->submit();
      pipe_->current().header = header;
      pipe_->current().file = &name;
    }
  }

  const BatchSettings& s_;
  const Columns columns_;
  std::ostream& err_;
  OutputStream output_;
  Totals totals_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::unique_ptr<BlockPipe> pipe_;
  bool have_header_ = false;
  bool input_failed_ = false;
};

}  // namespace

int run_batch(const std::vector<std::string>& inputs, const BatchSettings& settings,
              std::istream& in, std::ostream& out, std::ostream& err) {
  BatchRun run(settings, out, err);
  for (const std::string& name : inputs) run.read(name, in);
  return run.finish();
}

}  // namespace sla
