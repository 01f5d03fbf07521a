// The policy value: lookups of priorities, tiers and calendars by the words people use.
#include "policy.hpp"

#include "error.hpp"

#include <algorithm>

namespace sla {
namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Returns the index of the entry whose id or one of whose aliases `text` names.
template <typename T>
std::optional<std::size_t> find_named(const std::vector<T>& entries, std::string_view text) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (equals_ignoring_case(entries[i].id, text)) return i;
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    for (const std::string& alias : entries[i].aliases) {
      if (equals_ignoring_case(alias, text)) return i;
    }
  }
  return std::nullopt;
}

// Returns "a, b or c".
std::string or_list(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += words[i];
  }
  return out;
}

// Returns the ids as a range "P1..P4" where they are a prefix and 1..n in order, else listed.
template <typename T>
std::string id_words(const std::vector<T>& entries) {
  std::vector<std::string> ids;
  for (const T& e : entries) ids.push_back(e.id);
  const std::string& first = ids.front();
  std::string prefix = first.substr(0, first.size() - 1);
  bool range = ids.size() > 2 && !prefix.empty();
  for (std::size_t i = 0; range && i < ids.size(); ++i) {
    range = ids[i] == prefix + std::to_string(i + 1);
  }
  if (range) return first + ".." + ids.back();
  return or_list(ids);
}

template <typename T>
std::string words_of(const std::vector<T>& entries) {
  std::string out = id_words(entries);
  std::vector<std::string> names;
  for (const T& e : entries) {
    if (e.name.empty() || find_named(entries, e.name) == std::nullopt) continue;
    std::string name = e.name;
    std::transform(name.begin(), name.end(), name.begin(), lower);
    if (!equals_ignoring_case(name, e.id)) names.push_back(name);
  }
  if (!names.empty()) out += ", or " + or_list(names);
  return out;
}

}  // namespace

std::string_view reclassification_name(Reclassification r) {
  return r == Reclassification::kFromChange ? "from_change" : "from_submission";
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

std::optional<std::size_t> Policy::find_priority(std::string_view text) const {
  return find_named(priorities, text);
}

std::optional<std::size_t> Policy::find_tier(std::string_view text) const {
  return find_named(tiers, text);
}

std::optional<std::size_t> Policy::find_calendar(std::string_view text) const {
  for (std::size_t i = 0; i < calendars.size(); ++i) {
    if (equals_ignoring_case(calendars[i].name, text)) return i;
  }
  return std::nullopt;
}

std::string Policy::priority_words() const {
  return words_of(priorities);
}

std::string Policy::tier_words() const {
  return words_of(tiers);
}

std::string Policy::calendar_words() const {
  std::vector<std::string> names;
  for (const Calendar& c : calendars) names.push_back(c.name);
  return or_list(names);
}

std::size_t parse_priority(const Policy& policy, std::string_view text, std::string_view field) {
  if (auto p = policy.find_priority(text)) return *p;
  throw InputError("invalid " + std::string(field) + " " + quote(text) + "; expected " +
                   policy.priority_words() + " (sla policy lists every alias)");
}

std::size_t parse_tier(const Policy& policy, std::string_view text, std::string_view field) {
  if (auto t = policy.find_tier(text)) return *t;
  throw InputError("invalid " + std::string(field) + " " + quote(text) + "; expected " +
                   policy.tier_words());
}

std::size_t parse_calendar(const Policy& policy, std::string_view text, std::string_view field) {
  if (auto c = policy.find_calendar(text)) return *c;
  throw InputError("invalid " + std::string(field) + " " + quote(text) +
                   ": no such calendar in the policy; expected " + policy.calendar_words());
}

}  // namespace sla
