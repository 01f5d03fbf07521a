// Tests of JSON string literals.
#include "json_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sla {
namespace {

std::string json(std::string_view value) {
  std::string out;
  append_json_string(out, value);
  return out;
}

TEST(JsonString, EscapesControlQuotesAndBadUtf8) {
  EXPECT_EQ(json("a\"b\\c\n\t\x01\x7f"), R"("a\"b\\c\n\t\u0001\u007f")");
  // Valid UTF-8 is kept.
  EXPECT_EQ(json("caf\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80"),
            "\"caf\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80\"");
  // Invalid: each bad byte replaced.
  const std::string bad = json("\xff\xc3(\xed\xa0\x80\xe2\x82");
  EXPECT_EQ(bad.find('\xff'), std::string::npos);
  EXPECT_EQ(bad.substr(0, 7), "\"\\ufffd");
  EXPECT_EQ(bad.back(), '"');
}

// A byte to escape anywhere in a long plain run is found and escaped, the rest kept.
TEST(JsonString, EscapesAByteAtAnyPosition) {
  for (const char special : {'"', '\\', '\n', '\x01', '\x7f'}) {
    for (std::size_t at = 0; at < 40; ++at) {
      std::string value(40, 'x');
      value[at] = special;
      const std::string out = json(value);
      EXPECT_EQ(out.size(), special == '\x01' || special == '\x7f' ? 47u : 43u) << at;
      EXPECT_EQ(out.substr(1, at), std::string(at, 'x'));
      EXPECT_EQ(out[at + 1], '\\');
    }
  }
}

TEST(JsonString, PlainIsWhatNeedsNoEscaping) {
  for (const std::string_view value : {"", "deadline_utc", "a b-c.d"}) {
    EXPECT_TRUE(json_plain(value)) << value;
    EXPECT_EQ(json(value), "\"" + std::string(value) + "\"");
  }
  for (const std::string_view value : {"a\"b", "a\\b", "a\nb", "\x7f"}) {
    EXPECT_FALSE(json_plain(value)) << value;
    EXPECT_NE(json(value), "\"" + std::string(value) + "\"");
  }
}

}  // namespace
}  // namespace sla
