// Fuzzes the holiday-file parser: any text either parses to rules whose observed dates are
// consistent with the calendar built on them, or is refused with an error naming the file.
#include "error.hpp"
#include "holidays.hpp"

#include <date/date.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string_view>
#include <vector>

namespace {

[[noreturn]] void fail(const char* what, int year) {
  std::fprintf(stderr, "invariant failed: %s (year %d)\n", what, year);
  std::abort();
}

// Checks observed_in(year) against itself and against a calendar of the same rules.
void check_year(const sla::HolidaySet& set, const sla::HolidayCalendar& calendar, int year) {
  std::vector<sla::Holiday> list = set.observed_in(date::year{year});
  date::sys_days first{date::year{year} / date::January / 1};
  date::sys_days last{date::year{year} / date::December / 31};
  std::set<date::sys_days> days;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const sla::Holiday& h = list[i];
    if (h.observed_on < first || h.observed_on > last) fail("observed outside its year", year);
    if (i > 0 && h.observed_on < list[i - 1].observed_on) fail("not sorted", year);
    if (h.shifted()) {
      auto wd = date::weekday{h.actual};
      bool to_friday = wd == date::Saturday && h.observed_on == h.actual - date::days{1};
      bool to_monday = wd == date::Sunday && h.observed_on == h.actual + date::days{1};
      if (!h.rule->observed || !(to_friday || to_monday)) fail("wrong observed shift", year);
    }
    auto local = date::local_days{h.observed_on.time_since_epoch()};
    if (calendar.holiday_on(local).find(h.rule->name) == std::string_view::npos) {
      fail("the calendar does not name a holiday of observed_in", year);
    }
    days.insert(h.observed_on);
  }
  for (auto d = first; d <= last; d += date::days{1}) {
    bool listed = days.count(d) != 0;
    if (calendar.is_holiday(date::local_days{d.time_since_epoch()}) != listed) {
      fail("the calendar and observed_in disagree", year);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  sla::HolidaySet set;
  try {
    set = sla::HolidaySet::parse(text, "fuzz.txt");
  } catch (const sla::InputError& e) {
    if (std::string_view(e.what()).substr(0, 9) != "fuzz.txt:") fail("error without the file", 0);
    return 0;
  }
  sla::HolidaySet twice = set;
  twice.merge(sla::HolidaySet(set));
  if (twice.rules().size() != set.rules().size()) fail("merging a copy added rules", 0);
  sla::HolidayCalendar calendar{set};
  std::uint32_t hash = 2166136261U;
  for (std::size_t i = 0; i < size; ++i) hash = (hash ^ data[i]) * 16777619U;
  for (int year : {1900, 2026, 9999, 1901 + static_cast<int>(hash % 8098U)}) {
    check_year(set, calendar, year);
  }
  return 0;
}
