// The randomized comparison of a business clock with the brute-force reference model.
#include "clock_compare.hpp"

#include "time_text.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

namespace sla::test {
namespace {

using Seconds = std::chrono::seconds;

std::string show(std::optional<date::sys_seconds> t, const Zone& zone) {
  return t ? format_time(*t, zone) : std::string{"nullopt"};
}

}  // namespace

int compare_with_brute(const BusinessClock& clock, const reference::Week& week,
                       reference::Holidays& holidays, Submissions& subs, int samples,
                       const std::vector<Seconds>& targets, reference::PartClosures* parts) {
  std::vector<std::pair<date::sys_seconds, date::sys_seconds>> cases;  // start, until
  for (int i = 0; i < samples; ++i) {
    auto start = subs.next();
    auto days = subs.pick(0, 3) == 0 ? 16 : 5;  // a quarter long enough to hold a whole week
    cases.emplace_back(start, start + Seconds{subs.pick(0, days * 86400)});
  }
  std::sort(cases.begin(), cases.end());
  reference::ZoneWallClock wall{clock.zone()};
  reference::BruteForce brute{wall, week, holidays};
  brute.set_part_closures(parts);
  int mismatches = 0;
  for (auto [start, until] : cases) {
    auto fail = [&mismatches, start = start, &clock](const std::string& what) {
      if (++mismatches > 10) return;
      ADD_FAILURE() << "start " << format_time(start, clock.zone()) << " (" << format_utc(start)
                    << ")" << what;
    };
    auto want = brute.run(start, targets, until);
    if (auto got = clock.clock_start(start); got != want.clock_start) {
      fail(": clock_start " + show(got, clock.zone()) + ", brute " +
           show(want.clock_start, clock.zone()));
    }
    if (auto got = clock.elapsed(start, until); got != want.elapsed) {
      fail(" until " + format_utc(until) + ": elapsed " + std::to_string(got.count()) + ", brute " +
           std::to_string(want.elapsed.count()));
    }
    for (std::size_t k = 0; k < targets.size(); ++k) {
      auto got = clock.deadline(start, targets[k]);
      if (got != want.deadlines[k]) {
        fail(" + " + std::to_string(targets[k].count()) + "s: deadline " + show(got, clock.zone()) +
             ", brute " + show(want.deadlines[k], clock.zone()));
      } else if (got && (clock.elapsed(start, *got) != targets[k] ||
                         clock.elapsed(start, *got - Seconds{1}) >= targets[k])) {
        fail(": elapsed up to deadline " + show(got, clock.zone()) + " is not the target");
      }
    }
  }
  return mismatches;
}

}  // namespace sla::test
