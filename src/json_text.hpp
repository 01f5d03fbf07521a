// JSON text: string literals, escaped and made valid UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace sla {

// Appends `value` as a JSON string literal; invalid UTF-8 becomes U+FFFD.
void append_json_string(std::string& out, std::string_view value);

// Returns true if append_json_string writes `value` unchanged between its quotes: printable
// ASCII without '"' or '\'. Field names are, so their keys need no escaping.
constexpr bool json_plain(std::string_view value) {
  for (const char c : value) {
    if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') return false;
  }
  return true;
}

}  // namespace sla
