// The SQLite extension's arguments: SQL values read as times, words, seconds and percentages.
// Knows nothing of SQLite itself, so that tests can feed it values directly.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sla {

// One SQL value as SQLite hands it to a function. `bytes` views SQLite's copy (text without
// leading and trailing spaces, or a blob) and is valid during the call only.
struct SqlValue {
  enum class Type { kNull, kInteger, kReal, kText, kBlob };
  Type type = Type::kNull;
  std::int64_t integer = 0;
  double real = 0;
  std::string_view bytes;
};

// Space for the text of an integer argument: "@-9223372036854775808".
using SqlTextBuffer = std::array<char, 24>;

// Returns true if `value` is NULL or empty text: what an optional argument (priority, tier,
// responded, warn_percent) leaves out. `.import` writes an empty CSV cell as empty text.
bool absent(const SqlValue& value);

// Returns `value` as a time text for parse_time: text as it is, an integer N as "@N" (Unix
// seconds) written into `buffer`. REQUIRES: not NULL. Throws InputError naming `field` for a
// real (julianday() gives days), a blob, digits as text (strftime('%s') gives text) and "now":
// the extension never reads the clock.
std::string_view time_text(const SqlValue& value, std::string_view field, SqlTextBuffer& buffer);

// Returns `value` as the text of a word (a priority, a tier, a path): text as it is, an integer
// as its decimal digits written into `buffer`. REQUIRES: not NULL. Throws InputError naming
// `field` for a real or a blob.
std::string_view word_text(const SqlValue& value, std::string_view field, SqlTextBuffer& buffer);

// Returns `value` as a count of business seconds, 0 or more: an integer, a real that is a whole
// number, or the text of an integer. REQUIRES: not NULL. Throws InputError naming `field`.
std::int64_t seconds_of(const SqlValue& value, std::string_view field);

// Returns `value` as a percentage from 0 to 100: an integer, a real or the text of a number.
// REQUIRES: not NULL. Throws InputError naming `field`.
double percent_of(const SqlValue& value, std::string_view field);

}  // namespace sla
