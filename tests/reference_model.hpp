// An independent model of the business clock for tests: hand-coded US federal holidays, a
// hand-coded US Eastern offset, holiday rules read its own way, and a minute-by-minute walk.
#pragma once

#include "zone.hpp"

#include <date/date.h>

#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

// Nothing here calls the code under test, except ZoneWallClock, which lends the model a
// sla::Zone for zones it has no rules of (test zones with odd transitions, New York before
// 1967).
namespace sla::reference {

// The last day sla supports (SPEC section 2), restated.
inline constexpr date::local_days kLastDay{date::year{9999} / date::December / date::day{31}};

// Which local days are holidays.
class Holidays {
 public:
  virtual ~Holidays() = default;
  // Returns true if a holiday is observed on `d`. Not const: implementations cache by year.
  virtual bool is_holiday(date::local_days d) = 0;
};

// US federal holidays hand-coded from 5 U.S.C. 6103 and its history, observed dates.
class FederalHolidays final : public Holidays {
 public:
  bool is_holiday(date::local_days d) override;

 private:
  std::map<int, std::set<date::local_days>> years_;
};

// One line of a holiday file, in the model's own terms.
struct Rule {
  enum class Kind { kFixed, kOnce, kNth };
  Kind kind = Kind::kFixed;
  int year = 0;              // kOnce
  unsigned month = 1;        // 1..12
  unsigned day = 1;          // kFixed, kOnce
  unsigned nth = 1;          // kNth: 1..5, 0 for "last"
  date::weekday weekday{1};  // kNth
  bool observed = false;     // Saturday -> Friday before, Sunday -> Monday after
  int from = -32767;         // years of the rule's own date, inclusive
  int until = 32767;

  // Returns the line as a holiday file states it, named `name`.
  std::string line(const std::string& name) const;
};

// The holidays of a list of rules, expanded by the model's own code.
class RuleHolidays final : public Holidays {
 public:
  explicit RuleHolidays(std::vector<Rule> rules) : rules_(std::move(rules)) {}
  bool is_holiday(date::local_days d) override;

 private:
  std::vector<Rule> rules_;
  std::map<int, std::set<date::local_days>> years_;
};

// The union of several holiday lists (not owned).
class AnyOf final : public Holidays {
 public:
  explicit AnyOf(std::vector<Holidays*> parts) : parts_(std::move(parts)) {}
  bool is_holiday(date::local_days d) override;

 private:
  std::vector<Holidays*> parts_;
};

// Part-day closures: for a day, the minutes after local midnight that are closed, [first, end).
class PartClosures {
 public:
  virtual ~PartClosures() = default;
  virtual std::vector<std::pair<int, int>> closed(date::local_days d) = 0;
};

// Part-day closures on single dates, or on a month and day every year, none of them shifted.
class DatedClosures final : public PartClosures {
 public:
  struct Entry {
    int year = 0;  // 0: every year
    unsigned month = 1, day = 1;
    std::pair<int, int> minutes;
  };
  explicit DatedClosures(std::vector<Entry> entries) : entries_(std::move(entries)) {}
  std::vector<std::pair<int, int>> closed(date::local_days d) override;

 private:
  std::vector<Entry> entries_;
};

// Wall-clock time of a zone: local time from an instant, and back.
class WallClock {
 public:
  virtual ~WallClock() = default;
  virtual date::local_seconds to_local(date::sys_seconds t) const = 0;
  // Returns the instant of wall time `local`: the earlier one where the wall clock repeats,
  // the instant the clock jumped where it skips `local`.
  virtual date::sys_seconds from_local_lenient(date::local_seconds local) const = 0;
};

// Returns the US Eastern UTC offset at `t` (-5 h, or -4 h under daylight saving) from the US
// rules hand-coded: 1967-1973 last Sun Apr to last Sun Oct; 1974 from Jan 6; 1975 from Feb 23;
// 1976-1986 last Sun Apr; 1987-2006 first Sun Apr to last Sun Oct; from 2007 second Sun Mar to
// first Sun Nov; changes at 02:00 local time. REQUIRES: t in 1967 or later.
std::chrono::seconds eastern_offset(date::sys_seconds t);

// Returns the instants daylight saving starts and ends in year `y` (US Eastern).
// REQUIRES: y >= 1967.
std::pair<date::sys_seconds, date::sys_seconds> eastern_transitions(int y);

// US Eastern time by eastern_offset. REQUIRES: times in 1967 or later.
class EasternWallClock final : public WallClock {
 public:
  date::local_seconds to_local(date::sys_seconds t) const override;
  date::sys_seconds from_local_lenient(date::local_seconds local) const override;
};

// A sla::Zone seen as a WallClock (see the namespace comment). Holds a reference.
class ZoneWallClock final : public WallClock {
 public:
  explicit ZoneWallClock(const Zone& zone) : zone_(zone) {}
  date::local_seconds to_local(date::sys_seconds t) const override { return zone_.to_local(t); }
  date::sys_seconds from_local_lenient(date::local_seconds local) const override {
    return zone_.from_local_lenient(local);
  }

 private:
  const Zone& zone_;
};

// Open minutes by weekday (0 = Sunday): [first, end) as minutes after local midnight.
using Week = std::array<std::vector<std::pair<int, int>>, 7>;

// Returns Monday to Friday, 09:00 to 18:00.
Week weekdays_9_to_18();

struct Walk {
  std::optional<date::sys_seconds> clock_start;
  std::vector<std::optional<date::sys_seconds>> deadlines;  // one per target
  std::chrono::seconds elapsed{0};                          // in [start, until]
};

// Walks the open minutes from a start, each minute being the real time between the instants
// of its two wall-clock ends. Meant for starts in ascending order: it converts each day's
// minutes once and keeps only the days a later start can still reach. Holds references.
class BruteForce {
 public:
  BruteForce(const WallClock& clock, Week week, Holidays& holidays)
      : clock_(clock), week_(std::move(week)), holidays_(holidays) {}

  // Returns when each of `targets` (ascending) is met, and the business time up to `until`.
  // A zero target is met at `start`; a deadline past kLastDay is nullopt.
  Walk run(date::sys_seconds start, const std::vector<std::chrono::seconds>& targets,
           date::sys_seconds until);

  // Returns true if `t` lies in the open hours of an open day or exactly at a closing time.
  bool open_or_closing(date::sys_seconds t);

  // Closes parts of days too (not owned; null: none).
  void set_part_closures(PartClosures* parts) { parts_ = parts; }

 private:
  const std::vector<date::sys_seconds>& boundaries(date::local_days day, std::size_t i);

  const WallClock& clock_;
  Week week_;
  Holidays& holidays_;
  PartClosures* parts_ = nullptr;
  std::map<std::pair<date::local_days, std::size_t>, std::vector<date::sys_seconds>> minutes_;
};

}  // namespace sla::reference
