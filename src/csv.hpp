// RFC 4180 CSV records from text fed in chunks, in memory bounded by the longest record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sla {

// What the reader accepts before it gives up on a record (and skips to the record's end).
struct CsvLimits {
  std::size_t max_record_bytes = std::size_t{16} << 20;  // raw bytes of one record: 16 MiB
  std::size_t max_fields = 16384;                        // fields of one record
};

// How the text is written: the separator, and whether unquoted fields lose their spaces.
struct CsvDialect {
  char separator = ',';
  bool trim_unquoted = false;  // spaces around an unquoted field are not part of it
};

// A record the reader could not read as RFC 4180 says, and where.
struct CsvProblem {
  std::int64_t line = 0;   // physical line (1-based) where the problem was found
  std::size_t column = 0;  // field (1-based) where the problem was found; 0: the record
  std::string message;     // e.g. "text after the closing quote"; empty when there is none
};

// Splits CSV text into records. Fields are separated by `,` (or the dialect's separator: `;`,
// a tab) and records end at LF or CRLF
// outside quotes. Quoted fields may hold separators, line breaks and doubled quotes; a quote
// inside an unquoted field is taken literally. A UTF-8 byte-order mark at the very start is
// dropped. The input is fed in chunks of any size, and a record is returned once its end has
// been seen, so the reader never does I/O and holds at most one record plus one chunk.
//
// A malformed record (text after a closing quote, a quote left open at the end of the input,
// a record over the limits) is still returned, in order, with problem() set: the reader
// follows the quoting to the record's true end, so the records after it are read correctly.
// A record over the limits is returned without fields; its bytes are not kept.
class CsvReader {
 public:
  enum class Next { kRecord, kNeedInput, kEnd };

  explicit CsvReader(CsvLimits limits = {}, CsvDialect dialect = {});

  // Appends `text` to the input. REQUIRES: finish() has not been called.
  void feed(std::string_view text);

  // Returns room for at least `size` bytes at the end of the input, for reading into directly;
  // commit() then says how many were written. Invalidates the views of the current record.
  char* prepare(std::size_t size);

  // Appends the first `size` bytes written at prepare()'s pointer to the input.
  void commit(std::size_t size);

  // Marks the end of the input: a last record without a line break is complete.
  void finish();

  // Advances to the next record: kRecord if one is complete, kNeedInput if more text must be
  // fed first, kEnd once the input is finished and consumed. Invalidates the previous record.
  Next next();

  // The current record (after next() returned kRecord): its fields, valid until the next
  // call to next(), feed() or prepare().
  std::size_t size() const { return fields_.size(); }
  std::string_view field(std::size_t i) const {
    return {buffer_.data() + head_ + fields_[i].offset, fields_[i].length};
  }

  // The bytes that hold every field of the current record, in order (field(i) lies at
  // field_offset(i) in them): its fields can be kept with one copy.
  std::string_view fields_text() const {
    return {buffer_.data() + head_,
            fields_.empty() ? 0 : fields_.back().offset + fields_.back().length};
  }
  std::size_t field_offset(std::size_t i) const { return fields_[i].offset; }

  // Returns the physical line (1-based) on which the current record starts.
  std::int64_t line() const { return record_line_; }

  // Returns true if the current record is a line with nothing on it (or just CR).
  bool blank() const { return blank_; }

  // Returns true if every field of the current record is empty (a line of separators).
  bool all_empty() const;

  // Returns what was wrong with the current record (message empty if nothing).
  const CsvProblem& problem() const { return problem_; }

 private:
  // kFieldDone: the field's value is known (after a closing quote); on to the separator.
  enum class State { kFieldStart, kUnquoted, kQuoted, kQuotedQuote, kAfterQuote, kFieldDone };
  struct Span {
    std::size_t offset;  // from head_
    std::size_t length;
  };

  bool skip_bom();
  void start_record();
  bool fast_plain_record();
  bool fast_record();
  bool end_fast_record(std::size_t newline, bool first_quoted);
  void unescape_fast_fields();
  bool scan();
  bool scan_quoted();
  bool after_quote();
  void end_field(std::size_t from, std::size_t to, bool last, bool quoted = false);
  bool end_line();
  void end_record();
  void end_at_eof();
  void fail(std::int64_t line, std::size_t column, std::string message);
  void check_limits();
  void too_long();
  void skip();
  void compact();

  CsvLimits limits_;
  CsvDialect dialect_;
  std::vector<char> buffer_;
  std::size_t head_ = 0;  // where the current record starts
  std::size_t pos_ = 0;   // next byte to scan
  std::size_t tail_ = 0;  // end of the input fed so far
  bool finished_ = false;
  bool bom_checked_ = false;
  bool in_record_ = false;  // a record was started and is not complete
  bool returned_ = false;   // the record at head_ was returned and is consumed on next()

  State state_ = State::kFieldStart;
  std::size_t field_start_ = 0;  // where the current field's text starts
  std::size_t write_ = 0;        // quoted fields: where the next unescaped byte goes
  std::int64_t line_ = 1;        // line of the byte at pos_
  std::int64_t quote_line_ = 0;  // line of the quote that opened the current quoted field
  std::size_t column_ = 1;       // the current field, 1-based
  bool skipping_ = false;        // over the limits: following the quoting, keeping nothing

  std::vector<Span> fields_;
  std::vector<std::size_t> unescape_;  // fast_record: its fields with doubled quotes
  std::int64_t record_line_ = 0;
  bool blank_ = false;
  CsvProblem problem_;
};

}  // namespace sla
