// Short runs of bytes read as one machine word, for comparing and scanning them without a loop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace sla {

// Returns the 8 bytes at `p` as one word.
inline std::uint64_t word_at(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

// Returns the `n` (< 8) bytes at `p` as one word: from 4 on, the first four and the last four
// (overlapping); fewer as the first, the middle and the last (for up to three bytes, all of
// them), with zeros above. Every byte is in it, and runs of one length with the same bytes
// give the same word.
inline std::uint64_t short_word_at(const char* p, std::size_t n) {
  if (n >= 4) {
    std::uint32_t low, high;
    std::memcpy(&low, p, 4);
    std::memcpy(&high, p + n - 4, 4);
    return low | std::uint64_t{high} << 32;
  }
  if (n == 0) return 0;
  auto byte = [p](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])}; };
  return byte(0) | byte(n >> 1) << 8 | byte(n - 1) << 16;
}

// Returns whether the `n` bytes at `p` hold a NUL: by two words that overlap for up to 16
// bytes, as short runs such as ids are, and by memchr beyond.
inline bool has_nul(const char* p, std::size_t n) {
  constexpr std::uint64_t kOnes = 0x0101010101010101, kHighs = 0x8080808080808080;
  auto zero_in = [](std::uint64_t w) { return ((w - kOnes) & ~w & kHighs) != 0; };
  if (n > 16) return std::memchr(p, '\0', n) != nullptr;
  if (n >= 8) return zero_in(word_at(p)) || zero_in(word_at(p + n - 8));
  if (n >= 4) return zero_in(short_word_at(p, n));  // all eight bytes are the run's
  for (std::size_t i = 0; i < n; ++i) {
    if (p[i] == '\0') return true;
  }
  return false;
}

}  // namespace sla
