// SQL values read as the extension's arguments, with one clear error for each wrong kind.
#include "sqlite/arguments.hpp"

#include "error.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

namespace sla {
namespace {

constexpr std::string_view kTimeAccepted =
    "a time as text (ISO 8601 like 2026-11-25T16:30:00-05:00, a date or @unix-seconds) or an "
    "integer of Unix seconds";
constexpr std::string_view kSecondsAccepted = "a whole number of business seconds, 0 or more";
constexpr std::string_view kPercentAccepted = "a percentage from 0 to 100";

// Returns the value as an error message shows it: text quoted, numbers as SQL writes them.
std::string shown(const SqlValue& value) {
  char text[32];
  switch (value.type) {
    case SqlValue::Type::kInteger:
      return std::string(text, std::to_chars(text, text + sizeof text, value.integer).ptr);
    case SqlValue::Type::kReal:
      return std::string(text, std::to_chars(text, text + sizeof text, value.real).ptr);
    case SqlValue::Type::kText:
      return quote(value.bytes);
    case SqlValue::Type::kBlob:
      return "(a blob of " + std::to_string(value.bytes.size()) + " bytes)";
    case SqlValue::Type::kNull:
      break;
  }
  return "NULL";
}

[[noreturn]] void fail(const SqlValue& value, std::string_view field, std::string_view what,
                       std::string_view accepted) {
  std::string message = "invalid " + std::string(field) + " " + shown(value);
  if (!what.empty()) message += ": " + std::string(what);
  throw InputError(message + "; expected " + std::string(accepted));
}

bool all_digits(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

bool is_now(std::string_view text) {
  return text.size() == 3 && (text[0] | 0x20) == 'n' && (text[1] | 0x20) == 'o' &&
         (text[2] | 0x20) == 'w';
}

std::string_view integer_text(std::int64_t n, SqlTextBuffer& buffer, bool at) {
  char* begin = buffer.data();
  if (at) *begin++ = '@';
  char* end = std::to_chars(begin, buffer.data() + buffer.size(), n).ptr;
  return {buffer.data(), static_cast<std::size_t>(end - buffer.data())};
}

// Returns the whole text as a number of type T, or nullopt.
template <typename T>
std::optional<T> number_in(std::string_view text) {
  T n{};
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, n);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return n;
}

}  // namespace

bool absent(const SqlValue& value) {
  return value.type == SqlValue::Type::kNull ||
         (value.type == SqlValue::Type::kText && value.bytes.empty());
}

std::string_view time_text(const SqlValue& value, std::string_view field, SqlTextBuffer& buffer) {
  switch (value.type) {
    case SqlValue::Type::kInteger:
      return integer_text(value.integer, buffer, true);
    case SqlValue::Type::kText:
      if (is_now(value.bytes)) {
        fail(value, field, "the extension never reads the clock",
             "the time as an argument, such as unixepoch() for the current one");
      }
      // Five digits or more cannot start a date: Unix seconds that became text.
      if (value.bytes.size() >= 5 && all_digits(value.bytes)) {
        fail(value, field, "digits as text",
             std::string(kTimeAccepted) + " such as CAST(" + std::string(field) + " AS INTEGER)");
      }
      return value.bytes;
    case SqlValue::Type::kReal:
      // julianday() and friends count days: reading them as seconds would be silently wrong.
      fail(value, field, "a real number", std::string(kTimeAccepted) + " such as unixepoch()");
    case SqlValue::Type::kBlob:
      fail(value, field, "", kTimeAccepted);
    case SqlValue::Type::kNull:
      break;
  }
  fail(value, field, "", kTimeAccepted);
}

std::string_view word_text(const SqlValue& value, std::string_view field, SqlTextBuffer& buffer) {
  if (value.type == SqlValue::Type::kText) return value.bytes;
  if (value.type == SqlValue::Type::kInteger) return integer_text(value.integer, buffer, false);
  fail(value, field, "", "text or an integer");
}

std::int64_t seconds_of(const SqlValue& value, std::string_view field) {
  // Far beyond 9999-12-31 from any supported time, and exactly representable as a double.
  constexpr double kMax = 9'007'199'254'740'992.0;
  std::int64_t n = 0;
  switch (value.type) {
    case SqlValue::Type::kInteger:
      n = value.integer;
      break;
    case SqlValue::Type::kReal:
      if (!(std::abs(value.real) <= kMax) || value.real != std::floor(value.real)) {
        fail(value, field, "not a whole number", kSecondsAccepted);
      }
      n = static_cast<std::int64_t>(value.real);
      break;
    case SqlValue::Type::kText: {
      auto parsed = number_in<std::int64_t>(value.bytes);
      if (!parsed) fail(value, field, "not a whole number", kSecondsAccepted);
      n = *parsed;
      break;
    }
    default:
      fail(value, field, "", kSecondsAccepted);
  }
  if (n < 0) fail(value, field, "negative", kSecondsAccepted);
  return n;
}

double percent_of(const SqlValue& value, std::string_view field) {
  double p = -1;
  if (value.type == SqlValue::Type::kInteger) {
    p = value.integer >= 0 && value.integer <= 100 ? static_cast<double>(value.integer) : -1;
  } else if (value.type == SqlValue::Type::kReal) {
    p = value.real;
  } else if (value.type == SqlValue::Type::kText) {
    p = number_in<double>(value.bytes).value_or(-1);
  }
  if (!(p >= 0 && p <= 100)) fail(value, field, "", kPercentAccepted);
  return p;
}

}  // namespace sla
