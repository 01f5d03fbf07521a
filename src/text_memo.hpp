// Memos of what short texts read as, for readers that see the same texts again and again.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace sla {

// Returns a hash of `text` whose high bits depend on every byte.
inline std::uint64_t text_hash(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  // FNV leaves the last bytes out of the high bits: mix them in (MurmurHash3's finalizer).
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

// What texts of up to 16 bytes read as, remembered in a table of 2^kBits slots, allocated when
// the first is kept, where a text takes the slot of one before it with the same hash.
template <typename Value, unsigned kBits>
class TextMemo {
 public:
  static constexpr std::size_t kMaxText = 16;

  // Returns the value kept for `text`, or null.
  const Value* find(std::string_view text) const {
    if (slots_.empty() || text.size() > kMaxText) return nullptr;
    const Slot& s = slots_[slot(text)];
    if (!s.used || s.size != text.size() || std::memcmp(s.key.data(), text.data(), text.size()))
      return nullptr;
    return &s.value;
  }
  // Keeps `value` for `text`, if it has at most kMaxText bytes.
  void put(std::string_view text, const Value& value) {
    if (text.size() > kMaxText) return;
    if (slots_.empty()) slots_.resize(kSlots);
    Slot& s = slots_[slot(text)];
    s.used = true;
    s.size = static_cast<std::uint8_t>(text.size());
    std::memcpy(s.key.data(), text.data(), text.size());
    s.value = value;
  }

 private:
  static constexpr std::size_t kSlots = std::size_t{1} << kBits;
  struct Slot {
    std::array<char, kMaxText> key{};
    std::uint8_t size = 0;
    bool used = false;
    Value value{};
  };
  static std::size_t slot(std::string_view text) {
    return static_cast<std::size_t>(text_hash(text) >> (64 - kBits));
  }
  std::vector<Slot> slots_;
};

// What texts of up to 17 bytes read as, as 32-bit values other than 0, kept so that texts
// which differ only in their last pair of digits share one block of 100 values: the 86,400
// times of day "00:00:00" to "23:59:59" take 1,440 blocks, 563 KiB, where a slot a text would
// take several times that, more than a core's cache holds, and every look would miss it.
// The pair is the last run of exactly two ASCII digits, or else the last two digits of the
// last longer run; a text with no two digits side by side is not kept.
class DigitPairMemo {
 public:
  static constexpr std::size_t kMaxText = 17;

  // Returns the value kept for `text`, or 0.
  std::uint32_t find(std::string_view text) const {
    Key key;
    if (!key.set(text)) return 0;
    const std::size_t s = locate(key);
    if (s == kNone || !slots_[s].has(key)) return 0;
    return values_[slots_[s].block * 100 + key.digits];
  }
  // Keeps `value` (not 0) for `text`, if the memo keeps such a text: a block's place taken by
  // another is cleared for it, so the memo holds at most kSlots blocks.
  void put(std::string_view text, std::uint32_t value) {
    Key key;
    if (!key.set(text)) return;
    if (slots_.empty()) slots_.resize(kSlots);
    std::size_t s = locate(key);
    if (s == kNone) s = home(key);  // every place it may stand is taken: take its first
    Slot& slot = slots_[s];
    if (!slot.has(key)) {
      if (slot.used) {
        std::fill_n(values_.begin() + slot.block * 100, 100, 0U);
      } else {
        slot.used = true;
        slot.block = static_cast<std::uint32_t>(values_.size() / 100);
        values_.resize(values_.size() + 100);
      }
      slot.size = key.size;
      slot.key = key.bytes;
    }
    values_[slot.block * 100 + key.digits] = value;
  }

 private:
  static constexpr unsigned kBits = 12;
  static constexpr std::size_t kSlots = std::size_t{1} << kBits;
  static constexpr std::size_t kProbes = 8;  // the places a key may stand in, from its first
  static constexpr std::size_t kNone = ~std::size_t{0};

  // A text without its pair of digits, then the pair's place (so that no two texts share a
  // key and the pair's value); and the pair's value, 0 to 99.
  struct Key {
    std::array<char, kMaxText - 1> bytes{};
    std::uint8_t size = 0;
    unsigned digits = 0;

    bool set(std::string_view text) {
      if (text.size() > kMaxText) return false;
      const std::size_t at = pair_at(text);
      if (at == std::string_view::npos) return false;
      std::memcpy(bytes.data(), text.data(), at);
      std::memcpy(bytes.data() + at, text.data() + at + 2, text.size() - at - 2);
      bytes[text.size() - 2] = static_cast<char>(at);
      size = static_cast<std::uint8_t>(text.size() - 1);
      digits =
          static_cast<unsigned>(text[at] - '0') * 10 + static_cast<unsigned>(text[at + 1] - '0');
      return true;
    }
    std::string_view view() const { return {bytes.data(), size}; }
  };
  struct Slot {
    std::array<char, kMaxText - 1> key{};
    std::uint8_t size = 0;
    bool used = false;
    std::uint32_t block = 0;  // its values are values_[block * 100, block * 100 + 100)
    bool has(const Key& k) const {
      return used && size == k.size && std::memcmp(key.data(), k.bytes.data(), size) == 0;
    }
  };

  static bool digit(char c) { return c >= '0' && c <= '9'; }
  // Returns where the pair of `text` starts, or npos.
  static std::size_t pair_at(std::string_view text) {
    std::size_t longer = std::string_view::npos;
    for (std::size_t end = text.size(); end > 0;) {
      if (!digit(text[end - 1])) {
        --end;
        continue;
      }
      std::size_t begin = end - 1;
      while (begin > 0 && digit(text[begin - 1])) --begin;
      if (end - begin == 2) return begin;
      if (end - begin > 2 && longer == std::string_view::npos) longer = end - 2;
      end = begin;
    }
    return longer;
  }
  static std::size_t home(const Key& key) {
    return static_cast<std::size_t>(text_hash(key.view()) >> (64 - kBits));
  }
  // Returns the slot that holds `key`, else the first free one it may take, else kNone.
  std::size_t locate(const Key& key) const {
    if (slots_.empty()) return kNone;
    const std::size_t first = home(key);
    for (std::size_t i = 0; i < kProbes; ++i) {
      const std::size_t s = (first + i) & (kSlots - 1);
      if (!slots_[s].used || slots_[s].has(key)) return s;
    }
    return kNone;
  }

  std::vector<Slot> slots_;
  std::vector<std::uint32_t> values_;
};

}  // namespace sla
