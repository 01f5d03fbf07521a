// Tests of deadlines and check statuses under the built-in policy.
#include "evaluate.hpp"

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
  Policy policy_ = builtin_policy();
  BusinessClock clock_{policy_.schedule(), test::new_york(), test::us_federal()};

  Ticket ticket(date::sys_seconds submitted, Priority p = Priority::kP1, Tier t = Tier::kPremium) {
    Ticket k;
    k.submitted = submitted;
    k.priority = p;
    k.tier = t;
    return k;
  }
};

TEST_F(Evaluate, DueGivesTargetFollowUpAndDeadline) {
  Result r = evaluate_due(ticket(ny(2026, 11, 25, 16, 30)), policy_, clock_);
  EXPECT_EQ(r.deadline, ny(2026, 11, 27, 9, 30));
  EXPECT_EQ(r.clock_start, ny(2026, 11, 25, 16, 30));
  EXPECT_EQ(r.target.business, hours{2});
  EXPECT_EQ(r.priority_name, "Urgent");
  EXPECT_EQ(r.follow_up, "Ongoing assistance until resolution");
  EXPECT_FALSE(r.check.has_value());
}

TEST_F(Evaluate, StatusesWithoutAResponse) {
  Ticket k = ticket(ny(2026, 11, 23, 10, 0));  // Mon 10:00, 2h → 12:00
  auto status = [&](date::sys_seconds now, double warn = 75) {
    return evaluate_check(k, policy_, clock_, now, warn).check->status;
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
  CheckState c = *evaluate_check(k, policy_, clock_, ny(2026, 11, 26, 12, 0), 75).check;
  EXPECT_EQ(c.elapsed, minutes{90});  // Thanksgiving counts nothing
  EXPECT_EQ(c.remaining, minutes{30});
  EXPECT_DOUBLE_EQ(c.percent_elapsed, 75.0);
  EXPECT_EQ(c.status, Status::kAtRisk);
  EXPECT_EQ(c.overdue, seconds{0});
  CheckState late = *evaluate_check(k, policy_, clock_, ny(2026, 11, 30, 9, 0), 75).check;
  EXPECT_EQ(late.status, Status::kBreached);
  EXPECT_EQ(late.remaining, seconds{0});
  EXPECT_EQ(late.overdue, ny(2026, 11, 30, 9, 0) - ny(2026, 11, 27, 9, 30));
  EXPECT_EQ(late.elapsed, hours{10} + minutes{30});  // Wed 1h 30m, Fri 9h
}

TEST_F(Evaluate, MetAndMissedIgnoreNow) {
  Ticket k = ticket(ny(2026, 11, 25, 16, 30));
  k.responded = ny(2026, 11, 27, 9, 30);
  Result met = evaluate_check(k, policy_, clock_, ny(2030, 1, 1), 75);
  EXPECT_EQ(met.check->status, Status::kMet);
  EXPECT_EQ(*met.check->response_business, hours{2});
  k.responded = ny(2026, 11, 27, 9, 30, 1);
  Result missed = evaluate_check(k, policy_, clock_, ny(2026, 11, 25, 17, 0), 75);
  EXPECT_EQ(missed.check->status, Status::kMissed);
  EXPECT_EQ(missed.check->overdue, seconds{1});
  k.responded = ny(2026, 11, 25, 16, 29);
  EXPECT_THROW(evaluate_check(k, policy_, clock_, ny(2026, 11, 26), 75), InputError);
}

TEST_F(Evaluate, DeadlinePastTheLastDayIsAnInputError) {
  Ticket k = ticket(ny(9999, 12, 31, 17, 0), Priority::kP4, Tier::kStandard);
  EXPECT_THROW(evaluate_due(k, policy_, clock_), InputError);
}

// For random tickets the statuses follow from the deadline alone.
TEST_F(Evaluate, StatusAgreesWithDeadlineForRandomTickets) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<long long> when(ny(1990, 1, 1).time_since_epoch().count(),
                                                ny(2060, 1, 1).time_since_epoch().count());
  std::uniform_int_distribution<int> pick(0, 7), lag(0, 14 * 86400);
  for (int i = 0; i < 5000; ++i) {
    Ticket k =
        ticket(date::sys_seconds{seconds{when(rng)}}, static_cast<Priority>(pick(rng) % 4 + 1),
               pick(rng) < 4 ? Tier::kStandard : Tier::kPremium);
    date::sys_seconds now = k.submitted + seconds{lag(rng)};
    Result r = evaluate_check(k, policy_, clock_, now, 75);
    const CheckState& c = *r.check;
    EXPECT_EQ(c.status == Status::kBreached, now > r.deadline);
    EXPECT_EQ(c.elapsed >= r.target.business, now >= r.deadline);
    EXPECT_EQ(c.elapsed + c.remaining, std::max(c.elapsed, r.target.business));
  }
}

}  // namespace
}  // namespace sla
