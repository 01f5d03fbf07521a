// The engine: the one place that assembles policy versions, zones, holiday calendars and
// business clocks, and judges tickets by them. The CLI, batch and the SQLite extension each
// build one and ask it.
#pragma once

#include "business_clock.hpp"
#include "evaluate.hpp"
#include "holidays.hpp"
#include "policy.hpp"
#include "ticket.hpp"
#include "zone.hpp"

#include <date/date.h>

#include <array>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sla {

// The outside world an engine is built from, supplied by the front that builds it.
class Resources {
 public:
  virtual ~Resources() = default;
  // Returns the zone `name` names; `what` names the setting in errors ("time_zone").
  // Throws InputError ("invalid time_zone "X": ...") if there is none.
  virtual Zone zone(std::string_view name, std::string_view what) = 0;
  // Returns the content of the file at `path`; `what` names it in errors. Throws InputError.
  virtual std::string read(const std::string& path, std::string_view what) = 0;
};

// One policy file's text, and where it came from.
struct PolicyText {
  std::string text;
  std::string source;    // its path: holiday files it names are relative to its directory
  bool builtin = false;  // the embedded policy: it may name built-in holiday sets only
};

// What an engine is built from.
struct EngineSetup {
  std::vector<PolicyText> policies;   // one per version; empty: the built-in policy
  std::vector<std::string> holidays;  // --holidays: replaces every calendar's listed sets
  // The built-in policy as compiled at build time (builtin_policy.hpp), so that it need not be
  // parsed; none: parse its embedded text.
  std::optional<Policy> builtin;
  // The built-in holiday sets as compiled at build time (builtin_holiday_set), so that they
  // need not be parsed; null: parse their embedded texts.
  std::optional<HolidaySet> (*builtin_sets)(std::string_view name) = nullptr;
};

class Engine {
 public:
  // Builds the engine: parses each policy, loads the zones and holiday sets it names, and
  // makes a clock for every calendar. Throws InputError naming the file, line and column.
  Engine(const EngineSetup& setup, Resources& resources);
  // Returns a deep copy with caches of its own: the clocks and holiday calendars fill theirs as
  // they run, so each thread that evaluates needs its own engine.
  Engine(const Engine& other);
  Engine& operator=(const Engine&) = delete;

  // The policy versions, ordered by their effective dates (one without a date first).
  std::size_t versions() const { return versions_.size(); }
  const Policy& policy(std::size_t version) const { return versions_[version].policy; }
  const std::string& source(std::size_t version) const { return versions_[version].source; }
  const Zone& policy_zone(std::size_t version) const { return *versions_[version].zone; }
  // Returns the newest version: the one whose zone reads times before a version is known.
  std::size_t newest() const { return versions_.size() - 1; }

  // Returns the version in force at `t` (the latest effective on or before it), or nullopt
  // if `t` precedes every version.
  std::optional<std::size_t> version_at(date::sys_seconds t) const;

  // Returns the clock of `calendar` of `version`. REQUIRES: both in range.
  const BusinessClock& clock(std::size_t version, std::size_t calendar) const {
    return *versions_[version].clocks[calendar];
  }
  // Returns how the holiday sets of a calendar are listed: "us-federal (built in)".
  const std::string& holidays_label(std::size_t version, std::size_t calendar) const {
    return versions_[version].holiday_labels[calendar];
  }

  // Returns the ticket's deadline and state at `now`, or nullopt if the deadline would fall
  // after the last supported day. Never throws. REQUIRES: a ticket read by this engine.
  // The ticket is moved into the result (a batch row's is not needed after), or copied.
  std::optional<Result> evaluate(Ticket&& ticket, date::sys_seconds now, double warn_percent) const;
  std::optional<Result> evaluate(const Ticket& ticket, date::sys_seconds now,
                                 double warn_percent) const {
    return evaluate(Ticket(ticket), now, warn_percent);
  }
  // evaluate() in place (see sla::evaluate_in_place): `r.ticket` holds a ticket read by this
  // engine. Returns false where evaluate() returns nullopt.
  bool evaluate_in_place(Result& r, date::sys_seconds now, double warn_percent) const;

  // Returns whether the ticket's version covers it: not bought through a reseller, or a
  // policy that covers resellers.
  bool covered(const Ticket& ticket) const {
    return !ticket.reseller || policy(ticket.version).reseller_covered;
  }

  // Returns the message for a ticket evaluate() has no deadline for.
  std::string no_deadline_message(const Ticket& ticket) const;

  // Returns the union of the holiday sets `names` names, as --holidays gives them: built-in
  // set names, or paths (read through `resources`). Throws InputError naming the set.
  static HolidaySet holiday_sets(const std::vector<std::string>& names, Resources& resources);

 private:
  struct Version {
    Policy policy;
    std::string source;
    const Zone* zone = nullptr;
    std::vector<const HolidayCalendar*> holidays;        // by calendar
    std::vector<std::string> holiday_labels;             // by calendar
    std::vector<std::unique_ptr<BusinessClock>> clocks;  // by calendar
    Clocks clock_views;                                  // the same, as evaluate takes them
  };

  const Zone& zone(const std::string& name, const Version& v, SourcePlace at, Resources& resources);
  const HolidayCalendar& holidays(const std::vector<std::string>& paths,
                                  const std::vector<std::string>& origins);
  void assemble(Version& v, const EngineSetup& setup, const std::vector<std::string>& overrides,
                bool builtin, Resources& resources);
  void order_versions();

  std::optional<HolidaySet> (*builtin_sets_)(std::string_view name) = nullptr;
  std::map<std::string, std::unique_ptr<Zone>> zones_;
  std::map<std::vector<std::string>, std::unique_ptr<HolidayCalendar>> calendars_;
  std::vector<Version> versions_;
  std::vector<date::sys_seconds> effective_;  // by version: when it comes into force
};

}  // namespace sla
