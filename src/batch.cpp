// Batch mode: CSV tickets from files or standard input, one result per row, in order.
#include "batch.hpp"

#include "csv.hpp"
#include "error.hpp"
#include "evaluate.hpp"
#include "fields.hpp"
#include "time_text.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <iostream>
#include <memory>
#include <mutex>
#include <string_view>
#include <system_error>
#include <thread>

namespace sla {
namespace {

// Input is read, and output written, in blocks of this size.
constexpr std::size_t kBlock = std::size_t{256} << 10;

// Statuses by index: the five of Status in its order, then error.
constexpr std::size_t kStatuses = 6;
constexpr std::size_t kError = 5;
constexpr std::array<std::string_view, kStatuses> kStatusNames = {"on_track", "at_risk", "breached",
                                                                  "met",      "missed",  "error"};

// The columns batch reads, by index.
constexpr std::size_t kId = 0, kSubmitted = 1, kPriority = 2, kTier = 3, kResponded = 4;
constexpr std::size_t kColumns = 5;
constexpr std::array<std::string_view, kColumns> kColumnNames = {"id", "submitted", "priority",
                                                                 "tier", "responded"};
constexpr std::size_t kAbsent = SIZE_MAX;

std::string status_list() {
  std::string out;
  for (std::string_view name : kStatusNames) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

bool equals_lower(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Returns the set of statuses --only keeps, one bit per status index. Throws InputError.
unsigned parse_only(std::string_view text) {
  if (text.empty()) return (1U << kStatuses) - 1;
  unsigned mask = 0;
  while (true) {
    const std::size_t comma = text.find(',');
    const std::string_view item = trim(text.substr(0, comma));
    std::size_t i = 0;
    while (i < kStatuses && !equals_lower(item, kStatusNames[i])) ++i;
    if (i == kStatuses) {
      throw InputError("invalid --only status " + quote(item) + "; expected a comma list of " +
                       status_list());
    }
    mask |= 1U << i;
    if (comma == std::string_view::npos) return mask;
    text.remove_prefix(comma + 1);
  }
}

std::string display_name(const std::string& name) {
  return name == "-" ? std::string("standard input") : quote(name);
}

// Where each column is in a file's header.
struct Header {
  std::array<std::size_t, kColumns> index{kAbsent, kAbsent, kAbsent, kAbsent, kAbsent};
  std::size_t fields = 0;
};

// Returns the header of the record `csv` holds. Throws InputError saying what is wrong.
Header parse_header(const CsvReader& csv) {
  const std::string where = "line " + std::to_string(csv.line()) + ": ";
  if (!csv.problem().message.empty()) throw InputError(where + csv.problem().message);
  const std::string_view first = csv.field(0);
  if (first.substr(0, 2) == "\xFF\xFE" || first.substr(0, 2) == "\xFE\xFF") {
    throw InputError(where + "the text is UTF-16; expected UTF-8 CSV");
  }
  Header h;
  h.fields = csv.size();
  std::string line;
  for (std::size_t f = 0; f < csv.size(); ++f) line += (f ? "," : "") + std::string(csv.field(f));
  for (std::size_t f = 0; f < csv.size(); ++f) {
    for (std::size_t c = 0; c < kColumns; ++c) {
      if (!equals_lower(trim(csv.field(f)), kColumnNames[c])) continue;
      if (h.index[c] != kAbsent) {
        throw InputError(where + "column " + std::string(kColumnNames[c]) +
                         " appears twice in "
                         "the header " +
                         quote(line) + " (columns " + std::to_string(h.index[c] + 1) + " and " +
                         std::to_string(f + 1) + "); expected each column once");
      }
      h.index[c] = f;
    }
  }
  if (h.index[kSubmitted] == kAbsent) {
    throw InputError(where + "no submitted column in the header " + quote(line) +
                     "; expected a header row naming submitted, and optionally id, priority, "
                     "tier and responded");
  }
  return h;
}

// Remembers the values of the few spellings a priority or tier column repeats.
template <typename T>
class SpellingCache {
 public:
  template <typename Parse>
  T get(std::string_view text, Parse parse) {
    for (const Entry& e : entries_) {
      if (e.text == text) return e.value;
    }
    T value = parse(text);  // throws for a bad spelling, which is not remembered
    if (entries_.size() < 16 && text.size() <= 16) entries_.push_back({std::string(text), value});
    return value;
  }

 private:
  struct Entry {
    std::string text;
    T value;
  };
  std::vector<Entry> entries_;
};

// Response business times at one-second resolution below kLimit (about 129 business days), in
// pages of counters allocated on first use: exact percentiles in at most 16 MiB however many
// rows there are (up to 2^32 - 1 responses of the same second). Longer times are only counted,
// and a percentile that falls among them is given as kLimit ("at least").
class ResponseHistogram {
 public:
  static constexpr std::int64_t kLimit = std::int64_t{1} << 22;

  void add(std::int64_t seconds) {
    ++count_;
    if (seconds >= kLimit) return;  // percentile() finds these past the pages
    const auto s = static_cast<std::size_t>(seconds);
    auto& page = pages_[s >> kPageBits];
    if (!page) page = std::make_unique<std::uint32_t[]>(kPageSize);
    ++page[s & (kPageSize - 1)];
    ++page_counts_[s >> kPageBits];
  }

  std::int64_t count() const { return count_; }

  // Returns the nearest-rank percentile: the least value that at least `percent`% of the
  // values do not exceed (the lower median for 50). REQUIRES: count() > 0, 0 < percent <= 100.
  std::int64_t percentile(std::int64_t percent) const {
    std::int64_t rank = std::max<std::int64_t>(1, (count_ * percent + 99) / 100);
    for (std::size_t p = 0; p < pages_.size(); ++p) {
      if (rank > page_counts_[p]) {
        rank -= page_counts_[p];
        continue;
      }
      for (std::size_t i = 0; i < kPageSize; ++i) {
        rank -= pages_[p][i];
        if (rank <= 0) return static_cast<std::int64_t>((p << kPageBits) + i);
      }
    }
    return kLimit;
  }

 private:
  static constexpr std::size_t kPageBits = 12;
  static constexpr std::size_t kPageSize = std::size_t{1} << kPageBits;
  static constexpr std::size_t kPages = static_cast<std::size_t>(kLimit) >> kPageBits;
  std::vector<std::unique_ptr<std::uint32_t[]>> pages_{kPages};
  std::vector<std::int64_t> page_counts_ = std::vector<std::int64_t>(kPages, 0);
  std::int64_t count_ = 0;
};

// Counts of rows by status.
struct Counts {
  std::array<std::int64_t, kStatuses> by_status{};
  std::int64_t rows = 0;

  std::int64_t met() const { return by_status[static_cast<std::size_t>(Status::kMet)]; }
  std::int64_t responded() const {
    return met() + by_status[static_cast<std::size_t>(Status::kMissed)];
  }
  // Appends met / (met + missed) as a percentage, or `none`.
  void append_compliance(std::string& out, std::string_view none) const {
    if (responded() == 0) {
      out += none;
      return;
    }
    append_real(out, 100.0 * static_cast<double>(met()) / static_cast<double>(responded()));
  }
};

std::string pad(std::string text, std::size_t width, bool right) {
  if (text.size() >= width) return text;
  return right ? std::string(width - text.size(), ' ') + text
               : text + std::string(width - text.size(), ' ');
}

// --summary: counts by status and by priority x tier, compliance, response percentiles.
class Summary {
 public:
  void add(std::size_t status, const Result* r) {
    ++total_.rows;
    ++total_.by_status[status];
    if (r == nullptr) return;
    Counts& c = cell(r->ticket.priority, r->ticket.tier);
    ++c.rows;
    ++c.by_status[status];
    if (r->check && r->check->response_business)
      responses_.add(r->check->response_business->count());
  }

  std::string text() const {
    std::string out;
    out += "rows        " + std::to_string(total_.rows) + "\n";
    for (std::size_t s = 0; s < kStatuses; ++s) {
      out +=
          pad(std::string(kStatusNames[s]), 12, false) + std::to_string(total_.by_status[s]) + "\n";
    }
    out += "compliance  ";
    total_.append_compliance(out, "n/a (no responded tickets)");
    if (total_.responded() > 0) {
      out += "% (" + std::to_string(total_.met()) + " met of " +
             std::to_string(total_.responded()) + " responded)";
    }
    out += "\nresponse    ";
    if (responses_.count() == 0) {
      out += "n/a (no responded tickets)\n";
    } else {
      out += "median " + duration(responses_.percentile(50)) + ", 90th percentile " +
             duration(responses_.percentile(90)) + " (business time)\n";
    }
    out +=
        "\npriority  tier          rows  on_track   at_risk  breached       met    missed  "
        "compliance\n";
    for (std::size_t i = 0; i < cells_.size(); ++i) {
      const Counts& c = cells_[i];
      if (c.rows == 0) continue;
      out += pad(std::string(priority_code(priority_of(i))), 10, false) +
             pad(std::string(tier_name(tier_of(i))), 10, false) +
             pad(std::to_string(c.rows), 8, true);
      for (std::size_t s = 0; s < kError; ++s) out += pad(std::to_string(c.by_status[s]), 10, true);
      std::string compliance;
      c.append_compliance(compliance, "n/a");
      out += pad(compliance + (c.responded() > 0 ? "%" : ""), 12, true) + "\n";
    }
    return out;
  }

  std::string json() const {
    std::string out = "{\"rows\":" + std::to_string(total_.rows) + ",\"statuses\":";
    append_statuses(out, total_, kStatuses);
    out += ",\"compliance_percent\":";
    total_.append_compliance(out, "null");
    out += ",\"responded\":" + std::to_string(total_.responded());
    out += ",\"response_business_seconds\":{\"median\":";
    out += responses_.count() ? std::to_string(responses_.percentile(50)) : "null";
    out += ",\"p90\":";
    out += responses_.count() ? std::to_string(responses_.percentile(90)) : "null";
    out += ",\"exact_below\":" + std::to_string(ResponseHistogram::kLimit) +
           "},\"by_priority_tier\":[";
    for (std::size_t i = 0; i < cells_.size(); ++i) {
      const Counts& c = cells_[i];
      out += i ? ",{\"priority\":\"" : "{\"priority\":\"";
      out += priority_code(priority_of(i));
      out += "\",\"tier\":\"";
      out += tier_name(tier_of(i));
      out += "\",\"rows\":" + std::to_string(c.rows) + ",\"statuses\":";
      append_statuses(out, c, kError);
      out += ",\"compliance_percent\":";
      c.append_compliance(out, "null");
      out += '}';
    }
    return out + "]}\n";
  }

 private:
  static Priority priority_of(std::size_t i) { return static_cast<Priority>(i / 2 + 1); }
  static Tier tier_of(std::size_t i) { return i % 2 ? Tier::kPremium : Tier::kStandard; }
  Counts& cell(Priority p, Tier t) {
    return cells_[(static_cast<std::size_t>(p) - 1) * 2 + (t == Tier::kPremium ? 1 : 0)];
  }
  static void append_statuses(std::string& out, const Counts& c, std::size_t n) {
    for (std::size_t s = 0; s < n; ++s) {
      out += s ? ",\"" : "{\"";
      out += kStatusNames[s];
      out += "\":" + std::to_string(c.by_status[s]);
    }
    out += '}';
  }
  static std::string duration(std::int64_t seconds) {
    std::string text = format_duration(std::chrono::seconds{seconds});
    return seconds >= ResponseHistogram::kLimit ? "at least " + text : text;
  }

  Counts total_;
  std::array<Counts, 8> cells_{};  // P1 standard, P1 premium, P2 standard, ...
  ResponseHistogram responses_;
};

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

// Formats rows in the chosen output into a buffer written out in large blocks.
class RowWriter {
 public:
  RowWriter(const BatchSettings& settings, std::ostream& out) : s_(settings), out_(out) {
    buffer_.reserve(2 * kBlock);
    if (s_.summary || s_.format != nullptr) return;
    if (s_.output == BatchOutput::kCsv) append_header(buffer_, FieldSet::kBatch, ',');
    if (s_.output == BatchOutput::kTsv) append_header(buffer_, FieldSet::kBatch, '\t');
    if (s_.output == BatchOutput::kJson) buffer_ += '[';
  }

  // Appends one row. A row the --format template cannot show is left out and counted.
  void write(const Record& record, const std::string& file) {
    if (s_.format != nullptr) {
      const std::size_t before = buffer_.size();
      try {
        s_.format->append(buffer_, record, *s_.display);
      } catch (const InputError& e) {
        buffer_.resize(before);
        if (template_failures_++ == 0) {
          first_template_failure_ =
              display_name(file) + " line " + std::to_string(record.line) + ": " + e.what();
        }
      }
    } else if (s_.output == BatchOutput::kCsv || s_.output == BatchOutput::kTsv) {
      append_row(buffer_, record, *s_.display, s_.output == BatchOutput::kCsv ? ',' : '\t',
                 &times_);
    } else {
      if (s_.output == BatchOutput::kJson) buffer_ += rows_ > 0 ? ",\n" : "\n";
      append_json(buffer_, record, *s_.display, &times_);
      if (s_.output == BatchOutput::kJsonl) buffer_ += '\n';
    }
    ++rows_;
    if (buffer_.size() >= kBlock) flush();
  }

  // Appends text as it is (the summary).
  void write_text(const std::string& text) { buffer_ += text; }

  // Ends the output (the closing bracket of -o json) and writes what is left.
  void close() {
    if (!s_.summary && s_.format == nullptr && s_.output == BatchOutput::kJson) {
      buffer_ += rows_ > 0 ? "\n]\n" : "]\n";
    }
    flush();
  }

  bool failed() const { return failed_; }
  void fail() { failed_ = true; }
  std::int64_t template_failures() const { return template_failures_; }
  const std::string& first_template_failure() const { return first_template_failure_; }

 private:
  void flush() {
    if (!buffer_.empty() && !failed_) {
      out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
      if (!out_) failed_ = true;
    }
    buffer_.clear();
  }

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

  void add(const std::string& file, std::int64_t line, std::string_view id, const Result* r,
           std::string_view error) {
    rows.push_back({&file, line, text.size(), id.size(), text.size() + id.size(), error.size(),
                    r == nullptr ? kAbsent : results.size()});
    text.append(id).append(error);
    if (r != nullptr) results.push_back(*r);
  }
  bool full() const { return rows.size() >= kRows || text.size() >= kBlock; }
  void write_to(RowWriter& writer) const {
    for (const Row& row : rows) {
      const Result* r = row.result == kAbsent ? nullptr : &results[row.result];
      const std::string_view error(text.data() + row.error_begin, row.error_size);
      writer.write(
          Record{FieldSet::kBatch, r, std::string_view(text.data() + row.id_begin, row.id_size),
                 row.line, error},
          *row.file);
    }
  }
  void clear() {
    rows.clear();
    results.clear();
    text.clear();
    if (text.capacity() > 4 * kBlock) std::string().swap(text);  // after a huge id or error
  }
};

// Hands blocks of rows, in order, to a writer thread, so that formatting runs beside reading
// and evaluating (the clock's caches are not shared: only the reading thread evaluates).
// A few blocks circulate, so memory stays bounded. Without threads, blocks are written inline.
class RowPipe {
 public:
  explicit RowPipe(RowWriter& writer) : writer_(writer) {
    for (RowBlock& b : blocks_) free_.push_back(&b);
    filling_ = take(free_);
    try {
      thread_ = std::thread([this] { run(); });
    } catch (const std::system_error&) {
      // No thread: submit() writes each block itself.
    }
  }
  RowPipe(const RowPipe&) = delete;
  RowPipe& operator=(const RowPipe&) = delete;
  ~RowPipe() { finish(); }

  // The block being filled; call submit() when it is full().
  RowBlock& current() { return *filling_; }

  // Passes the current block on and starts another.
  void submit() {
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

  // Passes on the last rows and waits until all are written.
  void finish() {
    if (!filling_->rows.empty()) submit();
    if (!thread_.joinable()) return;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
      changed_.notify_all();
    }
    thread_.join();
  }

 private:
  static RowBlock* take(std::deque<RowBlock*>& from) {
    RowBlock* b = from.front();
    from.pop_front();
    return b;
  }

  void run() {
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

  RowWriter& writer_;
  std::array<RowBlock, 4> blocks_;
  std::deque<RowBlock*> free_, full_;
  RowBlock* filling_ = nullptr;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool done_ = false;
  std::thread thread_;
};

// A batch run over all inputs: reads and evaluates rows, counts them, and passes them on.
class BatchRun {
 public:
  BatchRun(const BatchSettings& settings, std::ostream& out, std::ostream& err)
      : s_(settings), only_(parse_only(settings.only)), err_(err), writer_(settings, out) {
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
      CsvReader csv;
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
    if (error_rows_ > 0 || input_failed_ || writer_.failed() || writer_.template_failures() > 0) {
      return 2;
    }
    return late_rows_ > 0 ? 1 : 0;
  }

 private:
  void record(const CsvReader& csv) {
    if (csv.blank()) return;
    if (!have_header_) {
      try {
        header_ = parse_header(csv);
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
    return i < csv.size() ? csv.field(i) : std::string_view();
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
    std::size_t column = kSubmitted;
    try {
      const Result r = evaluate(csv, column);
      const Status status = r.check->status;
      if (status == Status::kBreached || status == Status::kMissed) ++late_rows_;
      emit(line, id, &r, {}, static_cast<std::size_t>(status));
    } catch (const InputError& e) {
      error_row(id, line,
                "line " + std::to_string(line) + ", column " +
                    std::to_string(header_.index[column] + 1) + " (" +
                    std::string(kColumnNames[column]) + "): " + e.what());
    }
  }

  // Returns the row's result; on InputError, `column` says which column was at fault.
  Result evaluate(const CsvReader& csv, std::size_t& column) {
    Ticket t;
    column = kId;
    if (cell(csv, kId).find('\0') != std::string_view::npos) {
      throw InputError("invalid id " + quote(cell(csv, kId)) +
                       ": contains a NUL byte; expected text");
    }
    column = kSubmitted;
    t.submitted = parse_time(cell(csv, kSubmitted), *s_.policy_zone, s_.now, "submitted");
    column = kPriority;
    if (std::string_view p = cell(csv, kPriority); !p.empty()) {
      t.priority = priorities_.get(p, parse_priority);
    }
    column = kTier;
    if (std::string_view p = cell(csv, kTier); !p.empty()) t.tier = tiers_.get(p, parse_tier);
    column = kResponded;
    if (std::string_view p = cell(csv, kResponded); !p.empty()) {
      t.responded = parse_time(p, *s_.policy_zone, s_.now, "responded");
    }
    column = t.responded && *t.responded < t.submitted ? kResponded : kSubmitted;
    return evaluate_check(t, *s_.policy, *s_.clock, s_.now, s_.warn_percent);
  }

  void error_row(std::string_view id, std::int64_t line, const std::string& message) {
    if (error_rows_++ == 0) first_error_ = display_name(*name_) + " line " + std::to_string(line);
    emit(line, id, nullptr, message, kError);
  }

  void emit(std::int64_t line, std::string_view id, const Result* r, std::string_view error,
            std::size_t status) {
    if ((only_ & (1U << status)) == 0) return;
    if (s_.summary) return summary_.add(status, r);
    RowBlock& block = pipe_->current();
    block.add(*name_, line, id, r, error);
    if (block.full()) pipe_->submit();
  }

  const BatchSettings& s_;
  const unsigned only_;
  std::ostream& err_;
  RowWriter writer_;
  std::unique_ptr<RowPipe> pipe_;
  Summary summary_;
  SpellingCache<Priority> priorities_;
  SpellingCache<Tier> tiers_;
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
