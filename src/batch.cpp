// Batch mode: CSV tickets from files or standard input, one result per row, in order.
#include "batch.hpp"

#include "batch_columns.hpp"
#include "batch_output.hpp"
#include "batch_summary.hpp"
#include "csv.hpp"
#include "error.hpp"
#include "evaluate.hpp"
#include "fields.hpp"
#include "ticket_reader.hpp"
#include "time_text.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <memory>
#include <string_view>

namespace sla {
namespace {

using batch_detail::Columns;
using batch_detail::display_name;
using batch_detail::Header;
using batch_detail::kBlock;
using batch_detail::kColumns;
using batch_detail::kError;
using batch_detail::kFieldNames;
using batch_detail::kId;
using batch_detail::kNoColumn;
using batch_detail::RowBlock;
using batch_detail::RowPipe;
using batch_detail::RowWriter;
using batch_detail::Summary;

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

// Returns how `name` is written: --delimiter, else tabs for a *.tsv file, else commas.
CsvDialect dialect_of(const std::string& name, char delimiter) {
  CsvDialect dialect;
  const bool tsv = name.size() > 4 && name.compare(name.size() - 4, 4, ".tsv") == 0;
  dialect.separator = delimiter != '\0' ? delimiter : tsv ? '\t' : ',';
  dialect.trim_unquoted = true;
  return dialect;
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

// A batch run over all inputs: reads and evaluates rows, counts them, and passes them on.
class BatchRun {
 public:
  BatchRun(const BatchSettings& settings, std::ostream& out, std::ostream& err)
      : s_(settings),
        only_(batch_detail::parse_only(settings.only)),
        columns_(batch_detail::parse_columns(settings.columns)),
        reader_(*settings.engine, read_options(settings)),
        err_(err),
        writer_(settings, out),
        summary_(versions(*settings.engine)) {
    if (s_.summary && s_.format != nullptr) {
      throw InputError("--format does not apply with --summary; expected one of them");
    }
    if (!s_.summary) pipe_ = std::make_unique<RowPipe>(writer_);
  }

  // Reads one input to its end; reports a failure on err and goes on.
  void read(const std::string& name, std::istream& in) {
    if (writer_.failed()) return;
    name_ = &name;
    try {
      Input input(name, in);
      CsvReader csv({}, dialect_of(name, s_.delimiter));
      have_header_ = false;
      for (;;) {
        const CsvReader::Next next = csv.next();
        if (next == CsvReader::Next::kEnd || writer_.failed()) break;
        if (next == CsvReader::Next::kRecord) {
          record(csv);
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
  }

  // Writes what remains and returns the exit status.
  int finish() {
    if (pipe_) pipe_->finish();
    if (s_.summary) {
      const bool json = s_.output == BatchOutput::kJson || s_.output == BatchOutput::kJsonl;
      writer_.write_text(json ? summary_.json() : summary_.text());
    }
    writer_.close();
    if (error_rows_ > 0) {
      err_ << "sla: error: " << error_rows_ << (error_rows_ == 1 ? " row" : " rows")
           << " could not be evaluated (the first: " << first_error_
           << "); the error field of each says why\n";
    }
    if (writer_.template_failures() > 0) {
      err_ << "sla: error: " << writer_.template_failures()
           << (writer_.template_failures() == 1 ? " row" : " rows")
           << " left out: the --format template does not fit them (the first: "
           << writer_.first_template_failure() << ")\n";
    }
    if (writer_.failed()) err_ << "sla: error: cannot write the output\n";
    // A bit set (SPEC section 6): 1 a breach or miss, 2 an input problem.
    const bool problem =
        error_rows_ > 0 || input_failed_ || writer_.failed() || writer_.template_failures() > 0;
    return (late_rows_ > 0 ? 1 : 0) | (problem ? 2 : 0);
  }

 private:
  void record(const CsvReader& csv) {
    if (csv.blank() || (csv.all_empty() && csv.problem().message.empty())) return;
    if (!have_header_) {
      try {
        header_ = batch_detail::parse_header(csv, columns_);
      } catch (const InputError& e) {
        throw InputError(display_name(*name_) + " " + e.what());
      }
      have_header_ = true;
      return;
    }
    row(csv);
  }

  std::string_view cell(const CsvReader& csv, std::size_t column) const {
    const std::size_t i = header_.index[column];
    return i != kNoColumn && i < csv.size() ? csv.field(i) : std::string_view();
  }

  void row(const CsvReader& csv) {
    const std::int64_t line = csv.line();
    const std::string_view id = cell(csv, kId);
    if (!csv.problem().message.empty()) {
      const CsvProblem& p = csv.problem();
      std::string where = "line " + std::to_string(p.line);
      if (p.column > 0) where += ", column " + std::to_string(p.column);
      return error_row(id, line, where + ": " + p.message);
    }
    if (csv.size() != header_.fields) {
      return error_row(id, line,
                       "line " + std::to_string(line) + ": " + std::to_string(csv.size()) +
                           " fields where the header has " + std::to_string(header_.fields) +
                           "; expected one per column (quote fields that hold commas)");
    }
    TicketField failed = TicketField::kSubmitted;
    try {
      if (cell(csv, kId).find('\0') != std::string_view::npos) {
        return error_row(id, line,
                         "line " + std::to_string(line) + ", column " +
                             std::to_string(header_.index[kId] + 1) + " (id): invalid id " +
                             quote(id) + ": contains a NUL byte; expected text");
      }
      TicketText text;
      text.submitted = cell(csv, static_cast<std::size_t>(TicketField::kSubmitted));
      text.priority = given(cell(csv, static_cast<std::size_t>(TicketField::kPriority)));
      text.tier = given(cell(csv, static_cast<std::size_t>(TicketField::kTier)));
      text.calendar = given(cell(csv, static_cast<std::size_t>(TicketField::kCalendar)));
      text.responded = given(cell(csv, static_cast<std::size_t>(TicketField::kResponded)));
      text.reseller = given(cell(csv, static_cast<std::size_t>(TicketField::kReseller)));
      text.reclassified = given(cell(csv, static_cast<std::size_t>(TicketField::kReclassified)));
      text.paused = given(cell(csv, static_cast<std::size_t>(TicketField::kPaused)));
      const Engine& engine = *s_.engine;
      Ticket ticket = reader_.read(text, s_.now, &failed);
      failed = TicketField::kSubmitted;
      if (!engine.covered(ticket)) {
        return emit(line, id, nullptr, {}, static_cast<std::size_t>(Status::kNotCovered));
      }
      Ticket judged;  // what the message needs, should the ticket have no deadline
      judged.submitted = ticket.submitted;
      judged.version = ticket.version;
      std::optional<Result> r = engine.evaluate(std::move(ticket), s_.now, s_.warn_percent);
      if (!r) throw InputError(engine.no_deadline_message(judged));
      const Status status = r->check->status;
      if (status == Status::kBreached || status == Status::kMissed) ++late_rows_;
      emit(line, id, &*r, {}, static_cast<std::size_t>(status));
    } catch (const InputError& e) {
      const auto column = static_cast<std::size_t>(failed);
      error_row(id, line,
                "line " + std::to_string(line) + ", column " +
                    std::to_string(header_.index[column] + 1) + " (" + columns_.names[column] +
                    "): " + e.what());
    }
  }

  void error_row(std::string_view id, std::int64_t line, const std::string& message) {
    if (error_rows_++ == 0) first_error_ = display_name(*name_) + " line " + std::to_string(line);
    emit(line, id, nullptr, message, kError);
  }

  void emit(std::int64_t line, std::string_view id, Result* r, std::string_view error,
            std::size_t status) {
    if ((only_ & (1U << status)) == 0) return;
    if (s_.summary) return summary_.add(status, r);
    RowBlock& block = pipe_->current();
    block.add(*name_, line, id, r, error);
    if (block.full()) pipe_->submit();
  }

  const BatchSettings& s_;
  const unsigned only_;
  const Columns columns_;
  TicketReader reader_;
  std::ostream& err_;
  RowWriter writer_;
  std::unique_ptr<RowPipe> pipe_;
  Summary summary_;
  const std::string* name_ = nullptr;
  Header header_;
  bool have_header_ = false;
  std::int64_t error_rows_ = 0;
  std::int64_t late_rows_ = 0;
  std::string first_error_;
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
