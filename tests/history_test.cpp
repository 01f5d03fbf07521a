// Ticket history against an independent model that steps through it second by second: the
// model's own Eastern wall clock and federal holidays say which seconds are business time,
// and the rules of SPEC section 8 are restated here in their own terms.
#include "engine.hpp"
#include "evaluate.hpp"
#include "reference_model.hpp"
#include "test_support.hpp"
#include "time_text.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace sla {
namespace {

namespace ref = reference;
using Seconds = std::chrono::seconds;
using Instant = date::sys_seconds;

// Four priorities, two tiers; P1 premium runs on a 24x7 calendar, everything else on New
// York business hours with the US federal holidays.
std::string history_policy(std::string_view mode) {
  return "name = \"History\"\ntime_zone = \"America/New_York\"\ndefault_priority = \"P3\"\n"
         "default_tier = \"standard\"\ndefault_calendar = \"business\"\nreclassification = \"" +
         std::string(mode) +
         "\"\n[calendars.business]\nholidays = [\"us-federal\"]\nday = \"9h\"\n"
         "mon = [\"09:00-18:00\"]\ntue = [\"09:00-18:00\"]\nwed = [\"09:00-18:00\"]\n"
         "thu = [\"09:00-18:00\"]\nfri = [\"09:00-18:00\"]\n[calendars.always]\nhours = \"24x7\"\n"
         "[[priorities]]\nid = \"P1\"\n[[priorities]]\nid = \"P2\"\n[[priorities]]\nid = \"P3\"\n"
         "[[priorities]]\nid = \"P4\"\n[[tiers]]\nid = \"standard\"\n[[tiers]]\nid = \"premium\"\n"
         "[response]\n"
         "P1 = { standard = \"2h\", premium = { target = \"1h\", calendar = \"always\" } }\n"
         "P2 = { standard = \"4h\", premium = \"90m\" }\n"
         "P3 = { standard = \"1d\", premium = \"3h\" }\n"
         "P4 = { standard = \"2d\", premium = \"1d\" }\n";
}

// The same table, restated: business seconds and whether the cell runs around the clock.
struct Cell {
  std::int64_t seconds;
  bool always;
};
constexpr std::array<std::array<Cell, 2>, 4> kCells = {{{{{7200, false}, {3600, true}}},
                                                        {{{14400, false}, {5400, false}}},
                                                        {{{32400, false}, {10800, false}}},
                                                        {{{64800, false}, {32400, false}}}}};

const Engine& engine_for(bool from_change) {
  static test::TestResources resources;
  static const Engine submission(
      EngineSetup{{{history_policy("from_submission"), "history.toml", false}}, {}, {}}, resources);
  static const Engine change(
      EngineSetup{{{history_policy("from_change"), "history.toml", false}}, {}, {}}, resources);
  return from_change ? change : submission;
}

// Business hours by the model: 09:00 to 18:00 on weekdays that are no federal holiday, each
// day's ends turned into instants by the model's Eastern wall clock.
class OpenHours {
 public:
  explicit OpenHours(Instant from) {
    const ref::EasternWallClock wall;
    const auto first = date::floor<date::days>(wall.to_local(from)) - date::days{1};
    for (auto d = first; d < first + date::days{60}; d += date::days{1}) {
      const unsigned wd = date::weekday{d}.c_encoding();
      if (wd == 0 || wd == 6 || holidays_.is_holiday(d)) continue;
      open_.push_back({wall.from_local_lenient(d + std::chrono::hours{9}),
                       wall.from_local_lenient(d + std::chrono::hours{18})});
    }
  }
  // Returns the open stretch holding `t`, or the next one after it.
  const std::pair<Instant, Instant>& at_or_after(Instant t) const {
    return *std::find_if(open_.begin(), open_.end(), [t](const auto& o) { return o.second > t; });
  }
  Instant end() const { return open_.back().second; }

 private:
  ref::FederalHolidays holidays_;
  std::vector<std::pair<Instant, Instant>> open_;
};

// One random history, as the model and the engine both take it.
struct History {
  Instant submitted{};
  std::size_t priority = 0, tier = 0;
  std::vector<PriorityChange> changes;  // in time order
  std::vector<Pause> pauses;            // in time order, apart
  std::optional<Instant> responded;
  Instant now{};

  Ticket ticket() const {
    Ticket t;
    t.submitted = submitted;
    t.priority = priority;
    t.tier = tier;
    t.responded = responded;
    t.reclassified = changes;
    t.paused = pauses;
    return t;
  }
};

// What the model expects.
struct Expected {
  std::size_t priority = 0;
  Instant clock_start{}, deadline{}, original_deadline{};
  bool breached_on_reclassification = false;
  std::int64_t elapsed = 0, remaining = 0, paused = 0, overdue = 0;
  std::optional<std::int64_t> response;
  Status status = Status::kOnTrack;
};

class Model {
 public:
  Model(const History& h, bool from_change)
      : h_(h), from_change_(from_change), hours_(h.submitted) {}

  Expected run() const {
    Expected e;
    const Instant settled = h_.responded.value_or(h_.now);
    // The clock in force started at the last reclassification up to the settling moment that
    // changed the priority; the priority of an instant is the last one given at or before it.
    Instant since = h_.submitted;
    for (const PriorityChange& c : h_.changes) {
      if (c.at <= settled && c.priority != priority_at(c.at - Seconds{1})) since = c.at;
    }
    e.priority = priority_at(settled);
    const Instant from = from_change_ ? since : h_.submitted;
    const Cell cell = kCells[e.priority][h_.tier];
    e.clock_start = first_counted(from, cell.always);
    e.deadline = deadline(from, cell);
    e.original_deadline = deadline(h_.submitted, kCells[h_.priority][h_.tier]);
    if (!from_change_ && since != h_.submitted && e.deadline < since) {
      const std::size_t before = priority_at(since - Seconds{1});
      e.breached_on_reclassification = deadline(h_.submitted, kCells[before][h_.tier]) >= since;
    }
    e.elapsed = count(from, h_.now, cell.always, false);
    e.remaining = std::max<std::int64_t>(cell.seconds - e.elapsed, 0);
    e.paused = count(h_.submitted, settled, cell.always, true);
    if (h_.responded) {
      e.response = count(from, *h_.responded, cell.always, false);
      const bool met = *h_.responded <= e.deadline;
      e.status = met ? Status::kMet : Status::kMissed;
      if (!met) e.overdue = (*h_.responded - e.deadline).count();
    } else if (h_.now > e.deadline) {
      e.status = Status::kBreached;
      e.overdue = (h_.now - e.deadline).count();
    } else if (paused_now()) {
      e.status = Status::kPaused;
    } else if (100.0 * static_cast<double>(e.elapsed) / static_cast<double>(cell.seconds) >= 75) {
      e.status = Status::kAtRisk;
    }
    return e;
  }

 private:
  std::size_t priority_at(Instant t) const {
    std::size_t p = h_.priority;
    for (const PriorityChange& c : h_.changes) {
      if (c.at <= t) p = c.priority;
    }
    return p;
  }
  // Whether the second [t, t+1) lies in a pause: a running one ends at now, and nothing after
  // a response counts.
  bool paused(Instant t) const {
    if (h_.responded && t >= *h_.responded) return false;
    for (const Pause& p : h_.pauses) {
      if (t >= p.from && t < p.to.value_or(h_.now)) return true;
    }
    return false;
  }
  bool paused_now() const {
    for (const Pause& p : h_.pauses) {
      if (h_.now >= p.from && (!p.to || h_.now < *p.to)) return true;
    }
    return false;
  }
  // Calls `each` with every business second from `t` on until it returns false; closed time
  // between open stretches is passed over, every open second is visited.
  template <typename Each>
  void walk(Instant t, bool always, Each&& each) const {
    while (t < hours_.end()) {
      if (!always) {
        const auto& open = hours_.at_or_after(t);
        t = std::max(t, open.first);
        for (; t < open.second; t += Seconds{1}) {
          if (!each(t)) return;
        }
        continue;
      }
      if (!each(t)) return;
      t += Seconds{1};
    }
    ADD_FAILURE() << "the model ran out of days";
  }
  Instant first_counted(Instant from, bool always) const {
    Instant found{};
    walk(from, always, [&](Instant t) {
      found = t;
      return paused(t);
    });
    return found;
  }
  Instant deadline(Instant from, Cell cell) const {
    std::int64_t n = 0;
    Instant found{};
    walk(from, cell.always, [&](Instant t) {
      if (!paused(t)) ++n;
      found = t + Seconds{1};
      return n < cell.seconds;
    });
    return found;
  }
  // Returns the business seconds in [from, to) outside pauses, or inside them.
  std::int64_t count(Instant from, Instant to, bool always, bool inside) const {
    std::int64_t n = 0;
    if (to <= from) return 0;
    walk(from, always, [&](Instant t) {
      if (t >= to) return false;
      if (paused(t) == inside) ++n;
      return true;
    });
    return n;
  }

  const History& h_;
  bool from_change_;
  OpenHours hours_;
};

// Random histories around the days where clocks go wrong: holidays, long weekends, the days
// clocks change, and any day of a decade.
class Histories {
 public:
  explicit Histories(std::uint64_t seed) : rng_(seed) {}

  History next() {
    static const std::array<date::local_days, 8> kDays = {
        date::local_days{date::year{2026} / 11 / 25}, date::local_days{date::year{2026} / 12 / 24},
        date::local_days{date::year{2026} / 3 / 6},   date::local_days{date::year{2026} / 10 / 30},
        date::local_days{date::year{2026} / 7 / 2},   date::local_days{date::year{2027} / 1 / 15},
        date::local_days{date::year{2025} / 5 / 23},  date::local_days{date::year{2024} / 2 / 29}};
    History h;
    date::local_days day =
        pick(0, 2) == 0 ? date::local_days{date::year{2020} / 1 / 1} + date::days{pick(0, 3650)}
                        : kDays[static_cast<std::size_t>(pick(0, std::int64_t{kDays.size()} - 1))] +
                              date::days{pick(-2, 2)};
    h.submitted = test::new_york().from_local_lenient(
        day + Seconds{pick(0, 2) == 0 ? pick(0, 86399) : pick(8 * 3600, 19 * 3600)});
    h.priority = static_cast<std::size_t>(pick(0, 3));
    h.tier = static_cast<std::size_t>(pick(0, 1));
    h.now = h.submitted + Seconds{pick(0, 3) == 0 ? pick(0, 7200) : pick(0, 4 * 86400)};
    const std::int64_t span = (h.now - h.submitted).count();
    auto within = [&] {
      const int edge = static_cast<int>(pick(0, 9));
      if (edge == 0) return h.submitted;
      if (edge == 1) return h.now;
      return h.submitted + Seconds{pick(0, span)};
    };
    for (int i = static_cast<int>(pick(0, 3)); i > 0; --i) {
      const Instant at = within();
      bool taken = false;
      for (const PriorityChange& c : h.changes) taken = taken || c.at == at;
      if (!taken) h.changes.push_back({at, static_cast<std::size_t>(pick(0, 3))});
    }
    std::sort(h.changes.begin(), h.changes.end(),
              [](const PriorityChange& a, const PriorityChange& b) { return a.at < b.at; });
    std::vector<Instant> starts;
    for (int i = static_cast<int>(pick(0, 3)); i > 0; --i) starts.push_back(within());
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    for (std::size_t i = 0; i < starts.size(); ++i) {
      const bool last = i + 1 == starts.size();
      if (last && pick(0, 3) == 0) {
        h.pauses.push_back({starts[i], std::nullopt});
        break;
      }
      // A pause ends before the next starts, or anywhere in the next three days if last.
      const std::int64_t room = last ? 3 * 86400 : (starts[i + 1] - starts[i]).count();
      if (room < 1) continue;
      h.pauses.push_back({starts[i], starts[i] + Seconds{pick(1, room)}});
    }
    if (pick(0, 4) < 2) h.responded = h.submitted + Seconds{pick(0, 5 * 86400)};
    return h;
  }

  std::int64_t pick(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>{lo, hi}(rng_);
  }

 private:
  std::mt19937_64 rng_;
};

std::string describe(const History& h) {
  const Zone& z = test::new_york();
  std::ostringstream out;
  out << "submitted " << format_time(h.submitted, z) << " P" << h.priority + 1 << " tier " << h.tier
      << ", now " << format_time(h.now, z);
  if (h.responded) out << ", responded " << format_time(*h.responded, z);
  for (const PriorityChange& c : h.changes) {
    out << "\n  reclassified " << format_time(c.at, z) << "=P" << c.priority + 1;
  }
  for (const Pause& p : h.pauses) {
    out << "\n  paused " << format_time(p.from, z) << "/"
        << (p.to ? format_time(*p.to, z) : std::string());
  }
  return out.str();
}

// Returns a description of every way `r` differs from `e`, or "" if it does not.
std::string differences(const Result& r, const Expected& e) {
  const Zone& z = test::new_york();
  std::ostringstream out;
  auto time = [&](const char* name, Instant got, Instant want) {
    if (got != want)
      out << "\n  " << name << " " << format_time(got, z) << ", model " << format_time(want, z);
  };
  auto number = [&](const char* name, std::int64_t got, std::int64_t want) {
    if (got != want) out << "\n  " << name << " " << got << ", model " << want;
  };
  const CheckState& c = *r.check;
  number("priority", static_cast<std::int64_t>(r.priority), static_cast<std::int64_t>(e.priority));
  time("clock_start", r.clock_start, e.clock_start);
  time("deadline", r.deadline, e.deadline);
  time("original_deadline", r.original_deadline, e.original_deadline);
  number("breached_on_reclassification", r.breached_on_reclassification,
         e.breached_on_reclassification);
  number("elapsed", c.elapsed.count(), e.elapsed);
  number("remaining", c.remaining.count(), e.remaining);
  number("paused", c.paused.count(), e.paused);
  number("overdue", c.overdue.count(), e.overdue);
  number("response", c.response_business ? c.response_business->count() : -1,
         e.response.value_or(-1));
  if (c.status != e.status) {
    out << "\n  status " << status_name(c.status) << ", model " << status_name(e.status);
  }
  return out.str();
}

// Moves the first reclassification to `late` seconds after the deadline the priority before
// it gave, where breached_on_reclassification turns, if that is in [submitted, now].
void at_the_deadline(History& h, std::int64_t late) {
  History before = h;
  before.changes.clear();
  const Instant at = Model(before, false).run().deadline + Seconds{late};
  if (at < h.submitted || at > h.now) return;
  for (const PriorityChange& c : h.changes) {
    if (c.at == at) return;
  }
  h.changes.front().at = at;
  std::sort(h.changes.begin(), h.changes.end(),
            [](const PriorityChange& a, const PriorityChange& b) { return a.at < b.at; });
}

#if SLA_SANITIZED
constexpr int kHistories = 1500;
#else
constexpr int kHistories = 50000;
#endif

TEST(History, RandomHistoriesAgainstTheModelSecondBySecond) {
  Histories histories(20261201);
  int mismatches = 0, reclassified = 0, paused = 0, running = 0, breached_on = 0;
  for (int i = 0; i < kHistories; ++i) {
    History h = histories.next();
    if (i % 4 == 0 && !h.changes.empty()) at_the_deadline(h, histories.pick(0, 1));
    reclassified += h.changes.empty() ? 0 : 1;
    paused += h.pauses.empty() ? 0 : 1;
    running += !h.pauses.empty() && !h.pauses.back().to ? 1 : 0;
    for (bool from_change : {false, true}) {
      const auto r = engine_for(from_change).evaluate(h.ticket(), h.now, 75);
      ASSERT_TRUE(r.has_value()) << describe(h);
      const Expected e = Model(h, from_change).run();
      breached_on += e.breached_on_reclassification ? 1 : 0;
      const std::string diff = differences(*r, e);
      if (!diff.empty() && ++mismatches <= 10) {
        ADD_FAILURE() << (from_change ? "from_change: " : "from_submission: ") << describe(h)
                      << diff;
      }
    }
  }
  RecordProperty("histories", kHistories);
  RecordProperty("mismatches", mismatches);
  EXPECT_EQ(mismatches, 0) << "of " << 2 * kHistories << " evaluations";
  // The generator reaches what it is meant to.
  EXPECT_GT(reclassified, kHistories / 2);
  EXPECT_GT(paused, kHistories / 2);
  EXPECT_GT(running, kHistories / 20);
  EXPECT_GT(breached_on, kHistories / 200);
}

// The fields a history decides, for comparing two results.
std::string judged(const Result& r) {
  const Zone& z = test::new_york();
  const CheckState& c = *r.check;
  std::ostringstream out;
  out << "priority " << r.priority << " clock_start " << format_time(r.clock_start, z)
      << " deadline " << format_time(r.deadline, z) << " status " << status_name(c.status)
      << " elapsed " << c.elapsed.count() << " remaining " << c.remaining.count() << " paused "
      << c.paused.count() << " overdue " << c.overdue.count() << " breached_on_reclassification "
      << r.breached_on_reclassification;
  return out.str();
}

// Everything a result holds, for telling two apart.
std::string everything(const Result& r) {
  const CheckState& c = *r.check;
  std::ostringstream out;
  out << judged(r) << " policy " << r.policy << " change "
      << (r.change ? std::to_string(*r.change) : std::string("none")) << " calendar " << r.calendar
      << " target " << r.target.count() << " original_deadline "
      << r.original_deadline.time_since_epoch().count() << " now "
      << c.now.time_since_epoch().count() << " percent " << c.percent_elapsed << " response "
      << (c.response_business ? c.response_business->count() : -1) << " pauses";
  for (const Stretch& p : r.pauses) {
    out << ' ' << p.from.time_since_epoch().count() << '/' << p.to.time_since_epoch().count();
  }
  return out.str();
}

// One result, as a batch worker keeps it, judges ticket after ticket as a fresh one does:
// nothing of a ticket with a history, a response or a breach stays for the next.
TEST(History, OneResultJudgesEachTicketAsAFreshOne) {
  Histories histories(1204);
  for (bool from_change : {false, true}) {
    const Engine& engine = engine_for(from_change);
    Result kept;
    int plain = 0, after_history = 0;
    bool last_had_history = false;
    for (int i = 0; i < kHistories / 4; ++i) {
      History h = histories.next();
      // Every other ticket bare: no changes, pauses or response, after one that may have had.
      if (i % 2 == 1) {
        h.changes.clear();
        h.pauses.clear();
        h.responded.reset();
        ++plain;
        if (last_had_history) ++after_history;
      }
      last_had_history = !h.changes.empty() || !h.pauses.empty();
      const std::optional<Result> fresh = engine.evaluate(h.ticket(), h.now, 75);
      ASSERT_TRUE(fresh.has_value()) << describe(h);
      kept.ticket = h.ticket();
      ASSERT_TRUE(engine.evaluate_in_place(kept, h.now, 75)) << describe(h);
      ASSERT_EQ(everything(kept), everything(*fresh)) << describe(h);
    }
    EXPECT_GT(after_history, plain / 2);
  }
}

std::size_t priority_at(const History& h, Instant t) {
  std::size_t p = h.priority;
  for (const PriorityChange& c : h.changes) {
    if (c.at <= t) p = c.priority;
  }
  return p;
}

TEST(History, InvariantsOnRandomHistories) {
  Histories histories(77);
  constexpr int kCases = kHistories / 2;
  int checked = 0;
  for (int i = 0; i < kCases; ++i) {
    const History h = histories.next();
    for (bool from_change : {false, true}) {
      const Engine& engine = engine_for(from_change);
      const Result r = *engine.evaluate(h.ticket(), h.now, 75);
      // A pause never moves a deadline earlier.
      History unpaused = h;
      unpaused.pauses.clear();
      const Result u = *engine.evaluate(unpaused.ticket(), h.now, 75);
      EXPECT_GE(r.deadline, u.deadline) << describe(h);
      EXPECT_GE(r.original_deadline, u.original_deadline) << describe(h);
      // original_deadline is the deadline without reclassifications.
      History unclassified = h;
      unclassified.changes.clear();
      EXPECT_EQ(r.original_deadline, engine.evaluate(unclassified.ticket(), h.now, 75)->deadline)
          << describe(h);
      // Reclassifying to the priority in force changes nothing.
      History same = h;
      const Instant at = h.submitted + Seconds{histories.pick(0, (h.now - h.submitted).count())};
      if (std::none_of(h.changes.begin(), h.changes.end(),
                       [&](const PriorityChange& c) { return c.at == at; })) {
        same.changes.push_back({at, priority_at(h, at)});
        std::sort(same.changes.begin(), same.changes.end(),
                  [](const PriorityChange& a, const PriorityChange& b) { return a.at < b.at; });
        EXPECT_EQ(judged(*engine.evaluate(same.ticket(), h.now, 75)), judged(r)) << describe(same);
        ++checked;
      }
    }
    // In from_change mode, a reclassification at the submission is a ticket submitted so.
    History at_start = h;
    const auto priority = static_cast<std::size_t>(histories.pick(0, 3));
    at_start.changes = {{h.submitted, priority}};
    History submitted_so = h;
    submitted_so.changes.clear();
    submitted_so.priority = priority;
    EXPECT_EQ(judged(*engine_for(true).evaluate(at_start.ticket(), h.now, 75)),
              judged(*engine_for(true).evaluate(submitted_so.ticket(), h.now, 75)))
        << describe(at_start);
  }
  EXPECT_GT(checked, kCases);
}

}  // namespace
}  // namespace sla
