// Durations: parsing and the two ways of showing them.
#include "duration.hpp"

#include <cstddef>

namespace sla {
namespace {

constexpr std::string_view kUnits = "dhms";
constexpr std::array<std::string_view, 4> kUnitWords = {"day", "hour", "minute", "second"};

}  // namespace

std::string Duration::label() const {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i] == 0) continue;
    if (!out.empty()) out += ' ';
    out += std::to_string(parts[i]);
    out += kUnits[i];
  }
  return out.empty() ? "0s" : out;
}

std::string Duration::words() const {
  std::size_t used = 0, unit = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i] != 0) {
      ++used;
      unit = i;
    }
  }
  if (used != 1) return label() + " of business time";
  std::string out = std::to_string(parts[unit]) + " business " + std::string(kUnitWords[unit]);
  if (parts[unit] != 1) out += 's';
  return out;
}

std::optional<Duration> parse_duration(std::string_view text, std::string& why) {
  Duration d;
  std::size_t i = 0, next_unit = 0;
  bool any = false;
  auto skip_spaces = [&] {
    while (i < text.size() && text[i] == ' ') ++i;
  };
  skip_spaces();
  while (i < text.size()) {
    std::size_t digits = i;
    std::int64_t value = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
      if (value <= Duration::kMaxPart) value = value * 10 + (text[digits] - '0');
      ++digits;
    }
    if (digits == i) {
      why = "a part does not start with a number";
      return std::nullopt;
    }
    std::size_t word = digits;
    while (word < text.size() && text[word] == ' ') ++word;
    std::size_t word_end = word;
    while (word_end < text.size() && ((text[word_end] >= 'a' && text[word_end] <= 'z') ||
                                      (text[word_end] >= 'A' && text[word_end] <= 'Z'))) {
      ++word_end;
    }
    if (word_end == word) {
      why = word == text.size() ? "a number has no unit (d, h, m or s)"
                                : "unknown unit '" + std::string(1, text[word]) + "'";
      return std::nullopt;
    }
    std::size_t unit = word_end - word == 1 ? kUnits.find(text[word]) : std::string_view::npos;
    if (unit == std::string_view::npos) {
      why = "unknown unit \"" + std::string(text.substr(word, word_end - word)) +
            "\" (write d, h, m or s)";
      return std::nullopt;
    }
    if (unit < next_unit) {
      why = "units must come largest first, each once (d, h, m, s)";
      return std::nullopt;
    }
    if (value > Duration::kMaxPart) {
      why = "a part is larger than " + std::to_string(Duration::kMaxPart);
      return std::nullopt;
    }
    d.parts[unit] = value;
    next_unit = unit + 1;
    any = true;
    i = word_end;
    skip_spaces();
  }
  if (!any) {
    why = "empty";
    return std::nullopt;
  }
  return d;
}

}  // namespace sla
