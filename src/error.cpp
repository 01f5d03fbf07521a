// Quoting of user values in error messages.
#include "error.hpp"

#include <cstddef>

namespace sla {

std::string quote(std::string_view value) {
  constexpr std::size_t kMaxShown = 60;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  std::size_t shown = 0;
  for (char c : value) {
    if (shown == kMaxShown) {
      out += "...";
      break;
    }
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
    ++shown;
  }
  out += '"';
  return out;
}

}  // namespace sla
