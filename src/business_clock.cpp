// The business-hours clock: walks local days, whole weeks and cached whole years.
#include "business_clock.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>

namespace sla {
namespace {

using Seconds = std::chrono::seconds;

constexpr date::days kDay{1};
constexpr date::days kWeek{7};
constexpr date::local_days kBegin{kFirstDay};
constexpr date::local_days kEnd = date::local_days{kLastDay} + kDay;  // first day past the range

date::local_days jan1(int y) {
  return date::local_days{date::year{y} / date::January / 1};
}

int year_of(date::local_days d) {
  return static_cast<int>(date::year_month_day{d}.year());
}

unsigned weekday_of(date::local_days d) {
  return date::weekday{d}.c_encoding();
}

// One of 14: the weekday of 1 January and whether the year is leap. While the same holiday
// rules are in force, these two decide which days of the year are holidays.
unsigned year_type(int y) {
  return weekday_of(jan1(y)) * 2 + (date::year{y}.is_leap() ? 1 : 0);
}

date::sys_seconds at(std::int64_t t) {
  return date::sys_seconds{std::chrono::seconds{t}};
}

bool has_hours(const OpenInterval& interval) {
  return interval.close > interval.open;
}

}  // namespace

BusinessClock::BusinessClock(WeeklySchedule schedule, const Zone& zone,
                             const HolidayCalendar& holidays)
    : schedule_(std::move(schedule)),
      zone_(zone),
      holidays_(holidays),
      end_(zone.from_local_lenient(date::local_seconds{kEnd})) {
  for (std::size_t day = 0; day < 7; ++day) {
    for (const auto& interval : schedule_.by_weekday[day]) {
      if (has_hours(interval)) weekday_hours_[day] += interval.close - interval.open;
    }
    week_hours_ += weekday_hours_[day];
  }
  // Observed dates move across New Year, so a year's holidays depend on the rules in force in
  // the years either side: a change in year c sets years c-1 and c apart from their neighbours.
  auto change = [this](int c) {
    if (c <= kFirstYear - 2 || c >= kLastYear + 2) return;
    rule_changes_.push_back(c - 1);
    rule_changes_.push_back(c + 1);
  };
  for (const auto& rule : holidays.set().rules()) {
    if (rule.kind == HolidayRule::Kind::kOnce) {
      change(rule.year);
      change(rule.year + 1);
    } else {
      change(rule.from_year);
      change(rule.until_year + 1);
    }
  }
  std::sort(rule_changes_.begin(), rule_changes_.end());
  rule_changes_.erase(std::unique(rule_changes_.begin(), rule_changes_.end()), rule_changes_.end());
  closed_types_.assign(rule_changes_.size() + 1, 0);
}

// Returns the open hours of day d, less what a part-day closure takes; null if it is closed.
// Days outside the supported range count as closed, so that no walk runs past them.
// A part-closed day's hours are valid until the next call.
const std::vector<OpenInterval>* BusinessClock::hours_on(date::local_days d) const {
  if (d < kBegin || d >= kEnd) return nullptr;
  const auto& hours = schedule_.by_weekday[weekday_of(d)];
  if (weekday_hours_[weekday_of(d)] <= Seconds{0}) return nullptr;
  const Closure* closure = holidays_.closure_on(d);
  if (closure == nullptr) return &hours;
  if (closure->whole_day) return nullptr;
  part_day_.clear();
  for (OpenInterval open : hours) {
    for (const OpenInterval& shut : closure->closed) {
      if (shut.close <= open.open || shut.open >= open.close) continue;
      if (shut.open > open.open) part_day_.push_back({open.open, shut.open});
      open.open = std::min(open.close, shut.close);
    }
    if (open.close > open.open) part_day_.push_back(open);
  }
  return &part_day_;
}

// The stretches as the chunks and whole_day_seconds count them from the open hours: each
// open and close resolved to an instant, and nothing where a stretch is empty.
template <typename Add>
void BusinessClock::each_span(date::local_days d, Add add) const {
  const auto* hours = hours_on(d);
  if (hours == nullptr) return;
  for (const auto& interval : *hours) {
    if (!has_hours(interval)) continue;
    const auto begin = zone_.from_local_lenient(d + interval.open).time_since_epoch().count();
    const auto end = zone_.from_local_lenient(d + interval.close).time_since_epoch().count();
    if (end > begin) add(begin, end);
  }
}

// As the chunks: the offset kept inline, the lookup of another out of line.
inline date::local_days BusinessClock::local_day(std::int64_t t) const {
  if (t < offset_.from || t >= offset_.until) find_offset(t);
  // Floored: instants before 1970 have negative local seconds.
  const std::int64_t local = t + offset_.utc_offset;
  return date::local_days{date::days{(local >= 0 ? local : local - 86399) / 86400}};
}

[[gnu::noinline]] void BusinessClock::find_offset(std::int64_t t) const {
  offset_ = zone_.offset_stretch(at(t));
}

// The lookup inline, the filling of a missed chunk out of line: a hit is then a few
// instructions, not a call that saves every register the filling needs.
inline const BusinessClock::Chunk& BusinessClock::chunk_of(date::local_days d, int& index) const {
  // Unsigned: d is in the range, so that the divisions are shifts.
  const auto n = static_cast<std::uint64_t>((d - kBegin).count());
  const auto number = static_cast<std::int64_t>(n / kChunkDays);
  index = static_cast<int>(n % kChunkDays);
  if (!chunks_.empty()) {
    if (const Chunk& c = chunks_[n / kChunkDays & chunk_mask_]; c.number == number) return c;
  }
  return fill_chunk(number);
}

[[gnu::noinline]] const BusinessClock::Chunk& BusinessClock::fill_chunk(std::int64_t number) const {
  // 4 chunks at first, as a single ticket spans a few weeks (and each page of a table a process
  // touches costs it a page fault); 256 once misses show more in use. Powers of two.
  constexpr std::size_t kFirstChunks = 4, kChunks = 256;
  if (chunks_.empty()) {
    chunks_.resize(kFirstChunks);
    chunk_mask_ = kFirstChunks - 1;
  } else if (chunk_mask_ < kChunks - 1 && ++chunk_misses_ > 2 * kFirstChunks) {
    chunks_.clear();
    chunks_.resize(kChunks);
    chunk_mask_ = kChunks - 1;
  }
  // Counted before the slot is taken: before_day reads no chunk, and so moves none.
  const date::local_days first = kBegin + date::days{number * kChunkDays};
  const std::int64_t before = before_day(first);
  Chunk& c = chunks_[static_cast<std::size_t>(number) & chunk_mask_];
  c.number = number;
  c.spans.clear();
  c.before[0] = before;
  for (int i = 0; i <= kChunkDays; ++i) {
    const auto at = static_cast<std::size_t>(i);
    const date::local_days day = first + date::days{i};
    c.first[at] = static_cast<std::uint32_t>(c.spans.size());
    c.start[at] =
        day < kEnd ? zone_.from_local_lenient(date::local_seconds{day}).time_since_epoch().count()
                   : INT64_MAX;
    if (i == kChunkDays) break;
    std::int64_t counted = 0;
    each_span(day, [&c, &counted](std::int64_t begin, std::int64_t end) {
      c.spans.push_back({begin, end});
      counted += end - begin;
    });
    c.before[at + 1] = c.before[at] + counted;
  }
  return c;
}

std::chrono::seconds BusinessClock::whole_day_seconds(date::local_days d) const {
  std::int64_t total = 0;
  each_span(d, [&total](std::int64_t begin, std::int64_t end) { total += end - begin; });
  return Seconds{total};
}

BusinessClock::Spans BusinessClock::open_on(date::local_days d) const {
  if (d < kBegin || d >= kEnd) return {nullptr, nullptr};
  int i = 0;
  const Chunk& c = chunk_of(d, i);
  const Span* spans = c.spans.data();
  return {spans + c.first[static_cast<std::size_t>(i)],
          spans + c.first[static_cast<std::size_t>(i) + 1]};
}

date::sys_seconds BusinessClock::day_start(date::local_days d) const {
  int i = 0;
  const Chunk& c = chunk_of(d, i);
  return date::sys_seconds{Seconds{c.start[static_cast<std::size_t>(i)]}};
}

// A week with no holiday on an open day holds exactly its wall-clock hours where its wall
// times are its instants shifted by one offset: where it lasts exactly a week (so that its
// first midnight was not skipped) and the offset does not change in it, nor in the day after
// (where the week's last closing, at most its end, lies). Only the few others are walked day
// by day.
std::chrono::seconds BusinessClock::week_seconds(date::local_days first) const {
  const auto end = first + kWeek;
  const date::sys_seconds begin = zone_.from_local_lenient(date::local_seconds{first});
  date::sys_seconds until;
  zone_.offset_until(begin, until);
  bool plain = zone_.from_local_lenient(date::local_seconds{end}) - begin == kWeek &&
               until - begin > kWeek + kDay;
  for (auto d = first; plain && d < end; d += kDay) {
    plain = weekday_hours_[weekday_of(d)] <= Seconds{0} || !holidays_.is_holiday(d);
  }
  if (plain) return week_hours_;
  Seconds total{0};
  for (auto d = first; d < end; d += kDay) total += whole_day_seconds(d);
  return total;
}

// Business time on the days [first, end), a week at a time. REQUIRES: within the range.
std::chrono::seconds BusinessClock::days_seconds(date::local_days first,
                                                 date::local_days end) const {
  Seconds total{0};
  for (; end - first >= kWeek; first += kWeek) total += week_seconds(first);
  for (; first < end; first += kDay) total += whole_day_seconds(first);
  return total;
}

// Fills the cache on first use. A year with no business time marks its type closed for its
// rule era, so that a calendar closing every day costs a few dozen years of walking, not 8000.
std::chrono::seconds BusinessClock::year_seconds(int y) const {
  // Allocated on first use: most runs never count a whole year, and start-up stays cheap.
  if (year_cache_.empty())
    year_cache_.assign(static_cast<std::size_t>(kLastYear - kFirstYear + 1), -1);
  auto& cached = year_cache_[static_cast<std::size_t>(y - kFirstYear)];
  if (cached >= 0) return Seconds{cached};
  auto era = static_cast<std::size_t>(
      std::upper_bound(rule_changes_.begin(), rule_changes_.end(), y) - rule_changes_.begin());
  auto type = static_cast<std::uint16_t>(1U << year_type(y));
  Seconds total{0};
  if ((closed_types_[era] & type) == 0) total = days_seconds(jan1(y), jan1(y + 1));
  if (total <= Seconds{0})
    closed_types_[era] = static_cast<std::uint16_t>(closed_types_[era] | type);
  cached = total.count();
  return total;
}

// Takes business time from day d, counting from `from`; returns the instant `remaining` runs
// out there, or reduces it by what the day held. Sets `*first`, if given and unset, to the
// first instant counted.
std::optional<date::sys_seconds> BusinessClock::take(
    date::local_days d, date::sys_seconds from, std::chrono::seconds& remaining,
    std::optional<date::sys_seconds>* first) const {
  const Spans open = open_on(d);
  const std::int64_t lo = from.time_since_epoch().count();
  for (const Span* s = open.begin; s != open.end; ++s) {
    const std::int64_t begin = std::max(s->begin, lo);
    if (s->end <= begin) continue;
    const date::sys_seconds at{Seconds{begin}};
    if (first != nullptr && !*first) *first = at;
    if (Seconds{s->end - begin} >= remaining) return at + remaining;
    remaining -= Seconds{s->end - begin};
  }
  return std::nullopt;
}

// Returns the earliest instant by which `remaining` (> 0) business time has accrued since
// `start`, without regard to kLastDay, or nullopt if the range runs out first. Sets `*first` as
// take() does, unless whole weeks or years are jumped before anything is counted.
std::optional<date::sys_seconds> BusinessClock::advance(
    date::sys_seconds start, std::chrono::seconds remaining,
    std::optional<date::sys_seconds>* first) const {
  if (week_hours_ <= Seconds{0}) return std::nullopt;
  auto d = local_day(start.time_since_epoch().count());
  if (auto t = take(d, start, remaining, first)) return t;
  d = std::max(d + kDay, kBegin);
  while (d < kEnd) {
    int y = year_of(d);
    // A jump counts time without saying when it began: the caller works `first` out then.
    auto jumped = [&first] {
      if (first != nullptr && !*first) first = nullptr;
    };
    if (d == jan1(y)) {
      for (auto held = year_seconds(y); held < remaining; held = year_seconds(y)) {
        jumped();
        remaining -= held;
        if (++y > kLastYear) return std::nullopt;
      }
      d = jan1(y);
    }
    auto stop = std::min(jan1(y + 1), kEnd);
    // Short targets end within days: a week is weighed only when it cannot hold the rest.
    if (remaining > week_hours_ && stop - d >= kWeek) {
      auto held = week_seconds(d);
      if (held < remaining) {
        jumped();
        remaining -= held;
        d += kWeek;
        continue;
      }
      stop = d + kWeek;
    }
    for (; d < stop; d += kDay) {
      if (auto t = take(d, start, remaining, first)) return t;
    }
  }
  return std::nullopt;
}

std::optional<date::sys_seconds> BusinessClock::deadline(date::sys_seconds start,
                                                         std::chrono::seconds target) const {
  if (target <= Seconds{0}) return start;
  if (week_hours_ <= Seconds{0}) return std::nullopt;
  if (target > kReachable) return advance_to_deadline(start, target);
  auto d = std::max(local_day(start.time_since_epoch().count()), kBegin);
  const std::int64_t end =
      reach(d, counted_before(start.time_since_epoch().count()) + target.count());
  if (end == kNever) return std::nullopt;
  if (end == kFar) return advance_to_deadline(start, target);
  if (at(end) >= end_) return std::nullopt;
  return at(end);
}

std::optional<date::sys_seconds> BusinessClock::advance_to_deadline(
    date::sys_seconds start, std::chrono::seconds target) const {
  auto t = advance(start, target);
  if (t && *t >= end_) return std::nullopt;
  return t;
}

// Walks the days from d, a chunk at a time, for as long as a walk of days costs less than
// advance's jumps over weeks and years.
std::int64_t BusinessClock::reach(date::local_days& d, std::int64_t v) const {
  for (int n = 0; n < kReachChunks && d < kEnd; ++n) {
    int i = 0;
    const Chunk& c = chunk_of(d, i);
    for (auto day = static_cast<std::size_t>(i); day < kChunkDays; ++day) {
      if (d >= kEnd) return kNever;
      if (v <= c.before[day + 1]) {
        // v is past the count at the day's start, so one of its stretches holds it.
        std::int64_t counted = c.before[day];
        const Span* spans = c.spans.data();
        for (const Span* s = spans + c.first[day]; s != spans + c.first[day + 1]; ++s) {
          if (counted + (s->end - s->begin) >= v) return s->begin + (v - counted);
          counted += s->end - s->begin;
        }
      }
      d += kDay;
    }
  }
  return d < kEnd ? kFar : kNever;
}

// Where clocks fall back across midnight, an instant after the change shows the day before
// again, while the hours of the new day, which begin at its first midnight, already run.
date::local_days BusinessClock::last_day_at(date::sys_seconds t) const {
  auto day = local_day(t.time_since_epoch().count());
  if (day + kDay < kEnd && day + kDay >= kBegin && day_start(day + kDay) <= t) day += kDay;
  return day;
}

// Days near the last one worked out are counted from it; others from their year's base.
std::int64_t BusinessClock::before_day(date::local_days d) const {
  // Some two months: a walk of a few weeks costs less than a year's base far from the origin.
  constexpr date::days kNear{62};
  if (!has_origin_) {
    has_origin_ = true;
    origin_ = near_day_ = d;
    near_before_ = 0;
    return 0;
  }
  std::int64_t before = 0;
  if (d >= near_day_ && d - near_day_ <= kNear) {
    before = near_before_ + days_seconds(near_day_, d).count();
  } else if (d < near_day_ && near_day_ - d <= kNear) {
    before = near_before_ - days_seconds(d, near_day_).count();
  } else {
    const int y = year_of(d);
    before = year_base(y) + days_seconds(jan1(y), d).count();
  }
  near_day_ = d;
  near_before_ = before;
  return before;
}

std::int64_t BusinessClock::year_base(int y) const {
  const auto at = [](int year) { return static_cast<std::size_t>(year - kFirstYear); };
  if (!year_bases_) {
    year_bases_.reset(new std::int64_t[at(kLastYear + 2)]);
    const int y0 = year_of(origin_);
    year_bases_[at(y0)] = -days_seconds(jan1(y0), origin_).count();
    base_low_ = base_high_ = y0;
  }
  for (; base_high_ < y; ++base_high_) {
    year_bases_[at(base_high_ + 1)] =
        year_bases_[at(base_high_)] + year_seconds(base_high_).count();
  }
  for (; base_low_ > y; --base_low_) {
    year_bases_[at(base_low_ - 1)] =
        year_bases_[at(base_low_)] - year_seconds(base_low_ - 1).count();
  }
  return year_bases_[at(y)];
}

// The days before t's local day are over by t; that day's hours, and the next day's where
// clocks fell back across midnight (see last_day_at), count up to t.
std::int64_t BusinessClock::count_before(std::int64_t t) const {
  auto d = local_day(t);
  if (d >= kEnd) return before_day(kEnd);
  if (d < kBegin) {
    if (d + kDay < kBegin) return before_day(kBegin);
    d = kBegin;  // its hours begin at its start, which may be before t
    int i = 0;
    if (chunk_of(d, i).start[0] > t) return chunk_of(d, i).before[0];
  }
  for (;;) {
    int i = 0;
    const Chunk& c = chunk_of(d, i);
    const auto at = static_cast<std::size_t>(i);
    if (c.start[at + 1] <= t && d + kDay < kEnd) {
      d += kDay;
      continue;
    }
    std::int64_t counted = c.before[at];
    const Span* spans = c.spans.data();
    for (const Span* s = spans + c.first[at]; s != spans + c.first[at + 1]; ++s) {
      if (s->begin >= t) break;
      counted += std::min(s->end, t) - s->begin;
    }
    return counted;
  }
}

std::int64_t BusinessClock::counted_before(std::int64_t t) const {
  if (t != last_.t) last_ = End{t, count_before(t)};
  return last_.counted;
}

std::int64_t BusinessClock::counted_to(std::int64_t t) const {
  if (ends_[0].t == t) return ends_[0].counted;
  if (ends_[1].t == t) {
    std::swap(ends_[0], ends_[1]);
    return ends_[0].counted;
  }
  ends_[1].t = t;
  ends_[1].counted = count_before(t);
  return ends_[1].counted;
}

std::chrono::seconds BusinessClock::elapsed(date::sys_seconds from, date::sys_seconds to) const {
  if (to <= from) return Seconds{0};
  const std::int64_t end = counted_to(to.time_since_epoch().count());
  return Seconds{end - counted_before(from.time_since_epoch().count())};
}

// The clock starts one second before business time reaches one second past the start; the
// deadline is where it reaches the target past it. A target long enough to take more than
// reach's walk takes advance's jumps instead.
std::optional<BusinessClock::Due> BusinessClock::due(date::sys_seconds start,
                                                     std::chrono::seconds target) const {
  if (week_hours_ <= Seconds{0}) return std::nullopt;
  if (target > kReachable) return due_by_advance(start, target);
  auto d = std::max(local_day(start.time_since_epoch().count()), kBegin);
  const std::int64_t counted = counted_before(start.time_since_epoch().count());
  const std::int64_t first = reach(d, counted + 1);
  if (first == kNever) return std::nullopt;
  std::int64_t end = start.time_since_epoch().count();
  if (first != kFar && target > Seconds{0}) end = reach(d, counted + target.count());
  if (end == kNever) return std::nullopt;
  if (first == kFar || end == kFar) return due_by_advance(start, target);
  if (at(end) >= end_) return std::nullopt;
  return Due{at(first - 1), at(end)};
}

std::optional<BusinessClock::Due> BusinessClock::due_by_advance(date::sys_seconds start,
                                                                std::chrono::seconds target) const {
  std::optional<date::sys_seconds> first;
  std::optional<date::sys_seconds> end = start;
  if (target > Seconds{0}) end = advance(start, target, &first);
  if (!end || *end >= end_) return std::nullopt;
  if (!first) first = clock_start(start);  // a zero target, or whole periods jumped
  if (!first) return std::nullopt;
  return Due{*first, *end};
}

// The first second of business time is the one that ends one second before a 1 s deadline.
std::optional<date::sys_seconds> BusinessClock::clock_start(date::sys_seconds t) const {
  if (week_hours_ <= Seconds{0}) return std::nullopt;
  auto d = std::max(local_day(t.time_since_epoch().count()), kBegin);
  const std::int64_t first = reach(d, counted_before(t.time_since_epoch().count()) + 1);
  if (first == kNever) return std::nullopt;
  if (first != kFar) return at(first - 1);
  auto end = advance(t, Seconds{1});
  if (!end) return std::nullopt;
  return *end - Seconds{1};
}

std::vector<DayTrace> BusinessClock::trace(date::sys_seconds from, date::sys_seconds to) const {
  std::vector<DayTrace> days;
  if (to < from) return days;
  Seconds total{0};
  auto closed_day = [&days, &total](date::local_days d, DayTrace::Kind kind,
                                    std::string_view name) {
    DayTrace entry;
    entry.day = d;
    entry.kind = kind;
    entry.holiday = name;
    entry.running_total = total;
    days.push_back(entry);
  };
  auto last = std::min(last_day_at(to), kEnd - kDay);
  for (auto d = std::max(local_day(from.time_since_epoch().count()), kBegin); d <= last;
       d += kDay) {
    if (weekday_hours_[weekday_of(d)] <= Seconds{0}) {
      closed_day(d, DayTrace::Kind::kWeekend, {});
      continue;
    }
    const Closure* closure = holidays_.closure_on(d);
    if (closure != nullptr && closure->whole_day) {
      closed_day(d, DayTrace::Kind::kHoliday, closure->names);
      continue;
    }
    for (const auto& interval : *hours_on(d)) {
      if (!has_hours(interval)) continue;
      DayTrace entry;
      entry.day = d;
      if (closure != nullptr) entry.holiday = closure->names;
      entry.begin = std::max(zone_.from_local_lenient(d + interval.open), from);
      entry.end = std::min(zone_.from_local_lenient(d + interval.close), to);
      if (entry.end <= entry.begin) continue;
      entry.counted = entry.end - entry.begin;
      total += entry.counted;
      entry.running_total = total;
      days.push_back(entry);
    }
  }
  return days;
}

}  // namespace sla
