// Tests of the memos of short texts: a value found is the one last kept for that very text.
#include "text_memo.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <map>
#include <random>
#include <string>

namespace sla {
namespace {

// Returns a random text of 0 to 19 bytes from few letters, so that texts repeat, share all but
// a pair of digits, and hold bytes a key is built of (NUL, small numbers).
std::string random_text(std::mt19937_64& rng) {
  static const std::string kBytes = std::string("0123456789:: P", 14) + std::string(1, '\0') +
                                    std::string(1, '\x02') + "0123456789";
  std::string text(rng() % 20, ' ');
  for (char& c : text) c = kBytes[rng() % kBytes.size()];
  return text;
}

// Returns whether `text` has two ASCII digits side by side, as DigitPairMemo needs to keep it.
bool has_two_digits(const std::string& text) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i])) &&
        std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
      return true;
    }
  }
  return false;
}

TEST(DigitPairMemo, FindsOnlyWhatWasLastKeptForTheSameText) {
  std::mt19937_64 rng(12);
  DigitPairMemo memo;
  std::map<std::string, std::uint32_t> kept;
  int found = 0;
  for (int i = 0; i < 200000; ++i) {
    const std::string text = random_text(rng);
    if (rng() % 2) {
      const auto value = static_cast<std::uint32_t>(rng() % 1000 + 1);
      memo.put(text, value);
      kept[text] = value;
      // A text just kept is found, where the memo keeps such texts at all.
      const bool keeps = text.size() <= DigitPairMemo::kMaxText && has_two_digits(text);
      ASSERT_EQ(memo.find(text), keeps ? value : 0U) << '"' << text << '"';
    } else {
      const std::uint32_t value = memo.find(text);
      if (value == 0) continue;
      ++found;
      const auto it = kept.find(text);
      ASSERT_TRUE(it != kept.end()) << '"' << text << "\" never kept";
      ASSERT_EQ(value, it->second) << '"' << text << '"';
    }
  }
  EXPECT_GT(found, 1000);  // the comparisons above were made
}

TEST(DigitPairMemo, KeepsEverySecondOfADayAtOnce) {
  DigitPairMemo memo;
  char text[48];  // room for any int, as the compiler cannot see the bounds at every level
  for (int s = 0; s < 86400; ++s) {
    std::snprintf(text, sizeof text, "%02d:%02d:%02d PM", s / 3600, s / 60 % 60, s % 60);
    memo.put(text, static_cast<std::uint32_t>(s + 1));
  }
  for (int s = 0; s < 86400; ++s) {
    std::snprintf(text, sizeof text, "%02d:%02d:%02d PM", s / 3600, s / 60 % 60, s % 60);
    ASSERT_EQ(memo.find(text), static_cast<std::uint32_t>(s + 1)) << text;
  }
}

TEST(DigitPairMemo, TextsAlikeButForWhereTheirPairStandsAreApart) {
  DigitPairMemo memo;
  const std::string a(
      "\x02\x02"
      "12",
      4),
      b("12\x02\x02", 4), c("1234", 4), d("12:34", 5);
  memo.put(a, 1);
  memo.put(b, 2);
  memo.put(c, 3);
  memo.put(d, 4);
  EXPECT_EQ(memo.find(a), 1U);
  EXPECT_EQ(memo.find(b), 2U);
  EXPECT_EQ(memo.find(c), 3U);
  EXPECT_EQ(memo.find(d), 4U);
  EXPECT_EQ(memo.find("12:35"), 0U);
  EXPECT_EQ(memo.find("1235"), 0U);
}

TEST(TextMemo, FindsOnlyWhatWasLastKeptForTheSameText) {
  std::mt19937_64 rng(13);
  TextMemo<std::uint32_t, 6> memo;  // 64 slots: texts take each other's often
  std::map<std::string, std::uint32_t> kept;
  int found = 0;
  for (int i = 0; i < 200000; ++i) {
    const std::string text = random_text(rng);
    if (rng() % 2) {
      const auto value = static_cast<std::uint32_t>(rng());
      memo.put(text, value);
      kept[text] = value;
      const std::uint32_t* now = memo.find(text);
      if (text.size() > TextMemo<std::uint32_t, 6>::kMaxText) {
        ASSERT_EQ(now, nullptr);
      } else {
        ASSERT_TRUE(now != nullptr && *now == value) << '"' << text << '"';
      }
    } else if (const std::uint32_t* value = memo.find(text)) {
      ++found;
      const auto it = kept.find(text);
      ASSERT_TRUE(it != kept.end()) << '"' << text << "\" never kept";
      ASSERT_EQ(*value, it->second) << '"' << text << '"';
    }
  }
  EXPECT_GT(found, 1000);
}

}  // namespace
}  // namespace sla
