// The one exception type for bad input: a value the user gave that sla cannot accept.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace sla {

// Thrown by parse and load functions. The message is complete and printable after
// "sla: error: ": it names the field, quotes the offending value and says what is accepted.
class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

// Returns `value` quoted for an error message: in double quotes, control and non-ASCII
// bytes escaped as \xHH, and cut to 60 bytes with "..." so that a huge argument stays one line.
std::string quote(std::string_view value);

}  // namespace sla
