// Tests of the field list and the JSON, CSV and TSV writers.
#include "fields.hpp"

#include "test_support.hpp"
#include "zone.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace sla {
namespace {

// A copy of the built-in policy, whose follow-up texts the tests change.
Policy& sample_policy() {
  static Policy policy = test::builtin_policy();
  return policy;
}

std::string& follow_up() {
  return sample_policy().priorities[0].follow_up;
}

Result sample_result() {
  Result r;
  r.policy = &sample_policy();
  r.ticket.submitted = date::sys_days{date::year{2026} / 11 / 25} + std::chrono::hours{21};
  r.ticket.priority = 0;  // P1
  r.priority = 0;
  r.ticket.tier = 1;  // premium
  r.target = std::chrono::hours{2};
  follow_up() = "Ongoing, \"assistance\"\nuntil resolution";
  r.clock_start = r.ticket.submitted;
  r.deadline = r.ticket.submitted + std::chrono::hours{1};
  return r;
}

TEST(FieldNames, EachSetExtendsTheLastAsTheSpecSays) {
  const auto& due = field_names(FieldSet::kDue);
  const auto& check = field_names(FieldSet::kCheck);
  const auto& batch = field_names(FieldSet::kBatch);
  EXPECT_EQ(due.size(), 17u);
  EXPECT_EQ(check.size(), 27u);
  EXPECT_EQ(batch.size(), 30u);
  EXPECT_TRUE(std::equal(due.begin(), due.end(), check.begin()));
  EXPECT_TRUE(std::equal(check.begin(), check.end(), batch.begin() + 2));
  EXPECT_EQ(batch.back(), "error");
}

TEST(JsonString, EscapesControlQuotesAndBadUtf8) {
  std::string out;
  append_json_string(out, "a\"b\\c\n\t\x01\x7f");
  EXPECT_EQ(out, R"("a\"b\\c\n\t\u0001\u007f")");
  out.clear();
  append_json_string(out, "caf\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80");  // valid UTF-8 kept
  EXPECT_EQ(out, "\"caf\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80\"");
  out.clear();
  append_json_string(out, "\xff\xc3(\xed\xa0\x80\xe2\x82");  // invalid: each bad byte replaced
  EXPECT_EQ(out.find('\xff'), std::string::npos);
  EXPECT_EQ(out.substr(0, 7), "\"\\ufffd");
  EXPECT_EQ(out.back(), '"');
}

TEST(AppendReal, TwoDecimalsTrimmed) {
  auto real = [](double v) {
    std::string s;
    append_real(s, v);
    return s;
  };
  EXPECT_EQ(real(0), "0");
  EXPECT_EQ(real(75), "75");
  EXPECT_EQ(real(37.5), "37.5");
  EXPECT_EQ(real(100.0 / 3), "33.33");
  EXPECT_EQ(real(2.0 / 3), "0.67");
  EXPECT_EQ(real(1234.005), "1234.01");
}

TEST(Json, DueRecordHasEveryFieldOnce) {
  Result r = sample_result();
  std::string out;
  append_json(out, Record{FieldSet::kDue, &r, {}, 0, {}, {}}, Zone::utc());
  for (std::string_view name : field_names(FieldSet::kDue)) {
    std::string key = "\"" + std::string(name) + "\":";
    EXPECT_NE(out.find(key), std::string::npos) << name;
    EXPECT_EQ(out.find(key), out.rfind(key)) << name;
  }
  EXPECT_NE(out.find("\"target_business_seconds\":7200"), std::string::npos);
  EXPECT_NE(out.find("\"deadline_utc\":\"2026-11-25T22:00:00Z\""), std::string::npos);
  EXPECT_NE(out.find("\"follow_up\":\"Ongoing, \\\"assistance\\\"\\nuntil resolution\""),
            std::string::npos);
  EXPECT_EQ(out.front(), '{');
  EXPECT_EQ(out.back(), '}');
}

TEST(Json, BatchErrorRowIsNullButIdLineAndError) {
  std::string out;
  append_json(out, Record{FieldSet::kBatch, nullptr, "T-1", 7, "bad", "error"}, Zone::utc());
  EXPECT_EQ(out.rfind("{\"id\":\"T-1\",\"line\":7,\"submitted\":null", 0), 0u) << out;
  EXPECT_NE(out.find("\"error\":\"bad\"}"), std::string::npos);
}

TEST(Csv, QuotesOnlyWhatNeedsIt) {
  Result r = sample_result();
  std::string out;
  append_row(out, Record{FieldSet::kDue, &r, {}, 0, {}, {}}, Zone::utc(), ',');
  EXPECT_NE(out.find(",\"Ongoing, \"\"assistance\"\"\nuntil resolution\","), std::string::npos)
      << out;
  EXPECT_EQ(out.rfind("2026-11-25T21:00:00+00:00,P1,Urgent,premium,2h,7200,", 0), 0u) << out;
}

// A special byte anywhere in a value, at every offset of the word-at-a-time scan, is found.
TEST(Csv, QuotesASpecialByteAtAnyPosition) {
  Result r = sample_result();
  for (char special : {',', '"', '\r', '\n'}) {
    for (std::size_t at = 0; at < 40; ++at) {
      std::string value(40, 'x');
      value[at] = special;
      follow_up() = value;
      std::string out;
      append_row(out, Record{FieldSet::kDue, &r, {}, 0, {}, {}}, Zone::utc(), ',');
      std::string quoted = "\"" + value + "\"";
      if (special == '"') quoted.insert(at + 1, 1, '"');
      EXPECT_NE(out.find("," + quoted + ","), std::string::npos) << int{special} << " at " << at;
    }
  }
  const std::string plain_value(40, 'x');
  follow_up() = plain_value;
  std::string plain;
  append_row(plain, Record{FieldSet::kDue, &r, {}, 0, {}, {}}, Zone::utc(), ',');
  EXPECT_EQ(plain.find('"'), std::string::npos) << plain;
}

TEST(Tsv, EscapesTabsAndNewlines) {
  Result r = sample_result();
  std::string out;
  append_row(out, Record{FieldSet::kDue, &r, {}, 0, {}, {}}, Zone::utc(), '\t');
  EXPECT_NE(out.find("Ongoing, \"assistance\"\\nuntil resolution"), std::string::npos) << out;
  EXPECT_EQ(std::count(out.begin(), out.end(), '\t'), 16);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1);
}

TEST(Header, MatchesFieldNames) {
  std::string out;
  append_header(out, FieldSet::kCheck, ',');
  EXPECT_EQ(out.rfind("submitted,priority,", 0), 0u);
  EXPECT_EQ(std::count(out.begin(), out.end(), ','), 26);
}

}  // namespace
}  // namespace sla
