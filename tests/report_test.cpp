// Tests of the text for people and of the policy and holiday listings.
#include "report.hpp"

#include "holiday_listing.hpp"
#include "policy_report.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sla {
namespace {

using test::ny;

TEST(FormatHuman, WeekdayDateTimeAndAbbreviation) {
  EXPECT_EQ(format_human(ny(2026, 11, 27, 9, 30), test::new_york()), "Fri 2026-11-27 09:30 EST");
  EXPECT_EQ(format_human(ny(2040, 7, 2, 14, 0, 5), test::new_york()),
            "Mon 2040-07-02 14:00:05 EDT");
  EXPECT_EQ(format_human(ny(2026, 11, 27, 9, 30), Zone::utc()), "Fri 2026-11-27 14:30 UTC");
}

class Text : public ::testing::Test {
 protected:
  const Engine& engine_ = test::builtin_engine();
  const BusinessClock& clock_ = engine_.clock(0, 0);
  TextStyle style_{&test::new_york(), &test::new_york(), false};
  TraceStyle trace_style_{&test::new_york(), std::chrono::hours{9}};
};

TEST_F(Text, DueShowsTheRelativePhrase) {
  Ticket k = test::ticket(ny(2026, 11, 25, 16, 30), "P1", "premium");
  Result r = *engine_.evaluate(k, ny(2026, 11, 25, 17, 0), 75);
  std::string text = render_result_text(r, false, style_);
  EXPECT_NE(text.find("Deadline     Fri 2026-11-27 09:30 EST, due in 1h 30m of business time"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("\x1b["), std::string::npos);
  style_.color = true;
  EXPECT_NE(render_result_text(r, false, style_).find("\x1b[1m"), std::string::npos);
}

TEST_F(Text, CheckShowsStatusAndLateness) {
  Ticket k = test::ticket(ny(2026, 11, 25, 16, 30), "P1", "premium");
  Result r = *engine_.evaluate(k, ny(2026, 11, 27, 10, 30), 75);
  std::string text = render_result_text(r, true, style_);
  EXPECT_NE(text.find("Status       breached, 1h late"), std::string::npos) << text;
}

TEST_F(Text, TraceCollapsesClosedRuns) {
  // P4 standard (3 days) from Wed before Thanksgiving: Thu holiday, Fri, weekend, Mon, Tue.
  auto from = ny(2026, 11, 25, 16, 30);
  auto to = *clock_.deadline(from, std::chrono::hours{27});
  std::string text = render_trace_text(clock_.trace(from, to), trace_style_);
  EXPECT_NE(text.find("Wed 2026-11-25"), std::string::npos) << text;
  EXPECT_NE(text.find("16:30\u201318:00  1h 30m"), std::string::npos) << text;
  EXPECT_NE(text.find("closed: Thanksgiving Day\n"), std::string::npos) << text;
  // Friday is open, so only the weekend collapses.
  EXPECT_NE(text.find("Sat 2026-11-28 \u2013 Sun 2026-11-29"), std::string::npos) << text;
  EXPECT_NE(text.find("closed: Saturday, Sunday\n"), std::string::npos) << text;
  EXPECT_NE(text.find("total 3d\n"), std::string::npos) << text;  // 27h of 9h days
}

TEST(Holidays, TextAndJsonListings) {
  auto list = test::us_federal().set().observed_in(date::year{2026});
  std::string text = render_holidays_text(list);
  EXPECT_NE(text.find("2026-07-03  Fri  Independence Day (observed)\n"), std::string::npos);
  std::string json = render_holidays_json(list);
  EXPECT_NE(json.find("{\"date\":\"2026-01-01\",\"weekday\":\"Thu\",\"name\":\"New Year's Day\","
                      "\"observed\":false}"),
            std::string::npos)
      << json;
}

TEST(Policy, TextListsEveryPriority) {
  std::string text = render_policy_text(test::builtin_policy(), {"us-federal (built in)"});
  for (const char* s : {"P1", "P2", "P3", "P4", "Urgent", "High", "Normal", "Low"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s;
  }
}

}  // namespace
}  // namespace sla
