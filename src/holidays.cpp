// Holiday rules: expansion to observed dates, and lookup by day.
#include "holidays.hpp"

#include "range.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <tuple>
#include <unordered_set>
#include <utility>

namespace sla {
namespace {

constexpr date::local_days kBegin{kFirstDay};
constexpr date::local_days kEnd{kLastDay};  // the last day, inclusive

auto key(const HolidayRule& r) {
  const auto open = r.closed ? r.closed->open.count() : -1;
  const auto close = r.closed ? r.closed->close.count() : -1;
  return std::make_tuple(r.kind, r.month, r.day, r.year, r.nth, r.weekday, r.offset, r.observed,
                         r.from_year, r.until_year, open, close, std::cref(r.name));
}

// Adds `interval` to the sorted, merged list `closed`, merging what it overlaps or touches.
void add_closed(std::vector<OpenInterval>& closed, OpenInterval interval) {
  std::vector<OpenInterval> out;
  for (const OpenInterval& c : closed) {
    if (c.close < interval.open || c.open > interval.close) {
      out.push_back(c);
    } else {
      interval = {std::min(c.open, interval.open), std::max(c.close, interval.close)};
    }
  }
  out.push_back(interval);
  std::sort(out.begin(), out.end(),
            [](const OpenInterval& a, const OpenInterval& b) { return a.open < b.open; });
  closed = std::move(out);
}

// Returns the rule's own date in year y, or nullopt if it has none that year.
std::optional<date::sys_days> date_in(const HolidayRule& rule, int y) {
  date::year year{y};
  date::month month{rule.month};
  if (y < rule.from_year || y > rule.until_year || !month.ok()) return std::nullopt;
  if (rule.kind == HolidayRule::Kind::kNthWeekday) {
    date::weekday weekday{rule.weekday};
    date::days offset{rule.offset};
    if (rule.nth == -1 && weekday.ok()) {
      return date::sys_days{year / month / weekday[date::last]} + offset;
    }
    if (rule.nth < 1 || rule.nth > 5) return std::nullopt;
    date::year_month_weekday ymw = year / month / weekday[static_cast<unsigned>(rule.nth)];
    return ymw.ok() ? std::optional{date::sys_days{ymw} + offset} : std::nullopt;
  }
  date::year_month_day ymd = year / month / date::day{rule.day};
  if (!ymd.ok() || (rule.kind == HolidayRule::Kind::kOnce && rule.year != y)) return std::nullopt;
  return date::sys_days{ymd};
}

// Returns the day a holiday on `day` is observed: Saturday -> Friday, Sunday -> Monday.
date::sys_days observed_day(date::sys_days day, bool observed) {
  date::weekday weekday{day};
  if (observed && weekday == date::Saturday) return day - date::days{1};
  if (observed && weekday == date::Sunday) return day + date::days{1};
  return day;
}

}  // namespace

// Removes every rule identical to an earlier one, keeping the order of the rest.
void HolidaySet::remove_duplicates(std::vector<HolidayRule>& rules) {
  std::vector<std::size_t> order(rules.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return key(rules[a]) < key(rules[b]); });
  std::vector<bool> duplicate(rules.size());
  for (std::size_t i = 1; i < order.size(); ++i) {
    duplicate[order[i]] = key(rules[order[i]]) == key(rules[order[i - 1]]);
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (duplicate[i]) continue;
    if (kept != i) rules[kept] = std::move(rules[i]);
    ++kept;
  }
  rules.resize(kept);
}

void HolidaySet::merge(const HolidaySet& other) {
  if (&other == this) return;
  rules_.insert(rules_.end(), other.rules_.begin(), other.rules_.end());
  remove_duplicates(rules_);
}

std::vector<Holiday> HolidaySet::observed_in(date::year y) const {
  std::vector<Holiday> holidays;
  int year = static_cast<int>(y);
  if (year < 1 || year > 9999) return holidays;
  date::sys_days first{y / date::January / 1};
  date::sys_days last{y / date::December / 31};
  for (const HolidayRule& rule : rules_) {
    for (int rule_year = year - 1; rule_year <= year + 1; ++rule_year) {
      auto actual = date_in(rule, rule_year);
      if (!actual) continue;
      auto observed = observed_day(*actual, rule.observed);
      if (observed >= first && observed <= last) holidays.push_back({observed, *actual, &rule});
    }
  }
  // Stable: holidays on the same day stay in rule order.
  std::stable_sort(holidays.begin(), holidays.end(), [](const Holiday& a, const Holiday& b) {
    return a.observed_on < b.observed_on;
  });
  return holidays;
}

HolidayCalendar::HolidayCalendar(HolidaySet set) : set_(std::move(set)) {}

const Closure* HolidayCalendar::closure_on(date::local_days day) const {
  if (day < last_year_begin_ || day >= last_year_end_) {
    if (day < kBegin || day > kEnd) return nullptr;
    date::year y = date::year_month_day{day}.year();
    last_year_start_ = expand(static_cast<int>(y));
    last_year_begin_ = date::local_days{y / date::January / 1};
    last_year_end_ = date::local_days{(y + date::years{1}) / date::January / 1};
  }
  auto day_of_year = static_cast<std::uint32_t>((day - last_year_begin_).count());
  std::uint32_t entry = days_[last_year_start_ + day_of_year];
  return entry == 0 ? nullptr : &closures_[entry - 1];
}

std::uint32_t HolidayCalendar::expand(int y) const {
  // The table reaches from the first year used to the last.
  if (year_start_.empty()) {
    first_year_ = y;
    year_start_.push_back(0);
  } else if (y < first_year_) {
    year_start_.insert(year_start_.begin(), static_cast<std::size_t>(first_year_ - y), 0);
    first_year_ = y;
  } else if (static_cast<std::size_t>(y - first_year_) >= year_start_.size()) {
    year_start_.resize(static_cast<std::size_t>(y - first_year_) + 1, 0);
  }
  std::uint32_t& kept = year_start_[static_cast<std::size_t>(y - first_year_)];
  if (kept != 0) return kept - 1;
  std::vector<std::uint32_t> entries(366, 0);
  std::vector<Holiday> holidays = set_.observed_in(date::year{y});
  date::sys_days jan1{date::year{y} / date::January / 1};
  std::unordered_set<std::string_view> seen;  // the names already given to one day
  for (std::size_t i = 0, j = 0; i < holidays.size(); i = j, seen.clear()) {
    Closure closure;
    closure.whole_day = false;
    for (j = i; j < holidays.size() && holidays[j].observed_on == holidays[i].observed_on; ++j) {
      const HolidayRule& rule = *holidays[j].rule;
      if (seen.insert(rule.name).second) {
        closure.names.append(closure.names.empty() ? "" : " / ").append(rule.name);
      }
      if (rule.closed) {
        add_closed(closure.closed, *rule.closed);
      } else {
        closure.whole_day = true;
      }
    }
    if (closure.whole_day) closure.closed.clear();
    closures_.push_back(std::move(closure));
    auto day_of_year = static_cast<std::size_t>((holidays[i].observed_on - jan1).count());
    entries[day_of_year] = static_cast<std::uint32_t>(closures_.size());
  }
  const auto start = static_cast<std::uint32_t>(days_.size());
  kept = start + 1;
  days_.insert(days_.end(), entries.begin(), entries.end());
  return start;
}

}  // namespace sla
