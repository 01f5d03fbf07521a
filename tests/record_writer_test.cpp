// Tests of the record writer: each output form, and its caches against a writer without them.
#include "record_writer.hpp"

#include "error.hpp"
#include "test_support.hpp"
#include "time_text.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

namespace sla {
namespace {

// A policy of its own: Europe/Berlin hours with a lunch break, a 24x7 calendar, texts that need
// quoting in CSV and escapes in JSON and TSV.
constexpr const char* kPolicy = R"(name = "Other, \"quoted\" policy"
effective = "2020-01-01"
time_zone = "Europe/Berlin"
default_priority = "low"
default_tier = "gold"
default_calendar = "office"
[calendars.office]
mon = ["08:00-12:00", "13:00-17:00"]
tue = ["08:00-12:00", "13:00-17:00"]
wed = ["08:00-12:00", "13:00-17:00"]
thu = ["08:00-12:00", "13:00-17:00"]
fri = ["08:00-12:00"]
day = "8h"
[calendars.always]
hours = "24x7"
[[priorities]]
id = "high"
follow_up = "Calls, then \"updates\" every hour \\ as agreed"
[[priorities]]
id = "low"
[[tiers]]
id = "gold"
[[tiers]]
id = "tin"
[response]
high = { gold = { target = "4h", calendar = "always" }, tin = "1d" }
low = { gold = "2d", tin = "3d 4h" }
)";

const Engine& other_engine() {
  static const Engine engine = [] {
    test::TestResources resources;
    EngineSetup setup;
    setup.policies = {{kPolicy, "other.toml", false}};
    return Engine(setup, resources);
  }();
  return engine;
}

std::string written(Output form, const Record& record, const Zone& display) {
  RecordWriter writer(form, record.set);
  std::string out;
  writer.write(out, record, display);
  return out;
}

Result other_result(std::size_t priority, std::size_t tier, date::sys_seconds submitted,
                    date::sys_seconds now) {
  Ticket t;
  t.submitted = submitted;
  t.priority = priority;
  t.tier = tier;
  return *other_engine().evaluate(std::move(t), now, 75);
}

TEST(RecordWriter, JsonDueRecordHasEveryFieldOnce) {
  const Result r = other_result(0, 1, test::utc(2026, 11, 25, 21), test::utc(2026, 11, 26));
  const std::string out =
      written(Output::kJson, Record{FieldSet::kDue, &r, {}, 0, {}, {}}, Zone::utc());
  for (std::string_view name : field_names(FieldSet::kDue)) {
    const std::string key = "\"" + std::string(name) + "\":";
    EXPECT_NE(out.find(key), std::string::npos) << name;
    EXPECT_EQ(out.find(key), out.rfind(key)) << name;
  }
  EXPECT_NE(out.find("\"target_business_seconds\":28800"), std::string::npos) << out;
  EXPECT_NE(out.find("\"follow_up\":\"Calls, then \\\"updates\\\" every hour \\\\ as agreed\""),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\"policy\":\"Other, \\\"quoted\\\" policy\""), std::string::npos) << out;
  EXPECT_EQ(out.front(), '{');
  EXPECT_EQ(out.substr(out.size() - 2), "}\n");
}

TEST(RecordWriter, JsonBatchErrorRowIsNullButIdLineAndError) {
  const std::string out = written(
      Output::kJsonl, Record{FieldSet::kBatch, nullptr, "T-1", 7, "bad", "error"}, Zone::utc());
  EXPECT_EQ(out.rfind("{\"id\":\"T-1\",\"line\":7,\"submitted\":null", 0), 0u) << out;
  EXPECT_NE(out.find(",\"status\":\"error\","), std::string::npos) << out;
  EXPECT_NE(out.find("\"error\":\"bad\"}\n"), std::string::npos) << out;
}

TEST(RecordWriter, CsvQuotesWhatNeedsItAndTsvEscapes) {
  const Result r = other_result(0, 1, test::utc(2026, 11, 25, 21), test::utc(2026, 11, 26));
  const Record record{FieldSet::kDue, &r, {}, 0, {}, {}};
  const std::string csv = written(Output::kCsv, record, Zone::utc());
  EXPECT_EQ(csv.rfind("2026-11-25T21:00:00+00:00,high,,tin,1d,28800,", 0), 0u) << csv;
  EXPECT_NE(csv.find(",\"Calls, then \"\"updates\"\" every hour \\ as agreed\",UTC,"
                     "\"Other, \"\"quoted\"\" policy\",2020-01-01,office,high,,"),
            std::string::npos)
      << csv;
  const std::string tsv = written(Output::kTsv, record, Zone::utc());
  EXPECT_NE(tsv.find("\tCalls, then \"updates\" every hour \\\\ as agreed\t"), std::string::npos)
      << tsv;
  EXPECT_EQ(std::count(tsv.begin(), tsv.end(), '\t'), 16);
  EXPECT_EQ(std::count(tsv.begin(), tsv.end(), '\n'), 1);
}

TEST(RecordWriter, BeginAndEndFrameTheRecords) {
  std::string out;
  RecordWriter(Output::kCsv, FieldSet::kCheck).begin(out);
  EXPECT_EQ(out.rfind("submitted,priority,", 0), 0u);
  EXPECT_EQ(std::count(out.begin(), out.end(), ','), 26);
  const RecordWriter array(Output::kJson, FieldSet::kBatch);
  std::string none, some;
  array.begin(none);
  array.end(none, 0);
  EXPECT_EQ(none, "[]\n");
  array.end(some, 2);
  EXPECT_EQ(some, "\n]\n");
  std::string single;
  RecordWriter(Output::kJson, FieldSet::kDue).begin(single);
  RecordWriter(Output::kJson, FieldSet::kDue).end(single, 1);
  EXPECT_EQ(single, "");
}

TEST(RecordWriter, ExplanationComesLastInJsonOnly) {
  const Result r = other_result(1, 0, test::utc(2026, 11, 27, 15), test::utc(2026, 12, 1));
  const std::vector<DayTrace> trace =
      other_engine().clock(0, r.calendar).trace(r.ticket.submitted, r.deadline);
  Record record{FieldSet::kCheck, &r, {}, 0, {}, {}};
  record.trace = &trace;
  record.trace_zone = &other_engine().policy_zone(0);
  const Zone& berlin = other_engine().policy_zone(0);
  const std::string json = written(Output::kJson, record, berlin);
  const std::size_t at =
      json.find(",\"breached_on_reclassification\":false,\"segments\":[{\"date\":\"");
  ASSERT_NE(at, std::string::npos) << json;
  EXPECT_NE(json.find("\"closed\":\"Saturday\",\"business_seconds\":0"), std::string::npos);
  EXPECT_EQ(json.substr(json.size() - 4), "}]}\n");
  EXPECT_EQ(json.find("read_in"), std::string::npos);  // the ticket was read with an offset
  Record plain = record;
  plain.trace = nullptr;
  const std::string csv = written(Output::kCsv, record, berlin);
  EXPECT_EQ(csv, written(Output::kCsv, plain, berlin));
}

TEST(RecordWriter, ATemplateThatDoesNotFitAppendsNothing) {
  const OutputTemplate format =
      OutputTemplate::parse("{id} {response_business_seconds:>5d}", FieldSet::kBatch);
  RecordWriter writer(Output::kCsv, FieldSet::kBatch, &format);
  std::string out = "kept";
  EXPECT_THROW(
      writer.write(out, Record{FieldSet::kBatch, nullptr, "T-1", 2, "bad", "error"}, Zone::utc()),
      InputError);
  EXPECT_EQ(out, "kept");
}

// Appending after spare bytes: a template's text, and a table's row, go where the text ends,
// and a template that does not fit leaves the end where it was.
TEST(RecordWriter, AppendsWhereTheTextEndsNotAfterItsSpareBytes) {
  const Result r = other_result(0, 1, test::utc(2026, 11, 25, 21), test::utc(2026, 11, 26));
  const Record record{FieldSet::kBatch, &r, "T-1", 2, {}, {}};
  const Record bad{FieldSet::kBatch, nullptr, "T-2", 3, "bad", "error"};
  const OutputTemplate format =
      OutputTemplate::parse("{id} {overdue_seconds:>5d}", FieldSet::kBatch);
  const Zone utc = Zone::utc();
  for (const bool templated : {false, true}) {
    for (const Output form : {Output::kCsv, Output::kJson, Output::kText}) {
      RecordWriter writer(form, FieldSet::kBatch, templated ? &format : nullptr);
      RecordWriter single(form, FieldSet::kBatch, templated ? &format : nullptr);
      std::string out = "kept" + std::string(600, 'x');
      std::size_t end = 4;
      std::string expected = "kept";
      writer.append(out, end, record, utc);
      single.write(expected, record, utc);
      if (templated) {
        EXPECT_THROW(writer.append(out, end, bad, utc), InputError);
      } else {
        writer.append(out, end, bad, utc);
        single.write(expected, bad, utc);
      }
      ASSERT_LE(end, out.size());
      EXPECT_EQ(out.substr(0, end), expected) << templated << static_cast<int>(form);
    }
  }
}

// A writer of many rows keeps times and runs of per-cell fields as written: over random
// records of two policies, some reclassified, shown in three zones, it writes what a new
// writer writes each time.
TEST(RecordWriter, ItsCachesWriteWhatAWriterWithoutThemWrites) {
  std::mt19937_64 rng(20261201);
  const Engine& builtin = test::builtin_engine();
  const Zone utc = Zone::utc();
  const Zone* zones[] = {&utc, &test::new_york(), &other_engine().policy_zone(0)};
  constexpr int kRecords = SLA_SANITIZED ? 2000 : 20000;
  int compared = 0;
  for (const Output form : {Output::kCsv, Output::kTsv, Output::kJson, Output::kJsonl}) {
    RecordWriter kept(form, FieldSet::kBatch);
    // And a writer that appends them all to one text, leaving spare bytes past its end.
    RecordWriter appending(form, FieldSet::kBatch);
    std::string all = "before\n", expected = all;
    std::size_t end = all.size();
    for (int i = 0; i < kRecords; ++i) {
      const bool other = rng() % 2 == 0;
      const Engine& engine = other ? other_engine() : builtin;
      const Policy& policy = engine.policy(0);
      Ticket t;
      t.submitted = test::utc(2026, 1, 1) + std::chrono::seconds(rng() % (300 * 86400));
      t.priority = rng() % policy.priorities.size();
      t.tier = rng() % policy.tiers.size();
      if (rng() % 4 == 0) t.responded = t.submitted + std::chrono::seconds(rng() % (5 * 86400));
      // Now and then reclassified, a list field of times.
      for (std::uint64_t k = rng() % 8 == 0 ? 1 + rng() % 3 : 0; k > 0; --k) {
        const date::sys_seconds at =
            (t.reclassified.empty() ? t.submitted : t.reclassified.back().at) +
            std::chrono::seconds(1 + rng() % 86400);
        t.reclassified.push_back({at, static_cast<std::size_t>(rng() % policy.priorities.size())});
      }
      const date::sys_seconds now = test::utc(2026, 11, 1) + std::chrono::seconds(rng() % 86400);
      std::optional<Result> r = engine.evaluate(std::move(t), now, 75);
      ASSERT_TRUE(r);
      // Now and then an id longer than the room a line is given ahead.
      const std::string id = std::string(rng() % 50 == 0 ? 3000 : 1, 'T') + std::to_string(i);
      Record record{FieldSet::kBatch, &*r, id, i + 2, {}, {}};
      if (rng() % 10 == 0) record = Record{FieldSet::kBatch, nullptr, id, i + 2, "bad", "error"};
      const Zone& display = *zones[rng() % 3];
      std::string out = "before\n";
      kept.write(out, record, display);
      ASSERT_EQ(out, "before\n" + written(form, record, display)) << i;
      // And what the plain sinks write, which keep nothing: no cached time, run or key.
      const FieldVisit visit = [&](FieldSink& sink) { visit_fields(record, display, sink); };
      std::string plain = "before\n";
      if (form == Output::kJsonl) {
        append_json(plain, visit);
        plain += '\n';
      } else if (form == Output::kCsv || form == Output::kTsv) {
        append_row(plain, visit, form == Output::kCsv ? ',' : '\t');
      }
      if (form != Output::kJson) {
        ASSERT_EQ(out, plain) << i;
      }
      appending.append(all, end, record, display);
      expected += out.substr(7);
      ASSERT_GE(all.size(), end);
      if (i % 1000 == 0) {
        ASSERT_EQ(std::string_view(all).substr(0, end), expected) << i;
      }
      ++compared;
    }
    all.resize(end);
    EXPECT_EQ(all, expected);
  }
  EXPECT_EQ(compared, 4 * kRecords);
}

// A line's bounded pieces (counts, times, separators, keys) are written unchecked into room
// kept past the end its other pieces check against: with ids of every length up to past a
// line's room made ahead, that end falls before each of a row's pieces in turn (a list of a
// hundred reclassifications among them, longer than that room), and every row, written alone
// into a new text or appended after others, is what the plain sinks write.
TEST(RecordWriter, RowsOfEveryLengthAroundTheRoomMadeAheadAreWrittenWhole) {
  Ticket t;
  t.submitted = test::utc(2026, 3, 2, 7, 30);
  t.priority = 0;
  t.tier = 1;
  t.responded = t.submitted + std::chrono::hours(30);
  t.reclassified.push_back({t.submitted + std::chrono::hours(2), 1});
  // And one reclassified a hundred times: a long piece after the bounded ones of a line.
  Ticket many = t;
  for (int k = 1; k < 100; ++k) {
    many.reclassified.push_back(
        {many.reclassified.back().at + std::chrono::minutes(5), static_cast<std::size_t>(k % 2)});
  }
  const std::optional<Result> one =
      other_engine().evaluate(std::move(t), test::utc(2026, 3, 9), 75);
  const std::optional<Result> hundred =
      other_engine().evaluate(std::move(many), test::utc(2026, 3, 9), 75);
  ASSERT_TRUE(one && hundred);
  const Zone& display = other_engine().policy_zone(0);
  int compared = 0;
  for (const Output form : {Output::kCsv, Output::kTsv, Output::kJsonl}) {
    RecordWriter appending(form, FieldSet::kBatch);
    std::string all, expected;
    std::size_t end = 0;
    for (std::size_t length = 0; length <= 1300; ++length) {
      const std::string id(length, length % 3 == 0 ? '"' : 'T');
      const Record record{FieldSet::kBatch, length % 2 == 0 ? &*one : &*hundred, id, 2, {}, {}};
      const FieldVisit visit = [&](FieldSink& sink) { visit_fields(record, display, sink); };
      std::string plain;
      if (form == Output::kJsonl) {
        append_json(plain, visit);
        plain += '\n';
      } else {
        append_row(plain, visit, form == Output::kCsv ? ',' : '\t');
      }
      RecordWriter alone(form, FieldSet::kBatch);
      std::string out;
      alone.write(out, record, display);
      ASSERT_EQ(out, plain) << length;
      const std::size_t before = end;
      appending.append(all, end, record, display);
      expected += plain;
      ASSERT_LE(end, all.size());
      ASSERT_EQ(std::string_view(all).substr(before, end - before), plain) << length;
      ++compared;
    }
    all.resize(end);
    EXPECT_EQ(all, expected);
  }
  EXPECT_EQ(compared, 3 * 1301);
}

// A pinned instant (a batch's `now`) is written as any other, in whichever zone each call asks
// for and in UTC, however its calls and others' interleave; so are the instants beside it.
TEST(TimeTextCache, APinnedInstantIsWrittenAsAnyOther) {
  test::TestResources resources;
  std::vector<Zone> zones;
  for (const char* name : {"America/New_York", "Europe/Berlin", "Asia/Kolkata", "UTC"}) {
    zones.push_back(resources.zone(name, "zone"));
  }
  std::mt19937_64 rng(11);
  const date::sys_seconds now{std::chrono::seconds{1795712400}};  // 2026-11-25T12:00:00-05:00
  TimeTextCache cache;
  cache.pin(now);
  for (int i = 0; i < 2000; ++i) {
    const Zone& zone = zones[rng() % zones.size()];
    const bool utc = rng() % 3 == 0;
    const date::sys_seconds t =
        rng() % 2 == 0 ? now : now + std::chrono::seconds{static_cast<std::int64_t>(rng() % 7) - 3};
    std::string expected;
    utc ? append_utc(expected, t) : append_time(expected, t, zone);
    ASSERT_EQ(cache.text(t, zone, utc), expected) << zone.name() << " " << i;
  }
}

// An instant written again (a row's deadline as its original deadline) is written as any
// other, whether the call before was in the same zone, another or UTC, and pinned or not.
TEST(TimeTextCache, AnInstantWrittenAgainIsWrittenAsAnyOther) {
  test::TestResources resources;
  std::vector<Zone> zones;
  for (const char* name : {"America/New_York", "Australia/Lord_Howe", "UTC"}) {
    zones.push_back(resources.zone(name, "zone"));
  }
  std::mt19937_64 rng(13);
  const std::int64_t base = 1795712400;
  TimeTextCache cache;
  cache.pin(date::sys_seconds{std::chrono::seconds{base}});
  int repeats = 0;
  std::int64_t previous = base;
  for (int i = 0; i < 20000; ++i) {
    // Mostly the instant before, else one of a few around the pinned one, or anywhere.
    const unsigned pick = rng() % 4;
    const std::int64_t s = pick < 2 ? previous
                           : pick < 3
                               ? base + static_cast<std::int64_t>(rng() % 5) - 2
                               : base + static_cast<std::int64_t>(rng() % 200000000) - 100000000;
    repeats += s == previous ? 1 : 0;
    previous = s;
    const Zone& zone = zones[rng() % zones.size()];
    const bool utc = rng() % 4 == 0;
    const date::sys_seconds t{std::chrono::seconds{s}};
    std::string expected;
    utc ? append_utc(expected, t) : append_time(expected, t, zone);
    ASSERT_EQ(cache.text(t, zone, utc), expected) << zone.name() << " " << s << " " << i;
  }
  EXPECT_GT(repeats, 8000);
}

// Times written from the day tables are what append_time and append_utc write: at and around
// every transition of zones with DST in either hemisphere, half-hour and local-mean-time
// offsets, and at random instants over the years the writer takes.
TEST(TimeTextCache, WritesWhatTheTimeWriterWrites) {
  test::TestResources resources;
  std::vector<Zone> zones;
  for (const char* name : {"America/New_York", "Europe/Berlin", "Australia/Lord_Howe",
                           "Asia/Kolkata", "America/Santiago", "Africa/Casablanca", "UTC"}) {
    zones.push_back(resources.zone(name, "zone"));
  }
  TimeTextCache cache;
  std::mt19937_64 rng(7);
  int compared = 0;
  auto expect_same = [&](std::int64_t s, const Zone& zone) {
    const date::sys_seconds t{std::chrono::seconds{s}};
    for (const bool utc : {false, true}) {
      std::string expected;
      utc ? append_utc(expected, t) : append_time(expected, t, zone);
      ASSERT_EQ(cache.text(t, zone, utc), expected) << zone.name() << " " << s;
      ++compared;
    }
  };
  const std::int64_t from = -2208988800, to = 4102444800;  // 1900 to 2100
  for (const Zone& zone : zones) {
    for (std::int64_t s = from; s < to;) {
      date::sys_seconds until;
      zone.offset_until(date::sys_seconds{std::chrono::seconds{s}}, until);
      const std::int64_t next = until.time_since_epoch().count();
      if (next >= to) break;
      for (const std::int64_t d : {-86401, -3600, -1, 0, 1, 3599, 86400})
        expect_same(next + d, zone);
      expect_same(s + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(next - s)),
                  zone);
      s = next;
    }
  }
  constexpr int kRandom = SLA_SANITIZED ? 20000 : 200000;
  const std::int64_t first = -62167219200 - 2 * 86400, last = 253402300800 + 2 * 86400;
  for (int i = 0; i < kRandom; ++i) {
    const std::int64_t s =
        i % 2 == 0
            ? first + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(last - first))
            : from + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(to - from));
    expect_same(s, zones[rng() % zones.size()]);
  }
  const std::int64_t year0 = -62167219200, year10000 = 253402300800;
  for (const std::int64_t edge : {first, year0, year0 + 86399, year0 + 86400, year10000 - 86401,
                                  year10000 - 86400, year10000, last}) {
    for (const Zone& zone : zones) expect_same(edge, zone);
  }
  EXPECT_GT(compared, 2 * kRandom);
}

}  // namespace
}  // namespace sla
