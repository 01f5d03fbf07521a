// The randomized comparison of a business clock with the brute-force reference model.
#pragma once

#include "business_clock.hpp"
#include "reference_model.hpp"
#include "zone.hpp"

#include <date/date.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <random>
#include <vector>

namespace sla::test {

// Random submission times: anywhere, near business hours, and on the edges of the day; with
// `near_changes`, half of them in the weeks around the second Sunday of March and the first
// Sunday of November, where US-style rules change the clocks.
class Submissions {
 public:
  Submissions(const Zone& zone, int first_year, int last_year, std::uint64_t seed,
              bool near_changes = false)
      : zone_(zone),
        first_year_(first_year),
        last_year_(last_year),
        near_changes_(near_changes),
        rng_(seed) {}

  date::sys_seconds next() {
    auto year = date::year{static_cast<int>(pick(first_year_, last_year_))};
    auto day = date::local_days{year / 1 / 1} + date::days{pick(0, year.is_leap() ? 365 : 364)};
    if (near_changes_ && pick(0, 1) == 0) {
      auto around = pick(0, 1) == 0 ? year / date::March / 7 : year / date::October / 30;
      day = date::local_days{around} + date::days{pick(0, 10)};
    }
    auto kind = pick(0, 9);
    std::int64_t second = 0;
    if (kind < 4) {
      second = pick(0, 86399);
    } else if (kind < 8) {
      second = pick(8 * 3600, 19 * 3600 - 1);
    } else {
      static constexpr std::array<std::int64_t, 8> kEdges{
          0,         8 * 3600 + 3599,  9 * 3600,  9 * 3600 + 1,
          12 * 3600, 17 * 3600 + 3599, 18 * 3600, 18 * 3600 + 1};
      second = kEdges[static_cast<std::size_t>(pick(0, std::int64_t{kEdges.size()} - 1))];
    }
    return zone_.from_local_lenient(day + std::chrono::seconds{second});
  }

  std::int64_t pick(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>{lo, hi}(rng_);
  }

 private:
  const Zone& zone_;
  int first_year_, last_year_;
  bool near_changes_;
  std::mt19937_64 rng_;
};

// Compares `clock` with the brute force over `week`, `holidays` and `parts` (part-day
// closures, or null) on `samples` random submissions from `subs`, for each of `targets`
// (ascending): clock start, elapsed time to a random later instant, deadlines. Returns the
// number of mismatches and reports the first few.
int compare_with_brute(const BusinessClock& clock, const reference::Week& week,
                       reference::Holidays& holidays, Submissions& subs, int samples,
                       const std::vector<std::chrono::seconds>& targets = {std::chrono::hours{2},
                                                                           std::chrono::hours{9},
                                                                           std::chrono::hours{18},
                                                                           std::chrono::hours{27}},
                       reference::PartClosures* parts = nullptr);

}  // namespace sla::test
