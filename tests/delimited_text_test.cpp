// Tests of CSV quoting and TSV escapes.
#include "delimited_text.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>

namespace sla {
namespace {

std::string field(std::string_view value, char sep) {
  std::string out;
  append_delimited(out, value, sep);
  return out;
}

TEST(Csv, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(field("plain text; tabs\tand \\ too", ','), "plain text; tabs\tand \\ too");
  EXPECT_EQ(field("a, \"b\"\nc", ','), "\"a, \"\"b\"\"\nc\"");
  EXPECT_EQ(field("\"", ','), "\"\"\"\"");
  EXPECT_EQ(field("", ','), "");
}

// A special byte anywhere in a value is found.
TEST(Csv, QuotesASpecialByteAtAnyPosition) {
  for (char special : {',', '"', '\r', '\n'}) {
    for (std::size_t at = 0; at < 40; ++at) {
      std::string value(40, 'x');
      value[at] = special;
      std::string quoted = "\"" + value + "\"";
      if (special == '"') quoted.insert(at + 1, 1, '"');
      EXPECT_EQ(field(value, ','), quoted) << int{special} << " at " << at;
      EXPECT_FALSE(delimited_plain(value, ','));
    }
  }
  EXPECT_TRUE(delimited_plain(std::string(40, 'x'), ','));
}

// Whether a value is plain is what a byte-by-byte look says, for values of any bytes (high
// bytes, NUL, bytes next to the special ones) and any length around the words read at once.
TEST(Delimited, PlainIsWhatEachByteSays) {
  std::mt19937_64 rng(4);
  const std::string near =
      std::string(",\"\t\\\n\r+-!#[]\x0b\x0c\x80\xff\xac\xa2", 18) + std::string(1, '\0');
  for (int i = 0; i < 200000; ++i) {
    std::string value(rng() % 41, 'x');
    const std::uint64_t mix = rng() % 4;  // how rare the special bytes are
    for (char& c : value) {
      c = rng() % (1 + 4 * mix) == 0 ? near[rng() % near.size()] : static_cast<char>(rng() % 256);
      if (mix == 3 && rng() % 2) c = 'a';
    }
    for (const char sep : {',', '\t'}) {
      bool plain = true;
      for (const char c : value) {
        if (c == sep || c == (sep == ',' ? '"' : '\\') || c == '\n' || c == '\r') plain = false;
      }
      ASSERT_EQ(delimited_plain(value, sep), plain)
          << int{sep} << " " << ::testing::PrintToString(value);
    }
  }
}

TEST(Tsv, EscapesTabsNewlinesAndBackslashes) {
  EXPECT_EQ(field("a\tb\nc\rd\\e, \"f\"", '\t'), "a\\tb\\nc\\rd\\\\e, \"f\"");
  EXPECT_EQ(field("commas, and \"quotes\"", '\t'), "commas, and \"quotes\"");
  EXPECT_TRUE(delimited_plain("commas, and \"quotes\"", '\t'));
  EXPECT_FALSE(delimited_plain("back\\slash", '\t'));
}

// Pieces handed out join to the same field as append_delimited writes.
TEST(Delimited, PiecesJoinToTheField) {
  for (const char sep : {',', '\t'}) {
    const std::string value = "a\"b,c\td\\e\nf";
    std::string joined;
    encode_delimited(value, sep, [&joined](std::string_view piece) { joined += piece; });
    EXPECT_EQ(joined, field(value, sep));
  }
}

}  // namespace
}  // namespace sla
