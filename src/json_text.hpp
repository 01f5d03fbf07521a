// JSON text: string literals, escaped and made valid UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace sla {

// Hands `value` to `put` as a JSON string literal, quotes included, in pieces (`put` takes a
// std::string_view); invalid UTF-8 becomes U+FFFD.
template <class Put>
void encode_json_string(std::string_view value, Put&& put);

// Appends `value` as a JSON string literal, as encode_json_string gives it.
void append_json_string(std::string& out, std::string_view value);

// Returns true if append_json_string writes `value` unchanged between its quotes: printable
// ASCII without '"' or '\'. Field names are, so their keys need no escaping.
constexpr bool json_plain(std::string_view value) {
  for (const char c : value) {
    if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') return false;
  }
  return true;
}

namespace json_detail {
// Returns the length of the valid UTF-8 sequence at the start of `s`, or 0 if invalid.
std::size_t utf8_length(std::string_view s);
}  // namespace json_detail

template <class Put>
void encode_json_string(std::string_view value, Put&& put) {
  static constexpr char kHex[] = "0123456789abcdef";
  put(std::string_view("\""));
  std::size_t i = 0;
  while (i < value.size()) {
    // Runs of plain bytes, most text, go as one piece.
    std::size_t plain = i;
    while (plain < value.size()) {
      const auto c = static_cast<unsigned char>(value[plain]);
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') break;
      ++plain;
    }
    if (plain > i) put(value.substr(i, plain - i));
    i = plain;
    if (i == value.size()) break;
    const auto c = static_cast<unsigned char>(value[i]);
    if (c == '"') {
      put(std::string_view("\\\""));
    } else if (c == '\\') {
      put(std::string_view("\\\\"));
    } else if (c == '\n') {
      put(std::string_view("\\n"));
    } else if (c == '\t') {
      put(std::string_view("\\t"));
    } else if (c == '\r') {
      put(std::string_view("\\r"));
    } else if (c < 0x20 || c == 0x7f) {
      const char escape[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
      put(std::string_view(escape, sizeof escape));
    } else {
      std::size_t n = json_detail::utf8_length(value.substr(i));
      if (n == 0) {
        put(std::string_view("\\ufffd"));
        n = 1;
      } else {
        put(value.substr(i, n));
      }
      i += n;
      continue;
    }
    ++i;
  }
  put(std::string_view("\""));
}

}  // namespace sla
