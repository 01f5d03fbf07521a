// The reference model: plain loops and hand-coded rules, written for obviousness, not speed.
#include "reference_model.hpp"

#include <algorithm>
#include <cstdio>

namespace sla::reference {
namespace {

using Seconds = std::chrono::seconds;

int year_of(date::local_days d) {
  return static_cast<int>(date::year_month_day{d}.year());
}

date::local_days shift_if_weekend(date::local_days day) {
  auto wd = date::weekday{day};
  if (wd == date::Saturday) return day - date::days{1};
  if (wd == date::Sunday) return day + date::days{1};
  return day;
}

date::local_days fixed(int y, unsigned m, unsigned d) {
  return shift_if_weekend(date::local_days{date::year{y} / date::month{m} / date::day{d}});
}

date::local_days nth(int y, unsigned m, date::weekday wd, unsigned n) {
  return date::local_days{date::year{y} / date::month{m} / wd[n]};
}

date::local_days last(int y, unsigned m, date::weekday wd) {
  return date::local_days{date::year{y} / date::month{m} / wd[date::last]};
}

// The observed federal holidays whose rules fall in year y.
std::vector<date::local_days> federal_dates(int y) {
  std::vector<date::local_days> v;
  if (y >= 1870) v.push_back(fixed(y, 1, 1));
  if (y >= 1986) v.push_back(nth(y, 1, date::Monday, 3));
  if (y >= 1879 && y <= 1970) v.push_back(fixed(y, 2, 22));
  if (y >= 1971) v.push_back(nth(y, 2, date::Monday, 3));
  if (y >= 1888 && y <= 1970) v.push_back(fixed(y, 5, 30));
  if (y >= 1971) v.push_back(last(y, 5, date::Monday));
  if (y >= 2021) v.push_back(fixed(y, 6, 19));
  if (y >= 1870) v.push_back(fixed(y, 7, 4));
  if (y >= 1894) v.push_back(nth(y, 9, date::Monday, 1));
  if (y >= 1971) v.push_back(nth(y, 10, date::Monday, 2));
  if (y >= 1938 && y <= 1970) v.push_back(fixed(y, 11, 11));
  if (y >= 1971 && y <= 1977) v.push_back(nth(y, 10, date::Monday, 4));
  if (y >= 1978) v.push_back(fixed(y, 11, 11));
  if (y >= 1870 && y <= 1938) v.push_back(last(y, 11, date::Thursday));
  if (y == 1939) v.push_back(date::local_days{date::year{1939} / 11 / 23});
  if (y == 1940) v.push_back(date::local_days{date::year{1940} / 11 / 21});
  if (y == 1941) v.push_back(date::local_days{date::year{1941} / 11 / 20});
  if (y >= 1942) v.push_back(nth(y, 11, date::Thursday, 4));
  if (y >= 1870) v.push_back(fixed(y, 12, 25));
  return v;
}

// The observed date of `rule` for its year y, if it has one.
std::optional<date::local_days> rule_date(const Rule& rule, int y) {
  if (y < rule.from || y > rule.until) return std::nullopt;
  date::local_days day;
  switch (rule.kind) {
    case Rule::Kind::kOnce:
      if (y != rule.year) return std::nullopt;
      [[fallthrough]];
    case Rule::Kind::kFixed: {
      date::year_month_day ymd{date::year{y}, date::month{rule.month}, date::day{rule.day}};
      if (!ymd.ok()) return std::nullopt;  // 29 February of a common year
      day = date::local_days{ymd};
      break;
    }
    case Rule::Kind::kNth: {
      auto ym = date::year{y} / date::month{rule.month};
      if (rule.nth == 0) {
        day = date::local_days{ym / rule.weekday[date::last]};
      } else {
        date::year_month_weekday ymw{ym / rule.weekday[rule.nth]};
        if (!ymw.ok()) return std::nullopt;  // no fifth such day this month
        day = date::local_days{ymw};
      }
      break;
    }
  }
  return rule.observed ? shift_if_weekend(day) : day;
}

// Days observed in year y, from rule dates of y-1, y and y+1 (New Year's Day moves back).
template <typename Dates>
std::set<date::local_days> observed_in(int y, Dates dates_of) {
  std::set<date::local_days> days;
  for (int rule_year = y - 1; rule_year <= y + 1; ++rule_year) {
    for (auto d : dates_of(rule_year)) {
      if (year_of(d) == y) days.insert(d);
    }
  }
  return days;
}

const char* const kWeekdayNames[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
const char* const kMonthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const kOrdinals[] = {"last", "1st", "2nd", "3rd", "4th", "5th"};

constexpr Seconds kStandard{-5 * 3600};
constexpr Seconds kDaylight{-4 * 3600};

}  // namespace

bool FederalHolidays::is_holiday(date::local_days d) {
  int y = year_of(d);
  auto it = years_.find(y);
  if (it == years_.end()) it = years_.emplace(y, observed_in(y, federal_dates)).first;
  return it->second.count(d) != 0;
}

std::string Rule::line(const std::string& name) const {
  char rule[64];
  switch (kind) {
    case Kind::kFixed:
      std::snprintf(rule, sizeof rule, "%02u-%02u", month, day);
      break;
    case Kind::kOnce:
      std::snprintf(rule, sizeof rule, "%04d-%02u-%02u", year, month, day);
      break;
    case Kind::kNth:
      std::snprintf(rule, sizeof rule, "%s %s of %s", kOrdinals[nth],
                    kWeekdayNames[weekday.c_encoding()], kMonthNames[month - 1]);
      break;
  }
  std::string options;
  if (observed) options = "observed";
  if (from != -32767) options += (options.empty() ? "from " : ", from ") + std::to_string(from);
  if (until != 32767) options += (options.empty() ? "until " : ", until ") + std::to_string(until);
  return std::string(rule) + " | " + options + " | " + name + "\n";
}

bool RuleHolidays::is_holiday(date::local_days d) {
  int y = year_of(d);
  auto it = years_.find(y);
  if (it == years_.end()) {
    auto dates_of = [this](int rule_year) {
      std::vector<date::local_days> v;
      for (const Rule& r : rules_) {
        if (auto day = rule_date(r, rule_year)) v.push_back(*day);
      }
      return v;
    };
    it = years_.emplace(y, observed_in(y, dates_of)).first;
  }
  return it->second.count(d) != 0;
}

std::vector<std::pair<int, int>> DatedClosures::closed(date::local_days d) {
  const date::year_month_day ymd{d};
  std::vector<std::pair<int, int>> out;
  for (const Entry& e : entries_) {
    if ((e.year == 0 || date::year{e.year} == ymd.year()) && date::month{e.month} == ymd.month() &&
        date::day{e.day} == ymd.day()) {
      out.push_back(e.minutes);
    }
  }
  return out;
}

bool AnyOf::is_holiday(date::local_days d) {
  return std::any_of(parts_.begin(), parts_.end(), [d](Holidays* h) { return h->is_holiday(d); });
}

std::pair<date::sys_seconds, date::sys_seconds> eastern_transitions(int y) {
  const auto year = date::year{y};
  date::local_days start;
  date::local_days end{year / date::October / date::Sunday[date::last]};
  if (y <= 1973 || (y >= 1976 && y <= 1986)) {
    start = date::local_days{year / date::April / date::Sunday[date::last]};
  } else if (y == 1974) {
    start = date::local_days{year / date::January / 6};
  } else if (y == 1975) {
    start = date::local_days{year / date::February / 23};
  } else if (y <= 2006) {
    start = date::local_days{year / date::April / date::Sunday[1]};
  } else {
    start = date::local_days{year / date::March / date::Sunday[2]};
    end = date::local_days{year / date::November / date::Sunday[1]};
  }
  // 02:00 local: standard time when it starts, daylight time when it ends.
  auto at_two = [](date::local_days d, Seconds offset) {
    return date::sys_seconds{(d + std::chrono::hours{2}).time_since_epoch() - offset};
  };
  return {at_two(start, kStandard), at_two(end, kDaylight)};
}

Seconds eastern_offset(date::sys_seconds t) {
  // The year of the standard-time date: no transition lies within five hours of a new year.
  auto day = date::floor<date::days>(t + kStandard);
  auto [start, end] = eastern_transitions(static_cast<int>(date::year_month_day{day}.year()));
  return start <= t && t < end ? kDaylight : kStandard;
}

date::local_seconds EasternWallClock::to_local(date::sys_seconds t) const {
  return date::local_seconds{(t + eastern_offset(t)).time_since_epoch()};
}

date::sys_seconds EasternWallClock::from_local_lenient(date::local_seconds local) const {
  const date::sys_seconds as_daylight{local.time_since_epoch() - kDaylight};
  const date::sys_seconds as_standard{local.time_since_epoch() - kStandard};
  if (eastern_offset(as_daylight) == kDaylight) return as_daylight;  // the earlier one
  if (eastern_offset(as_standard) == kStandard) return as_standard;
  // Skipped: the clock jumped from 02:00 standard time, which is as_daylight's year's start.
  auto day = date::floor<date::days>(local);
  return eastern_transitions(year_of(day)).first;
}

Week weekdays_9_to_18() {
  Week week;
  for (std::size_t d = 1; d <= 5; ++d) week[d] = {{9 * 60, 18 * 60}};
  return week;
}

Walk BruteForce::run(date::sys_seconds start, const std::vector<Seconds>& targets,
                     date::sys_seconds until) {
  Walk r;
  r.deadlines.resize(targets.size());
  auto day = date::floor<date::days>(clock_.to_local(start));
  minutes_.erase(minutes_.begin(), minutes_.lower_bound({day - date::days{1}, 0}));
  auto until_day = date::floor<date::days>(clock_.to_local(until));
  Seconds accrued{0};
  std::size_t k = 0;
  for (; k < targets.size() && targets[k] == Seconds{0}; ++k) r.deadlines[k] = start;
  for (; day <= kLastDay && (k < targets.size() || day <= until_day); day += date::days{1}) {
    const auto& ranges = week_[date::weekday{day}.c_encoding()];
    if (ranges.empty() || holidays_.is_holiday(day)) continue;
    const auto closed =
        parts_ != nullptr ? parts_->closed(day) : std::vector<std::pair<int, int>>{};
    auto is_closed = [&closed](int minute) {
      return std::any_of(closed.begin(), closed.end(),
                         [minute](auto c) { return minute >= c.first && minute < c.second; });
    };
    for (std::size_t i = 0; i < ranges.size(); ++i) {
      const auto& at = boundaries(day, i);
      for (std::size_t m = 0; m + 1 < at.size(); ++m) {
        if (is_closed(ranges[i].first + static_cast<int>(m))) continue;
        auto lo = std::max(at[m], start);
        auto hi = at[m + 1];
        if (hi <= lo) continue;
        if (!r.clock_start) r.clock_start = lo;
        if (until > lo) r.elapsed += std::min(hi, until) - lo;
        for (; k < targets.size() && accrued + (hi - lo) >= targets[k]; ++k) {
          r.deadlines[k] = lo + (targets[k] - accrued);
        }
        accrued += hi - lo;
      }
    }
  }
  // A deadline on a day past kLastDay does not count, as for the clock.
  for (auto& d : r.deadlines) {
    if (d && date::floor<date::days>(clock_.to_local(*d)) > kLastDay) d.reset();
  }
  return r;
}

bool BruteForce::open_or_closing(date::sys_seconds t) {
  auto local = clock_.to_local(t);
  auto day = date::floor<date::days>(local);
  const auto& ranges = week_[date::weekday{day}.c_encoding()];
  if (ranges.empty() || holidays_.is_holiday(day)) return false;
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    const auto& at = boundaries(day, i);
    if (at.front() <= t && t <= at.back()) return true;
  }
  return false;
}

// Returns the instants of the minute boundaries of open range `i` of `day`, ends included.
const std::vector<date::sys_seconds>& BruteForce::boundaries(date::local_days day, std::size_t i) {
  auto& at = minutes_[{day, i}];
  if (at.empty()) {
    auto [first, end] = week_[date::weekday{day}.c_encoding()][i];
    for (int m = first; m <= end; ++m) {
      at.push_back(clock_.from_local_lenient(day + std::chrono::minutes{m}));
    }
  }
  return at;
}

}  // namespace sla::reference
