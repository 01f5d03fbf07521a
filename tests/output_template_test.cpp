// Tests of --format templates.
#include "output_template.hpp"

#include "error.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sla {
namespace {

Result sample() {
  Result r;
  r.policy = &test::builtin_policy();
  r.ticket.submitted = date::sys_days{date::year{2026} / 11 / 25} + std::chrono::hours{21};
  r.ticket.priority = 1;  // P2
  r.priority = 1;
  r.target = std::chrono::hours{9};
  r.clock_start = r.ticket.submitted;
  r.deadline = r.ticket.submitted + std::chrono::hours{40};
  return r;
}

std::string fill(std::string_view text, const Record& record) {
  std::string out;
  OutputTemplate::parse(text, record.set).append(out, record, Zone::utc());
  return out;
}

TEST(OutputTemplate, FillsNamedFieldsAndEscapes) {
  Result r = sample();
  Record rec{FieldSet::kBatch, &r, "T-9", 3, {}, {}};
  EXPECT_EQ(fill("{id}\\t{priority}\\t{deadline}", rec), "T-9\tP2\t2026-11-27T13:00:00+00:00\n");
  EXPECT_EQ(fill("{line:>4}|{target_business_seconds:06}", rec), "   3|032400\n");
  EXPECT_EQ(fill("{{literal}} {tier}\\\\", rec), "{literal} standard\\\n");
}

TEST(OutputTemplate, NullFieldsAreEmpty) {
  Record rec{FieldSet::kBatch, nullptr, "T-1", 2, "bad date", "error"};
  EXPECT_EQ(fill("[{deadline}] {error}", rec), "[] bad date\n");
}

TEST(OutputTemplate, UnknownFieldListsKnownOnes) {
  try {
    OutputTemplate::parse("{deadline} {nope}", FieldSet::kDue);
    FAIL();
  } catch (const InputError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("\"nope\""), std::string::npos) << m;
    EXPECT_NE(m.find("known fields: submitted, priority"), std::string::npos) << m;
    EXPECT_EQ(m.find("status"), std::string::npos) << "due has no status: " << m;
  }
  // A check field is known to check but not to due.
  EXPECT_NO_THROW(OutputTemplate::parse("{status}", FieldSet::kCheck));
  EXPECT_THROW(OutputTemplate::parse("{status}", FieldSet::kDue), InputError);
  EXPECT_THROW(OutputTemplate::parse("{id}", FieldSet::kCheck), InputError);
}

// Widths past 1000 are refused at once, whatever fill character hides them (found by fuzzing:
// a '}' or a two-byte fill made the width look like part of the fill).
TEST(OutputTemplate, HugeWidthsAreRefusedBehindAnyFill) {
  for (const char* bad : {"{line:>1001}", "{id:}<999999999}", "{id:\xce}<619044488}",
                          "{deadline:\xe2\x82\xac<999999999}", "{deadline:>{line}}",
                          "{percent_elapsed:.10000000f}"}) {
    EXPECT_THROW(OutputTemplate::parse(bad, FieldSet::kBatch), InputError) << bad;
  }
  EXPECT_NO_THROW(OutputTemplate::parse("{id:}<1000}{deadline:\xe2\x82\xac^40}", FieldSet::kBatch));
}

TEST(OutputTemplate, BadSyntaxIsAnInputError) {
  for (const char* bad : {"{deadline", "deadline}", "{deadline:%Q}", "{}", "{0}",
                          "{target_business_seconds:s}", "{deadline:d}"}) {
    EXPECT_THROW(OutputTemplate::parse(bad, FieldSet::kDue), InputError) << bad;
  }
}

}  // namespace
}  // namespace sla
