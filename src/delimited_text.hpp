// CSV and TSV fields: RFC 4180 quoting for CSV; \t \n \r \\ escapes for TSV.
#pragma once

#include <string>
#include <string_view>

namespace sla {

// Returns true if `value` is written as itself in a line separated by `sep` (',' CSV, '\t'
// TSV): it holds no separator, quote or line break (CSV), or nothing to escape (TSV).
inline bool delimited_plain(std::string_view value, char sep) {
  // One pass, where find_first_of would search the value once per byte.
  const char a = sep, b = sep == ',' ? '"' : '\\';
  for (const char x : value) {
    if (x == a || x == b || x == '\n' || x == '\r') return false;
  }
  return true;
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
