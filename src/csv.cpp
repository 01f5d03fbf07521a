// The CSV record reader: a resumable state machine over one growing buffer.
#include "csv.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sla {
namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";
// A buffer grown for a long record is given back once it is this large and mostly empty.
constexpr std::size_t kShrinkAbove = std::size_t{4} << 20;

// Which of the `n` (at most 64) bytes at `p` end a field: bit i is set if byte i is the
// separator or a line feed. Byte by byte, where no vector instructions are at hand.
[[maybe_unused]] std::uint64_t stops_bytewise(const char* p, std::size_t n, char separator) {
  std::uint64_t stops = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (p[i] == separator || p[i] == '\n') stops |= std::uint64_t{1} << i;
  }
  return stops;
}

// Narrows an unquoted field [from, to) of `text`, ended by a stop: without the CR of a CRLF
// line end (`last`: the stop is the line feed), and with `trim`, without spaces at either end.
// Most fields have no space at either end: one test, then the trimming.
[[gnu::always_inline]] inline void unquoted_bounds(const char* text, std::size_t& from,
                                                   std::size_t& to, bool last, bool trim) {
  if (last && to > from && text[to - 1] == '\r') --to;
  if (trim && to > from && (text[from] == ' ' || text[to - 1] == ' ')) {
    while (from < to && text[from] == ' ') ++from;
    while (to > from && text[to - 1] == ' ') --to;
  }
}

#if defined(__SSE2__)
// The stops of the 64 bytes at `p`, four vectors' masks in one word.
[[gnu::always_inline]] inline std::uint64_t stops_of_block(const char* p, char separator) {
  const __m128i sep = _mm_set1_epi8(separator), newline = _mm_set1_epi8('\n');
  auto mask = [&](int i) -> std::uint64_t {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    const __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, sep), _mm_cmpeq_epi8(v, newline));
    return static_cast<std::uint16_t>(_mm_movemask_epi8(hit));
  };
  return mask(0) | mask(1) << 16 | mask(2) << 32 | mask(3) << 48;
}

// The stops of the last `n` (< 64) bytes of the text, the bytes past it not looked at.
[[gnu::noinline]] std::uint64_t stops_of_tail(const char* p, std::size_t n, char separator) {
  char block[64];
  std::memset(block, '\n', sizeof block);
  std::memcpy(block, p, n);
  return stops_of_block(block, separator) & ((std::uint64_t{1} << n) - 1);
}
#endif

// The stops of the `n` bytes at `p`: a record is split with a few instructions a field
// rather than a search per field. Inline: a record's bytes take one or two calls.
[[gnu::always_inline]] inline std::uint64_t stops_of(const char* p, std::size_t n, char separator) {
#if defined(__SSE2__)
  return n >= 64 ? stops_of_block(p, separator) : stops_of_tail(p, n, separator);
#else
  return stops_bytewise(p, n < 64 ? n : 64, separator);
#endif
}
}  // namespace

CsvReader::CsvReader(CsvLimits limits, CsvDialect dialect) : limits_(limits), dialect_(dialect) {}

bool CsvReader::all_empty() const {
  return std::all_of(fields_.begin(), fields_.end(), [](const Span& f) { return f.length == 0; });
}

void CsvReader::feed(std::string_view text) {
  char* to = prepare(text.size());
  if (!text.empty()) std::memcpy(to, text.data(), text.size());
  commit(text.size());
}

char* CsvReader::prepare(std::size_t size) {
  if (returned_) {
    head_ = pos_;
    returned_ = false;
  }
  if (buffer_.size() - tail_ < size) {
    compact();
    if (buffer_.size() - tail_ < size) buffer_.resize(std::max(tail_ + size, 2 * buffer_.size()));
  }
  return buffer_.data() + tail_;
}

void CsvReader::commit(std::size_t size) {
  tail_ += size;
}

void CsvReader::finish() {
  finished_ = true;
}

// Moves the unconsumed input to the front of the buffer (offsets in fields_ are from head_).
void CsvReader::compact() {
  const std::size_t live = tail_ - head_;
  if (head_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + head_, live);
    pos_ -= head_;
    field_start_ = field_start_ >= head_ ? field_start_ - head_ : 0;
    write_ = write_ >= head_ ? write_ - head_ : 0;
    tail_ = live;
    head_ = 0;
  }
  if (buffer_.size() > kShrinkAbove && 4 * live < buffer_.size() / 4) {
    std::vector<char>(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(live))
        .swap(buffer_);
  }
}

CsvReader::Next CsvReader::next() {
  if (returned_) {
    head_ = pos_;
    returned_ = false;
  }
  if (!bom_checked_ && !skip_bom()) return Next::kNeedInput;
  if (!in_record_) {
    if (pos_ == tail_) return finished_ ? Next::kEnd : Next::kNeedInput;
    start_record();
    if (fast_plain_record() || fast_record()) {
      returned_ = true;
      return Next::kRecord;
    }
  }
  if (!scan()) {
    if (!finished_) {
      check_limits();
      return Next::kNeedInput;
    }
    end_at_eof();
  }
  returned_ = true;
  return Next::kRecord;
}

// Drops a byte-order mark at the start; false while too few bytes have come to tell.
bool CsvReader::skip_bom() {
  const std::size_t have = std::min<std::size_t>(tail_ - pos_, 3);
  const bool prefix = have == 0 || std::memcmp(buffer_.data() + pos_, kBom, have) == 0;
  if (prefix && have == 3) {
    pos_ += 3;
    head_ = pos_;
  } else if (prefix && !finished_) {
    return false;
  }
  bom_checked_ = true;
  return true;
}

void CsvReader::start_record() {
  in_record_ = true;
  fields_.clear();
  record_line_ = line_;
  blank_ = false;
  problem_ = CsvProblem{};
  state_ = State::kFieldStart;
  column_ = 1;
  skipping_ = false;
}

// Finishes a record fast_record() read, whose line feed is at `newline` from pos_ (inline: a
// call for every record cost more than this does, but for quoted fields with doubled quotes).
inline bool CsvReader::end_fast_record(std::size_t newline, bool first_quoted) {
  if (!unescape_.empty()) unescape_fast_fields();
  blank_ = fields_.size() == 1 && fields_[0].length == 0 && !first_quoted;
  pos_ += newline + 1;
  ++line_;
  in_record_ = false;
  return true;
}

// Copies the quoted fields fast_record() read with doubled quotes down over them.
[[gnu::noinline]] void CsvReader::unescape_fast_fields() {
  char* const begin = buffer_.data() + pos_;
  for (const std::size_t i : unescape_) {
    Span& f = fields_[i];
    char* const text = begin + f.offset;
    std::size_t to = 0;
    for (std::size_t from = 0; from < f.length; ++from) {
      text[to++] = text[from];
      if (text[from] == '"') ++from;  // the first of a doubled quote stands for both
    }
    f.length = to;
  }
}

// The commonest case: the whole record is one line in the buffer and no field of it is quoted.
// Its fields lie between the stops (separators and the line feed) of 64 bytes at a time, each
// taken from the mask by its lowest bit, and are gathered in a local array (nothing of the
// reader's is read again after each). Anything else is left to fast_record, nothing changed.
bool CsvReader::fast_plain_record() {
  const char* const begin = buffer_.data() + pos_;
  // As in fast_record: the line break must come before the limit.
  const std::size_t size = std::min(tail_ - pos_, limits_.max_record_bytes);
  const char separator = dialect_.separator;
  const bool trim = dialect_.trim_unquoted;
  constexpr std::size_t kMost = 64;  // more fields are fast_record's
  const std::size_t most = std::min(limits_.max_fields, kMost);
  std::array<Span, kMost> found;
  std::size_t count = 0, from = 0;
  for (std::size_t base = 0; base < size; base += 64) {
    std::uint64_t stops = stops_of(begin + base, std::min<std::size_t>(size - base, 64), separator);
    for (; stops != 0; stops &= stops - 1) {
      // A quoted field, or as many fields as the limit or the array holds: fast_record's.
      if (count == most || begin[from] == '"') return false;
      const std::size_t stop = base + static_cast<std::size_t>(__builtin_ctzll(stops));
      std::size_t first = from, to = stop;
      const bool last = begin[stop] == '\n';
      unquoted_bounds(begin, first, to, last, trim);
      found[count++] = {first, to - first};
      if (last) {
        fields_.assign(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(count));
        unescape_.clear();
        return end_fast_record(stop, false);
      }
      from = stop + 1;
    }
  }
  return false;
}

// The common case: the whole record is one line in the buffer, its quoted fields (if any)
// closed on that line and followed by a separator or the line break. Anything else is left
// to scan(), with nothing changed.
bool CsvReader::fast_record() {
  char* const begin = buffer_.data() + pos_;
  // The line break must come before the limit: a record of max_record_bytes bytes or more,
  // its line break counted, is scan()'s to report.
  const std::size_t size = std::min(tail_ - pos_, limits_.max_record_bytes);
  const char separator = dialect_.separator;
  const bool trim = dialect_.trim_unquoted;
  unescape_.clear();
  bool first_quoted = false;
  std::size_t at = 0;    // where the current field starts
  std::size_t base = 0;  // the block of 64 bytes `stops` marks
  std::uint64_t stops = 0;
  auto load = [&](std::size_t block) {
    base = block;
    return stops = stops_of(begin + base, std::min<std::size_t>(size - base, 64), separator);
  };
  load(0);
  for (;;) {
    if (fields_.size() == limits_.max_fields) break;  // scan() reports it
    if (at < size && begin[at] == '"') {
      // A quoted field: to its closing quote, over doubled ones; a line break inside it, text
      // after it or the end of the buffer are scan()'s.
      const char* const end = begin + size;
      const char* q = begin + at + 1;
      bool doubled = false;
      for (;;) {
        q = static_cast<const char*>(std::memchr(q, '"', static_cast<std::size_t>(end - q)));
        if (q == nullptr || q + 1 == end || q[1] != '"') break;
        doubled = true;
        q += 2;
      }
      if (q == nullptr || q + 1 == end) break;
      const auto close = static_cast<std::size_t>(q - begin);
      if (std::memchr(begin + at, '\n', close - at) != nullptr) break;
      std::size_t after = close + 1;
      if (begin[after] == '\r' && after + 1 < size && begin[after + 1] == '\n') ++after;
      if (begin[after] != separator && begin[after] != '\n') break;
      if (doubled) unescape_.push_back(fields_.size());
      if (fields_.empty()) first_quoted = true;
      fields_.push_back({at + 1, close - at - 1});
      if (begin[after] == '\n') return end_fast_record(after, first_quoted);
      at = after + 1;
      if (at >= base + 64) {
        if ((at & ~std::size_t{63}) >= size) break;
        load(at & ~std::size_t{63});
      }
      continue;
    }
    // An unquoted field: to the next stop, in this block or a later one.
    std::uint64_t ahead = stops & (~std::uint64_t{0} << (at - base));
    while (ahead == 0 && base + 64 < size) ahead = load(base + 64);
    if (ahead == 0) break;
    const std::size_t stop = base + static_cast<std::size_t>(__builtin_ctzll(ahead));
    std::size_t from = at, to = stop;
    const bool last = begin[stop] == '\n';
    unquoted_bounds(begin, from, to, last, trim);
    fields_.push_back({from, to - from});
    if (last) return end_fast_record(stop, first_quoted);
    at = stop + 1;
    if (at == base + 64) {
      if (at >= size) break;
      load(at);
    }
  }
  fields_.clear();
  return false;
}

// Scans from pos_ to the end of the record; false if the input runs out first.
bool CsvReader::scan() {
  char* const data = buffer_.data();
  while (pos_ < tail_) {
    switch (state_) {
      case State::kFieldStart:
        if (data[pos_] == '"') {
          state_ = State::kQuoted;
          quote_line_ = line_;
          field_start_ = write_ = ++pos_;
          break;
        }
        state_ = State::kUnquoted;
        field_start_ = pos_;
        [[fallthrough]];
      case State::kUnquoted:
      case State::kFieldDone: {
        while (pos_ < tail_ && data[pos_] != dialect_.separator && data[pos_] != '\n') ++pos_;
        if (pos_ == tail_) return false;
        const bool last = data[pos_] == '\n';
        if (state_ == State::kUnquoted) end_field(field_start_, pos_, last);
        state_ = State::kFieldStart;
        if (last) return end_line();
        ++pos_;
        break;
      }
      case State::kQuoted:
        if (!scan_quoted()) return false;
        break;
      case State::kQuotedQuote:
        if (data[pos_] == '"') {  // a doubled quote stands for one
          if (!skipping_) data[write_++] = '"';
          ++pos_;
          state_ = State::kQuoted;
        } else {
          end_field(field_start_, write_, false, true);
          state_ = State::kAfterQuote;
        }
        break;
      case State::kAfterQuote:
        if (!after_quote()) return false;
        break;
    }
  }
  return false;
}

// Copies quoted text down over the escapes, up to the next quote; false at the end of input.
bool CsvReader::scan_quoted() {
  char* const data = buffer_.data();
  const auto* quote = static_cast<const char*>(std::memchr(data + pos_, '"', tail_ - pos_));
  const std::size_t end = quote == nullptr ? tail_ : static_cast<std::size_t>(quote - data);
  line_ += std::count(data + pos_, data + end, '\n');
  if (!skipping_) {
    if (write_ != pos_) std::memmove(data + write_, data + pos_, end - pos_);
    write_ += end - pos_;
  }
  pos_ = end;
  if (quote == nullptr) return false;
  ++pos_;
  state_ = State::kQuotedQuote;
  return true;
}

// After a closing quote: a separator, a line break (LF or CRLF), or text that should not be
// there, which is reported and dropped. False if one more byte must be seen first.
bool CsvReader::after_quote() {
  const char c = buffer_[pos_];
  if (c == '\r' && pos_ + 1 == tail_) {
    if (!finished_) return false;
    ++pos_;  // CR at the very end: the line break of the last record
  } else if (c == '\r' && buffer_[pos_ + 1] == '\n') {
    ++pos_;
  } else if (c != dialect_.separator && c != '\n') {
    fail(line_, column_ - 1,
         std::string("text after the closing quote; expected ") +
             (dialect_.separator == ','    ? "a comma"
              : dialect_.separator == '\t' ? "a tab"
                                           : "a separator") +
             " or a line break after it (a quote inside a quoted field is written twice: \"\")");
  }
  state_ = State::kFieldDone;
  return true;
}

// Records field [from, to) that ended at a separator, or at the end of the line if `last`.
void CsvReader::end_field(std::size_t from, std::size_t to, bool last, bool quoted) {
  ++column_;
  if (skipping_) return;
  if (last && to > from && buffer_[to - 1] == '\r') --to;
  if (dialect_.trim_unquoted && !quoted) {
    while (from < to && buffer_[from] == ' ') ++from;
    while (to > from && buffer_[to - 1] == ' ') --to;
  }
  if (fields_.size() == limits_.max_fields) {
    fail(line_, column_ - 1,
         "more than " + std::to_string(limits_.max_fields) + " fields in one record");
    skip();
    return;
  }
  fields_.push_back({from - head_, to - from});
}

// Finishes a record whose line break is at pos_.
bool CsvReader::end_line() {
  ++pos_;
  ++line_;
  end_record();
  return true;
}

void CsvReader::end_record() {
  in_record_ = false;
  if (!skipping_ && pos_ - head_ > limits_.max_record_bytes) {
    too_long();
    return;
  }
  blank_ = !skipping_ && fields_.size() == 1 && fields_[0].length == 0 && buffer_[head_] != '"';
}

// The input ended inside a record: it ends there.
void CsvReader::end_at_eof() {
  switch (state_) {
    case State::kFieldStart:
      end_field(pos_, pos_, true);
      break;
    case State::kUnquoted:
      end_field(field_start_, pos_, true);
      break;
    case State::kQuoted:
      problem_ = CsvProblem{};
      fail(quote_line_, column_,
           "the quoted field opened on line " + std::to_string(quote_line_) +
               " is not closed before the end of the input; expected a closing quote");
      end_field(field_start_, write_, false, true);
      break;
    case State::kQuotedQuote:
      end_field(field_start_, write_, false, true);
      break;
    case State::kAfterQuote:
    case State::kFieldDone:
      break;
  }
  end_record();
}

void CsvReader::fail(std::int64_t line, std::size_t column, std::string message) {
  if (!problem_.message.empty()) return;
  problem_.line = line;
  problem_.column = column;
  problem_.message = std::move(message);
}

// Called when the input ran out inside a record: gives up on a record over the limit.
void CsvReader::check_limits() {
  if (!skipping_ && tail_ - head_ > limits_.max_record_bytes) too_long();
  if (skipping_) head_ = field_start_ = write_ = pos_;  // keep nothing of a skipped record
}

void CsvReader::too_long() {
  fail(record_line_, 0,
       "record longer than the limit of " + std::to_string(limits_.max_record_bytes) +
           " bytes; skipped to its end");
  skip();
}

void CsvReader::skip() {
  skipping_ = true;
  fields_.clear();
}

}  // namespace sla
