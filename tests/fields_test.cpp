// Tests of the field table: names, order, and what a visit hands a sink.
#include "fields.hpp"

#include "test_support.hpp"
#include "zone.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace sla {
namespace {

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

// Records the names it is handed, and can claim every run of per-cell fields.
class NameSink final : public FieldSink {
 public:
  void text(std::string_view name, std::string_view) override { names.emplace_back(name); }
  void integer(std::string_view name, std::int64_t) override { names.emplace_back(name); }
  void real(std::string_view name, double) override { names.emplace_back(name); }
  void null(std::string_view name) override { names.emplace_back(name); }
  bool begin_run(const CellKey& key) override {
    runs.push_back(key);
    if (claim) names.emplace_back("<run>");
    return claim;
  }
  void end_run() override { ++ended; }
  std::vector<std::string> names;
  std::vector<CellKey> runs;
  int ended = 0;
  bool claim = false;
};

Result sample_result() {
  return *test::builtin_engine().evaluate(test::ticket(test::ny(2026, 11, 25, 16, 30), "P2"),
                                          test::ny(2026, 11, 26, 12), 75);
}

TEST(VisitFields, HandsEveryFieldOfTheSetInOrder) {
  const Result r = sample_result();
  for (const FieldSet set : {FieldSet::kDue, FieldSet::kCheck, FieldSet::kBatch}) {
    NameSink sink;
    visit_fields(Record{set, &r, "T-1", 2, {}, {}}, test::new_york(), sink);
    const auto& names = field_names(set);
    EXPECT_EQ(sink.names, std::vector<std::string>(names.begin(), names.end()));
    // Two runs of per-cell fields, each begun and ended once.
    EXPECT_EQ(sink.runs.size(), 2u);
    EXPECT_EQ(sink.ended, 2);
  }
  NameSink empty;
  visit_fields(Record{FieldSet::kBatch, nullptr, "T-1", 2, "bad", "error"}, Zone::utc(), empty);
  const auto& names = field_names(FieldSet::kBatch);
  EXPECT_EQ(empty.names, std::vector<std::string>(names.begin(), names.end()));
  EXPECT_TRUE(empty.runs.empty());
}

// Checks that each name it is handed sits inside its JSON key, ," before and ": after, as
// the JSON writer takes it from there.
class KeyedNameSink final : public FieldSink {
 public:
  void text(std::string_view name, std::string_view) override { check(name); }
  void integer(std::string_view name, std::int64_t) override { check(name); }
  void real(std::string_view name, double) override { check(name); }
  void null(std::string_view name) override { check(name); }
  bool takes_explanation() const override { return true; }
  void segments(std::string_view name, const std::vector<DayTrace>&, const Zone&) override {
    check(name);
  }
  void check(std::string_view name) {
    ++names;
    const std::string key = ",\"" + std::string(name) + "\":";
    EXPECT_EQ(std::string_view(name.data() - 2, name.size() + 4), key);
  }
  int names = 0;
};

TEST(VisitFields, EachNameIsHandedInsideItsKey) {
  const Result r = sample_result();
  const std::vector<DayTrace> trace;
  for (const FieldSet set : {FieldSet::kDue, FieldSet::kCheck, FieldSet::kBatch}) {
    KeyedNameSink sink;
    Record record{set, &r, "T-1", 2, {}, {}};
    if (set != FieldSet::kBatch) record.trace = &trace;
    visit_fields(record, test::new_york(), sink);
    // With an explanation, its segments (read_in only for a ticket read in a zone: not this).
    const int explained = set == FieldSet::kBatch ? 0 : 1;
    EXPECT_EQ(sink.names, static_cast<int>(field_names(set).size()) + explained);
  }
  KeyedNameSink row;
  visit_fields(Record{FieldSet::kBatch, nullptr, "T-1", 2, "bad", "error"}, Zone::utc(), row);
  EXPECT_EQ(row.names, static_cast<int>(field_names(FieldSet::kBatch).size()));
}

TEST(VisitFields, ARunASinkClaimsIsNotHandedOver) {
  const Result r = sample_result();
  NameSink sink;
  sink.claim = true;
  visit_fields(Record{FieldSet::kDue, &r, {}, 0, {}, {}}, test::new_york(), sink);
  EXPECT_EQ(sink.ended, 0);
  ASSERT_EQ(sink.runs.size(), 2u);
  const std::vector<std::string> expected{
      "submitted",        "<run>", "clock_start",       "deadline",
      "deadline_utc",     "<run>", "original_priority", "reclassifications",
      "original_deadline"};
  EXPECT_EQ(sink.names, expected);
  // The key names what decides the run: the policy, cell, calendar and zone.
  EXPECT_EQ(sink.runs[0].policy, r.policy);
  EXPECT_EQ(sink.runs[0].priority, r.priority);
  EXPECT_EQ(sink.runs[0].tier, r.ticket.tier);
  EXPECT_EQ(sink.runs[0].calendar, r.calendar);
  EXPECT_EQ(sink.runs[0].zone, &test::new_york());
  EXPECT_NE(sink.runs[0].field, sink.runs[1].field);
}

// The digit writer writes what std::to_chars writes: edges, every digit count, and random
// values of every size and sign.
TEST(WriteInteger, WritesWhatToCharsWrites) {
  std::vector<std::int64_t> values = {0,   1,    -1,        9,         10,           99,
                                      100, -100, INT64_MAX, INT64_MIN, INT64_MIN + 1};
  for (std::int64_t p = 1; p <= INT64_MAX / 10; p *= 10) {
    for (const std::int64_t v : {p - 1, p, p + 1, 10 * p - 1}) {
      values.push_back(v);
      values.push_back(-v);
    }
  }
  // Where the count of bits changes, as the count of digits is read from it.
  for (int b = 1; b < 63; ++b) {
    for (const std::int64_t v : {(std::int64_t{1} << b) - 1, std::int64_t{1} << b}) {
      values.push_back(v);
      values.push_back(-v);
    }
  }
  std::mt19937_64 rng(11);
  for (int i = 0; i < 100000; ++i) {
    const auto v = static_cast<std::int64_t>(rng() >> (rng() % 64));
    values.push_back(i % 2 == 0 ? v : -v);
  }
  for (const std::int64_t v : values) {
    char expected[kIntegerSize + 1];
    const char* end = std::to_chars(expected, expected + sizeof expected, v).ptr;
    char written[kIntegerSize];
    const std::size_t n = write_integer(written, v);
    ASSERT_EQ(std::string_view(written, n),
              std::string_view(expected, static_cast<std::size_t>(end - expected)))
        << v;
  }
}

// The word of eight digits holds each digit of the zero-padded number, first digit lowest:
// every value below 1,000,000 and a stride through the rest below 100,000,000.
TEST(EightDigits, HoldsTheDigitsOfThePaddedNumber) {
  auto check = [](std::uint64_t v) {
    char expected[24];  // room for any value, though these have eight digits
    std::snprintf(expected, sizeof expected, "%08llu", static_cast<unsigned long long>(v));
    const std::uint64_t digits = eight_digits(v);
    for (int i = 0; i < 8; ++i) {
      ASSERT_EQ(static_cast<int>(digits >> 8 * i & 0xFF), expected[i] - '0') << v << " digit " << i;
    }
  };
  for (std::uint64_t v = 0; v < 1000000; ++v) check(v);
  for (std::uint64_t v = 1000000; v < 100000000; v += 997) check(v);
  check(99999999);
}

// Against the definition: hundredths rounded half away from zero (std::llround), trailing
// zeros of the fraction trimmed; over random values of every size and halves of a hundredth.
TEST(AppendReal, WritesHundredthsRoundedAsLlround) {
  auto expected = [](double v) {
    if (!std::isfinite(v)) return std::string("0");
    const long long h = std::llround(v * 100.0);
    const auto u = static_cast<unsigned long long>(h);
    const unsigned long long m = h < 0 ? 0ULL - u : u;
    std::string s = (h < 0 ? "-" : "") + std::to_string(m / 100);
    if (m % 100 != 0) {
      s += '.';
      s += static_cast<char>('0' + m % 100 / 10);
      if (m % 10 != 0) s += static_cast<char>('0' + m % 10);
    }
    return s;
  };
  std::mt19937_64 rng(20261202);
  std::vector<double> values = {
      0.005,       -0.005, 0.015,   2.675, 1e15, -1e15, 4.5e13,
      1e16,        3e16,   -4.6e16, 5e16,  0.0,  -0.0,  std::numeric_limits<double>::infinity(),
      std::nan("")};
  for (int i = 0; i < 200000; ++i) {
    const double scale = std::ldexp(1.0, static_cast<int>(rng() % 105) - 50);
    double v = std::uniform_real_distribution<double>(-1, 1)(rng) * scale;
    if (i % 4 == 0)
      v = (static_cast<double>(static_cast<std::int64_t>(rng() % 2000001) - 1000000) + 0.5) / 100;
    if (i % 4 == 1) v = std::nextafter(v, rng() % 2 == 0 ? 1e300 : -1e300);
    values.push_back(v);
  }
  for (const double v : values) {
    std::string s;
    append_real(s, v);
    ASSERT_EQ(s, expected(v)) << std::hexfloat << v;
  }
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

}  // namespace
}  // namespace sla
