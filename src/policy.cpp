// The built-in CodeSecure support policy and the spellings of priorities and tiers.
#include "policy.hpp"

#include "error.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace sla {
namespace {

constexpr std::chrono::seconds kBusinessDay = std::chrono::hours{9};

Target hours(int n) {
  return Target{std::chrono::hours{n}, n, 'h'};
}
Target days(int n) {
  return Target{kBusinessDay * n, n, 'd'};
}

// Case-insensitive ASCII comparison; `lower` is already lower case.
bool equals_lower(std::string_view text, std::string_view lower) {
  return text.size() == lower.size() &&
         std::equal(text.begin(), text.end(), lower.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

}  // namespace

std::string Target::label() const {
  return std::to_string(amount) + unit;
}

std::string Target::words() const {
  std::string out = std::to_string(amount) + (unit == 'd' ? " business day" : " business hour");
  if (amount != 1) out += 's';
  return out;
}

Policy builtin_policy() {
  constexpr std::string_view kOngoing = "Ongoing assistance until resolution";
  return Policy{
      "CodeSecure support policy",
      {{
          {Priority::kP1, "Urgent", "Any issue that causes the Software to be nonfunctional",
           days(1), hours(2), kOngoing},
          {Priority::kP2, "High",
           "Any issue that causes a significant or ongoing interruption of use of critical "
           "functions with no acceptable work-around available, as determined jointly by the "
           "CodeSecure and Customer",
           days(1), hours(2), kOngoing},
          {Priority::kP3, "Normal",
           "Any issue that causes limited interruptions of use of a non-critical function as "
           "determined jointly by the CodeSecure and Customer",
           days(2), days(1),
           "If, in CodeSecure\u2019s sole determination, a workaround or other developer "
           "solution is appropriate and feasible utilizing reasonable efforts"},
          {Priority::kP4, "Low",
           "Any issue that does not significantly impede work or progress, a general question "
           "or issue",
           days(3), days(2), "No follow-up defined"},
      }},
      "America/New_York",
      "us-federal",
      std::chrono::hours{9},
      std::chrono::hours{18},
      kBusinessDay,
  };
}

Priority parse_priority(std::string_view text) {
  static constexpr std::string_view kSpellings[4][3] = {
      {"p1", "1", "urgent"}, {"p2", "2", "high"}, {"p3", "3", "normal"}, {"p4", "4", "low"}};
  for (int i = 0; i < 4; ++i) {
    for (std::string_view spelling : kSpellings[i]) {
      if (equals_lower(text, spelling)) return static_cast<Priority>(i + 1);
    }
  }
  throw InputError("invalid priority " + quote(text) +
                   "; expected P1..P4, 1..4, urgent, high, normal or low");
}

Tier parse_tier(std::string_view text) {
  if (equals_lower(text, "standard")) return Tier::kStandard;
  if (equals_lower(text, "premium")) return Tier::kPremium;
  throw InputError("invalid tier " + quote(text) + "; expected standard or premium");
}

std::string_view priority_code(Priority p) {
  static constexpr std::string_view kCodes[] = {"P1", "P2", "P3", "P4"};
  return kCodes[static_cast<int>(p) - 1];
}

std::string_view tier_name(Tier t) {
  return t == Tier::kPremium ? "premium" : "standard";
}

}  // namespace sla
