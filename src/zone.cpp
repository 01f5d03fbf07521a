// Time zones: TZif parsing (RFC 8536), offset lookup and wall-time resolution.
#include "zone.hpp"

#include "error.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace sla {
namespace {

// The largest offset magnitude accepted, 25:59:59 (RFC 8536 recommends -89999..93599).
constexpr std::int32_t kMaxOffset = 93599;
// Wall times beyond this many seconds from 1970 are clamped, so arithmetic cannot overflow.
constexpr std::int64_t kLocalLimit = 1'000'000'000'000'000;

[[noreturn]] void throw_bad_zone(std::string_view name, const std::string& what) {
  throw InputError("invalid time zone " + quote(name) + ": " + what +
                   "; expected TZif data (RFC 8536) such as the files in /usr/share/zoneinfo");
}

// The checked contents of a TZif file; views point into the file's bytes.
struct TzifData {
  struct Type {
    std::int32_t utc_offset;
    bool is_dst;
    std::string_view abbreviation;
  };
  std::vector<std::int64_t> transitions;
  std::vector<std::uint8_t> transition_types;
  std::vector<Type> types;
  std::string_view footer;
};

// Reads TZif bytes front to back. Every count is checked against the bytes left before
// anything is read or allocated, so no input can read out of bounds or exhaust memory.
class TzifReader {
 public:
  TzifReader(std::string_view name, std::string_view data) : name_(name), data_(data) {}

  TzifData read() {
    TzifData out;
    const Header first = header();
    if (first.version == 0) {
      read_block(first, 4, out);
    } else {
      take(block_size(first, 4), "truncated version 1 data");  // superseded by 64-bit data
      const Header second = header();
      if (second.version != first.version) fail("the two headers disagree on the version");
      read_block(second, 8, out);
      read_footer(out);
    }
    if (pos_ != data_.size()) fail("unexpected bytes after the end of the data");
    return out;
  }

 private:
  struct Header {
    char version;
    std::uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
  };

  [[noreturn]] void fail(const std::string& what) const { throw_bad_zone(name_, what); }

  std::string_view take(std::uint64_t n, const char* what) {
    if (n > data_.size() - pos_) fail(what);
    auto bytes = data_.substr(pos_, static_cast<std::size_t>(n));
    pos_ += bytes.size();
    return bytes;
  }

  // The N-byte big-endian number at `bytes`, as read by a caller that checked they are there:
  // one load and a byte swap where the machine is little-endian (a start reads some 240).
  template <unsigned N>
  static std::uint64_t big_endian(const char* bytes) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if constexpr (N == 8) {
      std::uint64_t value;
      std::memcpy(&value, bytes, 8);
      return __builtin_bswap64(value);
    } else if constexpr (N == 4) {
      std::uint32_t value;
      std::memcpy(&value, bytes, 4);
      return __builtin_bswap32(value);
    }
#endif
    std::uint64_t value = 0;
    for (unsigned i = 0; i < N; ++i) value = value << 8 | static_cast<unsigned char>(bytes[i]);
    return value;
  }

  template <unsigned N>
  static std::int64_t signed_big_endian(const char* bytes) {
    const std::uint64_t value = big_endian<N>(bytes);
    if (N < 8 && (value >> (8 * N - 1)) != 0) {
      return static_cast<std::int64_t>(value) - (std::int64_t{1} << (8 * N % 64));
    }
    return static_cast<std::int64_t>(value);
  }

  Header header() {
    auto bytes = take(44, "truncated header");
    if (bytes.substr(0, 4) != "TZif") fail("not TZif data (bad magic number)");
    const char version = bytes[4];
    if (version != 0 && (version < '2' || version > '4')) fail("unsupported TZif version");
    auto count = [&](std::size_t i) {
      return static_cast<std::uint32_t>(big_endian<4>(bytes.data() + 20 + 4 * i));
    };
    return {version, count(0), count(1), count(2), count(3), count(4), count(5)};
  }

  static std::uint64_t block_size(const Header& h, unsigned time_size) {
    return std::uint64_t{h.timecnt} * (time_size + 1) + std::uint64_t{h.typecnt} * 6 + h.charcnt +
           std::uint64_t{h.leapcnt} * (time_size + 4) + h.isstdcnt + h.isutcnt;
  }

  void check_counts(const Header& h) const {
    if (h.typecnt == 0) fail("no local time types");
    if (h.typecnt > 256) fail("more than 256 local time types");
    if (h.charcnt == 0) fail("no abbreviation characters");
    if (h.isstdcnt != 0 && h.isstdcnt != h.typecnt) fail("bad standard/wall indicator count");
    if (h.isutcnt != 0 && h.isutcnt != h.typecnt) fail("bad UT/local indicator count");
    if (h.leapcnt != 0) fail("leap second records (the right/ zones) are not supported");
  }

  void read_block(const Header& h, unsigned time_size, TzifData& out) {
    check_counts(h);
    if (block_size(h, time_size) > data_.size() - pos_) fail("truncated data");
    // A fixed-size read a transition (a start reads some 240 of them).
    const std::string_view times =
        take(std::uint64_t{h.timecnt} * time_size, "truncated transitions");
    out.transitions.resize(h.timecnt);
    if (time_size == 8) {
      read_times<8>(times.data(), out.transitions);
    } else {
      read_times<4>(times.data(), out.transitions);
    }
    const std::string_view kinds = take(h.timecnt, "truncated transition types");
    out.transition_types.assign(kinds.begin(), kinds.end());
    for (const std::uint8_t index : out.transition_types) {
      if (index >= h.typecnt) fail("a transition names a local time type that does not exist");
    }
    auto type_bytes = take(std::uint64_t{h.typecnt} * 6, "truncated local time types");
    auto chars = take(h.charcnt, "truncated abbreviations");
    for (std::size_t i = 0; i < h.typecnt; ++i) {
      out.types.push_back(local_type(type_bytes.substr(6 * i, 6), chars));
    }
    for (char c : take(std::uint64_t{h.isstdcnt} + h.isutcnt, "truncated indicators")) {
      if (c != 0 && c != 1) fail("a standard/wall or UT/local indicator is not 0 or 1");
    }
  }

  // Reads transitions.size() N-byte times from `bytes` into `transitions`.
  template <unsigned N>
  void read_times(const char* bytes, std::vector<std::int64_t>& transitions) const {
    std::int64_t last = INT64_MIN;
    for (std::int64_t& time : transitions) {
      time = signed_big_endian<N>(bytes);
      bytes += N;
      if (time <= last && &time != transitions.data()) {
        fail("transition times are not in ascending order");
      }
      last = time;
    }
  }

  TzifData::Type local_type(std::string_view bytes, std::string_view chars) const {
    const std::int64_t offset = signed_big_endian<4>(bytes.data());
    if (offset < -kMaxOffset || offset > kMaxOffset) fail("a UTC offset of 26 hours or more");
    const auto is_dst = static_cast<unsigned char>(bytes[4]);
    if (is_dst > 1) fail("a daylight saving flag is not 0 or 1");
    const auto index = static_cast<unsigned char>(bytes[5]);
    if (index >= chars.size()) fail("an abbreviation index is out of range");
    const std::size_t end = chars.find('\0', index);
    if (end == std::string_view::npos) fail("an abbreviation is not NUL-terminated");
    auto abbreviation = chars.substr(index, end - index);
    for (char c : abbreviation) {
      if (c <= ' ' || c > '~') fail("an abbreviation holds a character that is not printable");
    }
    return {static_cast<std::int32_t>(offset), is_dst == 1, abbreviation};
  }

  void read_footer(TzifData& out) {
    if (take(1, "missing footer") != "\n") fail("missing footer");
    const std::size_t end = data_.find('\n', pos_);
    if (end == std::string_view::npos) fail("unterminated footer");
    out.footer = data_.substr(pos_, end - pos_);
    pos_ = end + 1;
  }

  std::string_view name_;
  std::string_view data_;
  std::size_t pos_ = 0;
};

}  // namespace

Zone Zone::from_tzif(std::string_view name, std::string_view tzif) {
  TzifData data = TzifReader(name, tzif).read();
  Zone zone;
  zone.name_ = std::string(name);
  zone.transitions_ = std::move(data.transitions);
  zone.transition_types_ = std::move(data.transition_types);
  for (const auto& type : data.types) {
    zone.types_.push_back({type.utc_offset, type.is_dst, zone.intern(type.abbreviation)});
  }
  if (!data.footer.empty()) {
    std::string problem;
    auto rule = parse_posix_tz(data.footer, problem);
    if (!rule) throw_bad_zone(name, "bad footer TZ string " + quote(data.footer) + ": " + problem);
    zone.set_footer(*rule);
  }
  zone.build_index();
  return zone;
}

Zone Zone::from_posix(std::string_view name, std::string_view tz) {
  std::string problem;
  auto rule = parse_posix_tz(tz, problem);
  if (!rule) {
    throw InputError("invalid POSIX TZ string " + quote(tz) + " for zone " + quote(name) + ": " +
                     problem + "; expected a rule like EST5EDT,M3.2.0,M11.1.0");
  }
  Zone zone;
  zone.name_ = std::string(name);
  zone.set_footer(*rule);
  zone.types_.push_back(zone.footer_standard_);
  return zone;
}

Zone Zone::utc() {
  Zone zone;
  zone.name_ = "UTC";
  zone.types_.push_back({0, false, zone.intern("UTC")});
  return zone;
}

std::uint16_t Zone::intern(std::string_view abbreviation) {
  auto found = std::find(abbreviations_.begin(), abbreviations_.end(), abbreviation);
  if (found == abbreviations_.end()) found = abbreviations_.emplace(found, abbreviation);
  return static_cast<std::uint16_t>(found - abbreviations_.begin());
}

void Zone::set_footer(const PosixTz& footer) {
  footer_ = footer;
  footer_standard_ = {footer.std_offset, false, intern(footer.std_abbreviation)};
  if (footer.has_dst) footer_daylight_ = {footer.dst_offset, true, intern(footer.dst_abbreviation)};
}

void Zone::build_index() {
  bucket_first_.clear();
  if (transitions_.empty()) return;
  const std::int64_t origin = transitions_.front();
  // The span in unsigned arithmetic: a table's ends may lie further apart than INT64_MAX.
  const std::uint64_t span =
      static_cast<std::uint64_t>(transitions_.back()) - static_cast<std::uint64_t>(origin);
  if ((span >> kBucketBits) >= kMaxBuckets) return;  // spanning millennia: binary search will do
  const auto buckets = static_cast<std::size_t>((span >> kBucketBits) + 1);
  bucket_first_.resize(buckets);
  // The buckets that start at or after transition i - 1 and before transition i follow i
  // transitions: each run is filled at once, transition by transition.
  std::size_t from = 0;
  for (std::size_t i = 0; i <= transitions_.size(); ++i) {
    const std::size_t until =
        i == transitions_.size()
            ? buckets
            : static_cast<std::size_t>(
                  (transitions_[i] - origin + (std::int64_t{1} << kBucketBits) - 1) >> kBucketBits);
    if (until > from) {
      std::fill(bucket_first_.begin() + static_cast<std::ptrdiff_t>(from),
                bucket_first_.begin() + static_cast<std::ptrdiff_t>(until),
                static_cast<std::uint32_t>(i));
      from = until;
    }
  }
}

// Returns the number of transitions at or before t: from the bucket index inside the table
// (a step or two from the bucket's first), by binary search outside it.
std::size_t Zone::transitions_until(std::int64_t t) const {
  if (bucket_first_.empty() || t < transitions_.front() || t >= transitions_.back()) {
    return static_cast<std::size_t>(std::upper_bound(transitions_.begin(), transitions_.end(), t) -
                                    transitions_.begin());
  }
  std::size_t i =
      bucket_first_[static_cast<std::size_t>((t - transitions_.front()) >> kBucketBits)];
  while (transitions_[i] <= t) ++i;
  return i;
}

Zone::Piece Zone::piece_at(std::int64_t t) const {
  const std::size_t i = transitions_until(t);
  if (i < transitions_.size()) {
    return {&types_[i == 0 ? 0 : transition_types_[i - 1]], transitions_[i]};
  }
  if (footer_) {
    const PosixState state = posix_state_at(*footer_, t);
    return {state.is_dst ? &footer_daylight_ : &footer_standard_, state.next_change};
  }
  return {&types_[i == 0 ? 0 : transition_types_[i - 1]], INT64_MAX};
}

ZoneOffset Zone::to_offset(const LocalType& type) const {
  return {std::chrono::seconds{type.utc_offset}, type.is_dst, abbreviations_[type.abbreviation]};
}

const Zone::LocalType& Zone::type_at(std::int64_t t) const {
  if (footer_ && (transitions_.empty() || t >= transitions_.back())) {
    return posix_is_dst_at(*footer_, t) ? footer_daylight_ : footer_standard_;
  }
  return *piece_at(t).type;
}

ZoneOffset Zone::offset_at(date::sys_seconds t) const {
  return to_offset(type_at(t.time_since_epoch().count()));
}

Zone::OffsetStretch Zone::offset_stretch(date::sys_seconds t) const {
  const std::int64_t at = t.time_since_epoch().count();
  const std::size_t i = transitions_until(at);
  const std::int64_t from = i == 0 ? INT64_MIN : transitions_[i - 1];
  if (i < transitions_.size())
    return {from, transitions_[i], types_[i == 0 ? 0 : transition_types_[i - 1]].utc_offset};
  if (footer_) {
    const PosixState state = posix_state_at(*footer_, at);
    const LocalType& type = state.is_dst ? footer_daylight_ : footer_standard_;
    return {at, state.next_change, type.utc_offset};
  }
  return {from, INT64_MAX, types_[i == 0 ? 0 : transition_types_[i - 1]].utc_offset};
}

ZoneOffset Zone::offset_until(date::sys_seconds t, date::sys_seconds& until) const {
  const Piece piece = piece_at(t.time_since_epoch().count());
  until = date::sys_seconds{std::chrono::seconds{piece.next}};
  return to_offset(*piece.type);
}

// Walks the pieces of the offset function whose wall-clock ranges could hold `local`, in
// time order: the first that holds it gives the earlier instant. Passing it over means the
// wall clock jumped over `local` at the start of the next piece, unless a later piece that
// starts soon enough shows it after all (a fall back further than the jump, which only
// malformed data has): the first jump over it is where it does not exist.
Zone::Resolved Zone::resolve(std::int64_t local) const {
  const std::int64_t wall = std::clamp(local, -kLocalLimit, kLocalLimit);
  std::int64_t start = wall - kMaxOffset - 1;
  std::int64_t jumped = INT64_MIN;  // where the clock first jumped over `wall`; none yet
  for (;;) {
    const Piece piece = piece_at(start);
    const std::int64_t instant = wall - piece.type->utc_offset;
    if (instant < start) {
      if (jumped == INT64_MIN) jumped = start;
    } else if (instant < piece.next) {
      return {instant, true};
    }
    // No later piece holds an instant of `wall`: they all start after its latest.
    if (piece.next > wall + kMaxOffset) return {jumped, false};
    start = piece.next;
  }
}

std::optional<date::sys_seconds> Zone::from_local(date::local_seconds local) const {
  const Resolved r = resolve(local.time_since_epoch().count());
  if (!r.exists) return std::nullopt;
  return date::sys_seconds{std::chrono::seconds{r.instant}};
}

date::sys_seconds Zone::from_local_lenient(date::local_seconds local) const {
  return date::sys_seconds{std::chrono::seconds{resolve(local.time_since_epoch().count()).instant}};
}

}  // namespace sla
