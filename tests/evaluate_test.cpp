// Tests of deadlines and check statuses under the built-in policy.
#include "engine.hpp"
#include "ticket_reader.hpp"

#include "error.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <random>

namespace sla {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using test::ny;

class Evaluate : public ::testing::Test {
 protected:
  const Engine& engine_ = test::builtin_engine();

  Ticket ticket(date::sys_seconds submitted, std::string_view p = "P1",
                std::string_view t = "premium") {
    return test::ticket(submitted, p, t);
  }
  Result evaluate_due(const Ticket& k) { return *engine_.evaluate(k, k.submitted, 75); }
  Result evaluate_check(const Ticket& k, date::sys_seconds now, double warn) {
    return *engine_.evaluate(k, now, warn);
  }
};

TEST_F(Evaluate, DueGivesTargetFollowUpAndDeadline) {
  Result r = evaluate_due(ticket(ny(2026, 11, 25, 16, 30)));
  EXPECT_EQ(r.deadline, ny(2026, 11, 27, 9, 30));
  EXPECT_EQ(r.clock_start, ny(2026, 11, 25, 16, 30));
  EXPECT_EQ(r.target, hours{2});
  EXPECT_EQ(r.priority_level().name, "Urgent");
  EXPECT_EQ(r.priority_level().follow_up, "Ongoing assistance until resolution");
}

TEST_F(Evaluate, StatusesWithoutAResponse) {
  Ticket k = ticket(ny(2026, 11, 23, 10, 0));  // Mon 10:00, 2h → 12:00
  auto status = [&](date::sys_seconds now, double warn = 75) {
    return evaluate_check(k, now, warn).check->status;
  };
  EXPECT_EQ(status(ny(2026, 11, 23, 11, 0)), Status::kOnTrack);  // 50%
  EXPECT_EQ(status(ny(2026, 11, 23, 11, 29, 59)), Status::kOnTrack);
  EXPECT_EQ(status(ny(2026, 11, 23, 11, 30)), Status::kAtRisk);  // exactly 75%
  EXPECT_EQ(status(ny(2026, 11, 23, 12, 0)), Status::kAtRisk);   // at the deadline: not late
  EXPECT_EQ(status(ny(2026, 11, 23, 12, 0, 1)), Status::kBreached);
  EXPECT_EQ(status(ny(2026, 11, 23, 11, 0), 50), Status::kAtRisk);
  EXPECT_EQ(status(ny(2026, 11, 23, 11, 0), 100), Status::kOnTrack);
  EXPECT_EQ(status(ny(2026, 11, 22, 11, 0)), Status::kOnTrack);  // now before submission
  EXPECT_EQ(status(ny(2026, 11, 22, 11, 0), 0), Status::kOnTrack);
}

TEST_F(Evaluate, CheckNumbers) {
  Ticket k = ticket(ny(2026, 11, 25, 16, 30));  // deadline Fri 09:30
  CheckState c = *evaluate_check(k, ny(2026, 11, 26, 12, 0), 75).check;
  EXPECT_EQ(c.elapsed, minutes{90});  // Thanksgiving counts nothing
  EXPECT_EQ(c.remaining, minutes{30});
  EXPECT_DOUBLE_EQ(c.percent_elapsed, 75.0);
  EXPECT_EQ(c.status, Status::kAtRisk);
  EXPECT_EQ(c.overdue, seconds{0});
  CheckState late = *evaluate_check(k, ny(2026, 11, 30, 9, 0), 75).check;
  EXPECT_EQ(late.status, Status::kBreached);
  EXPECT_EQ(late.remaining, seconds{0});
  EXPECT_EQ(late.overdue, ny(2026, 11, 30, 9, 0) - ny(2026, 11, 27, 9, 30));
  EXPECT_EQ(late.elapsed, hours{10} + minutes{30});  // Wed 1h 30m, Fri 9h
}

TEST_F(Evaluate, MetAndMissedIgnoreNow) {
  Ticket k = ticket(ny(2026, 11, 25, 16, 30));
  k.responded = ny(2026, 11, 27, 9, 30);
  Result met = evaluate_check(k, ny(2030, 1, 1), 75);
  EXPECT_EQ(met.check->status, Status::kMet);
  EXPECT_EQ(*met.check->response_business, hours{2});
  k.responded = ny(2026, 11, 27, 9, 30, 1);
  Result missed = evaluate_check(k, ny(2026, 11, 25, 17, 0), 75);
  EXPECT_EQ(missed.check->status, Status::kMissed);
  EXPECT_EQ(missed.check->overdue, seconds{1});
  // A response before the submission is refused where the ticket is read.
  TicketText text{"2026-11-25 16:30", "P1", "premium", std::nullopt,
                  "2026-11-25 16:29", {},   {},        {}};
  TicketReader reader(engine_, ReadOptions{});
  EXPECT_THROW(reader.read(text, ny(2026, 11, 26)), InputError);
}

TEST_F(Evaluate, DeadlinePastTheLastDayIsAnInputError) {
  Ticket k = ticket(ny(9999, 12, 31, 17, 0), "P4", "standard");
  EXPECT_FALSE(engine_.evaluate(k, k.submitted, 75).has_value());
}

// For random tickets the statuses follow from the deadline alone.
TEST_F(Evaluate, StatusAgreesWithDeadlineForRandomTickets) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<long long> when(ny(1990, 1, 1).time_since_epoch().count(),
                                                ny(2060, 1, 1).time_since_epoch().count());
  std::uniform_int_distribution<int> pick(0, 7), lag(0, 14 * 86400);
  for (int i = 0; i < 5000; ++i) {
    Ticket k = ticket(date::sys_seconds{seconds{when(rng)}}, "P1", "standard");
    k.priority = static_cast<std::size_t>(pick(rng) % 4);
    k.tier = pick(rng) < 4 ? 0 : 1;
    date::sys_seconds now = k.submitted + seconds{lag(rng)};
    Result r = evaluate_check(k, now, 75);
    const CheckState& c = *r.check;
    EXPECT_EQ(c.status == Status::kBreached, now > r.deadline);
    EXPECT_EQ(c.elapsed >= r.target, now >= r.deadline);
    EXPECT_EQ(c.elapsed + c.remaining, std::max(c.elapsed, r.target));
  }
}

}  // namespace
}  // namespace sla
