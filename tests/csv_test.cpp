// Tests of the RFC 4180 reader: quoting, line breaks, limits, and every way of chunking input.
#include "csv.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace sla {
namespace {

// A record as the tests see it: line, fields, problem.
struct Rec {
  std::int64_t line = 0;
  std::vector<std::string> fields;
  std::string problem;  // "L:C message" or ""
  bool blank = false;
  bool operator==(const Rec& o) const {
    return line == o.line && fields == o.fields && problem == o.problem && blank == o.blank;
  }
};

std::ostream& operator<<(std::ostream& os, const Rec& r) {
  os << "{line " << r.line << " [";
  for (const auto& f : r.fields) os << '"' << f << "\" ";
  return os << "] " << r.problem << (r.blank ? " blank" : "") << "}";
}

Rec current(const CsvReader& reader) {
  Rec r;
  r.line = reader.line();
  for (std::size_t i = 0; i < reader.size(); ++i) r.fields.emplace_back(reader.field(i));
  // Every field lies in the record's fields text, at its offset, as a batch copies them.
  const std::string_view all = reader.fields_text();
  for (std::size_t i = 0; i < reader.size(); ++i) {
    EXPECT_LE(reader.field_offset(i) + reader.field(i).size(), all.size()) << i;
    EXPECT_EQ(all.substr(reader.field_offset(i), reader.field(i).size()), reader.field(i)) << i;
  }
  const CsvProblem& p = reader.problem();
  if (!p.message.empty()) {
    r.problem = std::to_string(p.line) + ":" + std::to_string(p.column) + " " + p.message;
  }
  r.blank = reader.blank();
  return r;
}

// Reads all of `text`, fed `chunk` bytes at a time (0: all at once).
std::vector<Rec> read_all(std::string_view text, std::size_t chunk = 0, CsvLimits limits = {},
                          CsvDialect dialect = {}) {
  CsvReader reader(limits, dialect);
  std::vector<Rec> out;
  std::size_t at = 0;
  for (;;) {
    CsvReader::Next n = reader.next();
    if (n == CsvReader::Next::kEnd) break;
    if (n == CsvReader::Next::kRecord) {
      out.push_back(current(reader));
      continue;
    }
    if (at == text.size()) {
      reader.finish();
      continue;
    }
    std::size_t size = chunk == 0 ? text.size() - at : std::min(chunk, text.size() - at);
    reader.feed(text.substr(at, size));
    at += size;
  }
  return out;
}

// Reads `text` whole and in chunks of many sizes; all must agree. Returns the records.
std::vector<Rec> read(std::string_view text, CsvLimits limits = {}, CsvDialect dialect = {}) {
  std::vector<Rec> whole = read_all(text, 0, limits, dialect);
  for (std::size_t chunk : {1u, 2u, 3u, 5u, 7u, 64u}) {
    EXPECT_EQ(read_all(text, chunk, limits, dialect), whole) << "chunk " << chunk;
  }
  return whole;
}

Rec rec(std::int64_t line, std::vector<std::string> fields, std::string problem = "") {
  return Rec{line, std::move(fields), std::move(problem), false};
}

using Recs = std::vector<Rec>;

TEST(Csv, EmptyInputHasNoRecords) {
  EXPECT_EQ(read(""), Recs{});
  EXPECT_EQ(read("\xEF\xBB\xBF"), Recs{});
}

TEST(Csv, ByteOrderMarkFedAndFinishedAtOnce) {
  CsvReader reader;
  reader.feed(
      "\xEF\xBB\xBF"
      "a\n");
  reader.finish();
  ASSERT_EQ(reader.next(), CsvReader::Next::kRecord);
  EXPECT_EQ(reader.field(0), "a");
  EXPECT_EQ(reader.next(), CsvReader::Next::kEnd);
}

TEST(Csv, PlainRecords) {
  EXPECT_EQ(read("a,b,c\n1,2,3\n"), (Recs{rec(1, {"a", "b", "c"}), rec(2, {"1", "2", "3"})}));
}

TEST(Csv, LastRecordWithoutLineBreak) {
  EXPECT_EQ(read("a,b\n1,2"), (Recs{rec(1, {"a", "b"}), rec(2, {"1", "2"})}));
  EXPECT_EQ(read("a,"), (Recs{rec(1, {"a", ""})}));
}

TEST(Csv, EmptyFields) {
  EXPECT_EQ(read(",,\n"), (Recs{rec(1, {"", "", ""})}));
  EXPECT_EQ(read("a,\"\",b\n"), (Recs{rec(1, {"a", "", "b"})}));
}

TEST(Csv, CrlfLineEnds) {
  EXPECT_EQ(read("a,b\r\n1,2\r\n"), (Recs{rec(1, {"a", "b"}), rec(2, {"1", "2"})}));
  EXPECT_EQ(read("a,\"b\"\r\n\"1\",2\r"), (Recs{rec(1, {"a", "b"}), rec(2, {"1", "2"})}));
}

TEST(Csv, CrInsideAFieldIsKept) {
  EXPECT_EQ(read("a\rb,c\r,d\n"), (Recs{rec(1, {"a\rb", "c\r", "d"})}));
}

TEST(Csv, QuotedFieldsHoldSeparatorsQuotesAndLineBreaks) {
  EXPECT_EQ(read("\"a,b\",\"say \"\"hi\"\"\",\"x\ny\r\nz\"\nnext,1\n"),
            (Recs{rec(1, {"a,b", "say \"hi\"", "x\ny\r\nz"}), rec(4, {"next", "1"})}));
}

TEST(Csv, LineNumbersCountLineBreaksInsideQuotes) {
  Recs r = read("h\n\"1\n2\n3\"\nafter\n\"\"\"\n\"\nlast\n");
  ASSERT_EQ(r.size(), 5u);
  EXPECT_EQ(r[1], rec(2, {"1\n2\n3"}));
  EXPECT_EQ(r[2], rec(5, {"after"}));
  EXPECT_EQ(r[3], rec(6, {"\"\n"}));
  EXPECT_EQ(r[4], rec(8, {"last"}));
}

TEST(Csv, QuoteInsideAnUnquotedFieldIsLiteral) {
  EXPECT_EQ(read("5\" screen,a\"b\"\n"), (Recs{rec(1, {"5\" screen", "a\"b\""})}));
}

TEST(Csv, BlankLinesAreBlankRecords) {
  Recs r = read("a\n\n\r\n\"\"\nb\n");
  ASSERT_EQ(r.size(), 5u);
  EXPECT_FALSE(r[0].blank);
  EXPECT_TRUE(r[1].blank);
  EXPECT_TRUE(r[2].blank);
  EXPECT_EQ(r[2].line, 3);
  EXPECT_FALSE(r[3].blank);  // an empty quoted field is a value
  EXPECT_EQ(r[4], rec(5, {"b"}));
}

TEST(Csv, ByteOrderMarkOnlyAtTheStart) {
  EXPECT_EQ(read("\xEF\xBB\xBFid,x\n\xEF\xBB\xBF,y\n"),
            (Recs{rec(1, {"id", "x"}), rec(2, {"\xEF\xBB\xBF", "y"})}));
  EXPECT_EQ(read("\xEF\xBB"), (Recs{rec(1, {"\xEF\xBB"})}));
}

TEST(Csv, NulBytesAreData) {
  std::string text("a\0b,\"c\0\"\n", 9);
  EXPECT_EQ(read(text), (Recs{rec(1, {std::string("a\0b", 3), std::string("c\0", 2)})}));
}

TEST(Csv, TextAfterClosingQuoteIsAProblemButTheRecordEndsRight) {
  Recs r = read("\"ab\"cd,e\nnext\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].fields, (std::vector<std::string>{"ab", "e"}));
  EXPECT_NE(r[0].problem.find("1:1 text after the closing quote"), std::string::npos);
  EXPECT_EQ(r[1], rec(2, {"next"}));
}

TEST(Csv, UnbalancedQuoteAtEndOfInput) {
  Recs r = read("a,b\n1,\"open\nmore\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].line, 2);
  EXPECT_EQ(r[1].fields, (std::vector<std::string>{"1", "open\nmore\n"}));
  EXPECT_NE(r[1].problem.find("2:2 the quoted field opened on line 2 is not closed"),
            std::string::npos)
      << r[1];
}

TEST(Csv, AMegabyteField) {
  std::string big(1 << 20, 'x');
  big[1000] = '\n';
  big[2000] = ',';
  Recs r = read("a,b\n1,\"" + big + "\"\n2," + big.substr(0, 500) + "\n");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[1].fields[1], big);
  EXPECT_EQ(r[2].line, 4);
}

TEST(Csv, RecordsOverTheLimitAreReportedAndSkippedToTheirEnd) {
  CsvLimits limits;
  limits.max_record_bytes = 20;
  Recs r = read(
      "a,b\n1,\"" + std::string(50, 'x') + "\n,\"\"\"\nok,2\n3," + std::string(30, 'y') + "\n4,z\n",
      limits);
  ASSERT_EQ(r.size(), 5u);
  EXPECT_TRUE(r[1].fields.empty());
  EXPECT_EQ(r[1].line, 2);
  EXPECT_NE(r[1].problem.find("record longer than the limit of 20 bytes"), std::string::npos);
  EXPECT_EQ(r[2], rec(4, {"ok", "2"}));
  EXPECT_TRUE(r[3].fields.empty());
  EXPECT_EQ(r[4], rec(6, {"4", "z"}));
}

TEST(Csv, RecordExactlyAtTheLimitIsRead) {
  CsvLimits limits;
  limits.max_record_bytes = 6;
  EXPECT_EQ(read("ab,cd\n", limits), (Recs{rec(1, {"ab", "cd"})}));
  EXPECT_EQ(read("\"a\",cd\n", limits)[0].fields.size(), 0u);
}

TEST(Csv, TooManyFields) {
  CsvLimits limits;
  limits.max_fields = 3;
  Recs r = read("a,b,c\na,b,c,d\n\"a\",b,c,d\nx\n", limits);
  ASSERT_EQ(r.size(), 4u);
  EXPECT_TRUE(r[0].problem.empty());
  EXPECT_NE(r[1].problem.find("more than 3 fields"), std::string::npos);
  EXPECT_NE(r[2].problem.find("more than 3 fields"), std::string::npos);
  EXPECT_EQ(r[3], rec(4, {"x"}));
}

TEST(Csv, UnclosedQuoteOverTheLimitSaysSo) {
  CsvLimits limits;
  limits.max_record_bytes = 10;
  Recs r = read("\"" + std::string(100, 'x'), limits);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].problem.find("not closed"), std::string::npos);
}

TEST(Csv, BufferStaysSmallOverManyRecords) {
  CsvReader reader;
  std::string chunk;
  for (int i = 0; i < 1000; ++i) chunk += "id" + std::to_string(i) + ",\"x\"\"y\",z\n";
  std::int64_t records = 0;
  for (int round = 0; round < 100; ++round) {
    reader.feed(chunk);
    while (reader.next() == CsvReader::Next::kRecord) {
      ++records;
      ASSERT_EQ(reader.field(1), "x\"y");
    }
  }
  reader.finish();
  EXPECT_EQ(reader.next(), CsvReader::Next::kEnd);
  EXPECT_EQ(records, 100000);
}

// Random CSV built from known fields reads back as those fields, however it is chunked.
TEST(Csv, RandomRoundTrip) {
  std::mt19937 rng(42);
  const std::string alphabet = "ab,\"\r\n x";
  for (int trial = 0; trial < 200; ++trial) {
    Recs expected;
    std::string text;
    std::int64_t line = 1;
    const int records = 1 + static_cast<int>(rng() % 6);
    for (int r = 0; r < records; ++r) {
      Rec want{line, {}, "", false};
      const int fields = 1 + static_cast<int>(rng() % 4);
      for (int f = 0; f < fields; ++f) {
        std::string value;
        const int length = static_cast<int>(rng() % 6);
        for (int k = 0; k < length; ++k) value += alphabet[rng() % alphabet.size()];
        if (f > 0) text += ',';
        text += '"';
        for (char c : value) {
          if (c == '"') text += '"';
          if (c == '\n') ++line;
          text += c;
        }
        text += '"';
        want.fields.push_back(value);
      }
      text += rng() % 2 ? "\r\n" : "\n";
      ++line;
      expected.push_back(want);
    }
    ASSERT_EQ(read(text), expected) << text;
  }
}

// Any text at all, well formed or not: read whole (a line at a time where it can be), it
// gives what it gives fed a byte at a time (the general reading), in both dialects, under
// limits small enough to be reached. Lines longer than a block of the splitter are among them.
TEST(Csv, RandomTextReadsAlikeWholeAndInPieces) {
  std::mt19937 rng(7);
  const std::string alphabet = "ab,;\"\"\r\n\n  x";
  for (int trial = 0; trial < 3000; ++trial) {
    std::string text;
    const std::size_t length = rng() % (trial % 10 == 0 ? 400 : 40);
    for (std::size_t k = 0; k < length; ++k) {
      // Long plain stretches now and then, so that fields cross 64-byte blocks.
      if (rng() % 50 == 0) text.append(rng() % 80, 'p');
      text += alphabet[rng() % alphabet.size()];
    }
    CsvLimits limits;
    if (trial % 3 == 1) limits.max_record_bytes = 1 + rng() % 70;
    if (trial % 3 == 2) limits.max_fields = 1 + rng() % 4;
    // A record over a limit that breaks another rule too may say either, by where a piece
    // of input ended; that it is refused may not differ.
    const bool tight = trial % 3 != 0;
    auto read_in = [&](std::size_t chunk, CsvDialect dialect) {
      Recs records = read_all(text, chunk, limits, dialect);
      for (Rec& r : records) {
        if (tight && !r.problem.empty()) r.problem = "refused";
      }
      return records;
    };
    for (const CsvDialect dialect : {CsvDialect{',', false}, CsvDialect{';', true}}) {
      const Recs whole = read_in(0, dialect);
      ASSERT_EQ(read_in(1, dialect), whole) << testing::PrintToString(text);
      ASSERT_EQ(read_in(1 + rng() % 9, dialect), whole) << testing::PrintToString(text);
    }
  }
}

// SPEC section 9: other separators, and spaces around unquoted fields that are not data.
TEST(CsvDialect, SemicolonsAndTabs) {
  const CsvDialect semicolon{';', false};
  EXPECT_EQ(read("a;b,c;\"d;e\"\n", {}, semicolon), (Recs{rec(1, {"a", "b,c", "d;e"})}));
  const CsvDialect tab{'\t', false};
  EXPECT_EQ(read("a\tb c\t\"d\te\"\n", {}, tab), (Recs{rec(1, {"a", "b c", "d\te"})}));
  EXPECT_EQ(read("\"a\" x;b\n", {}, semicolon),
            (Recs{rec(1, {"a", "b"},
                      "1:1 text after the closing quote; expected a separator or a line break "
                      "after it (a quote inside a quoted field is written twice: \"\")")}));
}

TEST(CsvDialect, UnquotedFieldsAreTrimmedQuotedOnesKept) {
  const CsvDialect trimmed{';', true};
  EXPECT_EQ(read("  a ; b b ;\" c \";   \n", {}, trimmed), (Recs{rec(1, {"a", "b b", " c ", ""})}));
  EXPECT_EQ(read("\"x\"\n  a ;b\r\n", {}, trimmed), (Recs{rec(1, {"x"}), rec(2, {"a", "b"})}));
  // A tab is data where it is not the separator, and trimming takes spaces only.
  EXPECT_EQ(read(" \ta\t ,b\n", {}, CsvDialect{',', true}), (Recs{rec(1, {"\ta\t", "b"})}));
}

TEST(CsvDialect, RowsOfEmptyFields) {
  CsvReader reader({}, CsvDialect{';', true});
  reader.feed("a;b\n;;\n  ;  \n\"\";\n1;2\n");
  reader.finish();
  std::vector<bool> empty;
  while (reader.next() == CsvReader::Next::kRecord) empty.push_back(reader.all_empty());
  EXPECT_EQ(empty, (std::vector<bool>{false, true, true, true, false}));
}

}  // namespace
}  // namespace sla
