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

}  // namespace sla
