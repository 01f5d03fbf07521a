// CSV and TSV fields: RFC 4180 quoting for CSV; \t \n \r \\ escapes for TSV.
#pragma once

#include "packed_bytes.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace sla {

namespace delimited_detail {

inline constexpr std::uint64_t kOnes = 0x0101010101010101;

// Returns nonzero if a byte of `w` is one of `a` and `b` (a byte repeated in every byte of
// its word), '\n' or '\r'. A byte equal to its pattern is zero after ^, and (x - ones) & ~x
// sets the high bit of some byte exactly when x has a zero byte.
inline std::uint64_t special(std::uint64_t w, std::uint64_t a, std::uint64_t b) {
  auto zero = [](std::uint64_t x) { return (x - kOnes) & ~x & kOnes * 0x80; };
  return zero(w ^ a) | zero(w ^ b) | zero(w ^ kOnes * '\n') | zero(w ^ kOnes * '\r');
}

}  // namespace delimited_detail

// Returns true if `value` is written as itself in a line separated by `sep` (',' CSV, '\t'
// TSV): it holds no separator, quote or line break (CSV), or nothing to escape (TSV).
inline bool delimited_plain(std::string_view value, char sep) {
  using delimited_detail::kOnes;
  using delimited_detail::special;
  // Eight bytes at a time, the last word overlapping the one before; values shorter than a
  // word (most: ids, priorities, statuses) are read as one word.
  const std::uint64_t a = kOnes * static_cast<unsigned char>(sep);
  const std::uint64_t b = kOnes * static_cast<unsigned char>(sep == ',' ? '"' : '\\');
  const char* p = value.data();
  const std::size_t n = value.size();
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (special(word_at(p + i), a, b) != 0) return false;
    }
    return special(word_at(p + n - 8), a, b) == 0;
  }
  // Zero bytes (above a short value's) are not special: no pattern is zero.
  return special(short_word_at(p, n), a, b) == 0;
}

// Hands `value` to `put` as one field of a line separated by `sep`, in pieces: `put` takes a
// std::string_view.
template <class Put>
void encode_delimited(std::string_view value, char sep, Put&& put) {
  if (delimited_plain(value, sep)) {
    put(value);
  } else if (sep == ',') {
    put(std::string_view("\""));
    for (std::size_t q; (q = value.find('"')) != std::string_view::npos;) {
      put(value.substr(0, q + 1));
      put(std::string_view("\""));
      value.remove_prefix(q + 1);
    }
    put(value);
    put(std::string_view("\""));
  } else {
    for (std::size_t i = 0; i < value.size(); ++i) {
      const char c = value[i];
      const std::string_view escape = c == '\t'   ? "\\t"
                                      : c == '\n' ? "\\n"
                                      : c == '\r' ? "\\r"
                                      : c == '\\' ? "\\\\"
                                                  : std::string_view();
      put(escape.empty() ? value.substr(i, 1) : escape);
    }
  }
}

// Appends `value` as one field of a line separated by `sep`.
inline void append_delimited(std::string& out, std::string_view value, char sep) {
  encode_delimited(value, sep, [&out](std::string_view piece) { out += piece; });
}

}  // namespace sla
