// Tests of short runs of bytes read as words: every byte counts, and equal runs give equal words.
#include "packed_bytes.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace sla {
namespace {

// Against the bytes themselves: runs of one length (0 to 7) give the same word exactly when
// they hold the same bytes, over random runs and runs that differ at one place only.
TEST(ShortWordAt, SameWordExactlyForSameBytes) {
  std::mt19937 rng(3);
  int differing = 0;
  for (int i = 0; i < 200000; ++i) {
    const std::size_t n = rng() % 8;
    std::string a(n, '\0'), b(n, '\0');
    for (char& c : a) c = static_cast<char>(rng() % 4);  // few values: equal runs come often
    b = a;
    if (n > 0 && rng() % 2 == 0) b[rng() % n] = static_cast<char>(rng() % 4);
    for (char& c : b)
      if (rng() % 16 == 0) c = static_cast<char>(rng() % 256);
    differing += a != b ? 1 : 0;
    ASSERT_EQ(short_word_at(a.data(), n) == short_word_at(b.data(), n), a == b) << n << " " << i;
  }
  EXPECT_GT(differing, 50000);
}

// Against a search byte by byte: runs of every length up to 40, with NULs anywhere or nowhere
// and bytes whose high bit is set (which a word's test for a zero byte could confuse).
TEST(HasNul, FindsANulAnywhere) {
  std::mt19937 rng(1204);
  int with = 0;
  for (int i = 0; i < 200000; ++i) {
    const std::size_t n = rng() % 41;
    std::string run(n, 'a');
    for (char& c : run) c = static_cast<char>(1 + rng() % 255);
    if (n > 0 && rng() % 2 == 0) run[rng() % n] = '\0';
    const bool expected = run.find('\0') != std::string::npos;
    with += expected ? 1 : 0;
    ASSERT_EQ(has_nul(run.data(), n), expected) << n << " " << i;
  }
  EXPECT_GT(with, 50000);
}

}  // namespace
}  // namespace sla
