// The engine: policy versions assembled with their zones, holiday calendars and clocks.
#include "engine.hpp"

#include "embedded.hpp"
#include "error.hpp"
#include "policy_file.hpp"
#include "time_text.hpp"

#include <algorithm>
#include <numeric>
#include <utility>

namespace sla {
namespace {

// Returns the directory part of `path`, with its slash ("" for a bare file name).
std::string directory_of(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

// Returns `path` without leading "./", to join it to a directory.
std::string without_dot_slash(std::string path) {
  while (path.size() > 2 && path.compare(0, 2, "./") == 0) path.erase(0, 2);
  return path;
}

// A bare word that is no built-in set is most likely a typo, not a file.
bool looks_like_path(std::string_view name) {
  return name.find('/') != std::string_view::npos || name.find('.') != std::string_view::npos;
}

std::string no_such_set(std::string_view where) {
  return ": no such built-in set; expected " + std::string(embedded_holiday_set_names()) +
         " or a path to a holiday file (./NAME for a file " + std::string(where) + ")";
}

// Returns the text of the --holidays set `name`: built in, or a file.
std::string set_text(const std::string& name, Resources& resources) {
  std::string_view embedded = embedded_holiday_set(name);
  if (!embedded.empty()) return std::string(embedded);
  if (!looks_like_path(name)) {
    throw InputError("invalid --holidays " + quote(name) + no_such_set("here"));
  }
  return resources.read(name, "--holidays");
}

}  // namespace

HolidaySet Engine::holiday_sets(const std::vector<std::string>& names, Resources& resources) {
  HolidaySet set;
  for (const std::string& name : names)
    set.merge(HolidaySet::parse(set_text(name, resources), name));
  return set;
}

Engine::Engine(const EngineSetup& setup, Resources& resources) : builtin_sets_(setup.builtin_sets) {
  std::vector<std::string> overrides;  // the text of each --holidays set, read once
  for (const std::string& name : setup.holidays) overrides.push_back(set_text(name, resources));
  auto add = [&](Policy policy, const std::string& source, bool builtin) {
    Version v;
    v.policy = std::move(policy);
    v.source = source;
    assemble(v, setup, overrides, builtin, resources);
    versions_.push_back(std::move(v));
  };
  const std::string builtin_source = "codesecure.toml";
  if (setup.policies.empty() && setup.builtin) {
    add(*setup.builtin, builtin_source, true);
  } else if (setup.policies.empty()) {
    add(parse_policy(embedded_policy(), builtin_source), builtin_source, true);
  }
  for (const PolicyText& text : setup.policies) {
    add(parse_policy(text.text, text.source), text.source, text.builtin);
  }
  order_versions();
}

Engine::Engine(const Engine& other)
    : builtin_sets_(other.builtin_sets_), effective_(other.effective_) {
  std::map<const Zone*, const Zone*> zones;
  for (const auto& [name, zone] : other.zones_) {
    zones[zone.get()] = zones_.emplace(name, std::make_unique<Zone>(*zone)).first->second.get();
  }
  std::map<const HolidayCalendar*, const HolidayCalendar*> calendars;
  for (const auto& [keys, calendar] : other.calendars_) {
    auto copy = std::make_unique<HolidayCalendar>(calendar->set());
    calendars[calendar.get()] = calendars_.emplace(keys, std::move(copy)).first->second.get();
  }
  for (const Version& o : other.versions_) {
    Version v;
    v.policy = o.policy;
    v.source = o.source;
    v.zone = zones.at(o.zone);
    v.holiday_labels = o.holiday_labels;
    for (std::size_t c = 0; c < o.clocks.size(); ++c) {
      v.holidays.push_back(calendars.at(o.holidays[c]));
      v.clocks.push_back(std::make_unique<BusinessClock>(
          v.policy.calendars[c].week, *zones.at(&o.clocks[c]->zone()), *v.holidays.back()));
      v.clock_views.push_back(v.clocks.back().get());
    }
    versions_.push_back(std::move(v));
  }
}

const Zone& Engine::zone(const std::string& name, const Version& v, SourcePlace at,
                         Resources& resources) {
  auto found = zones_.find(name);
  if (found != zones_.end()) return *found->second;
  try {
    auto zone = std::make_unique<Zone>(resources.zone(name, "time_zone"));
    return *zones_.emplace(name, std::move(zone)).first->second;
  } catch (const InputError& e) {
    throw InputError(policy_place(v.source, at) + e.what());
  }
}

const HolidayCalendar& Engine::holidays(const std::vector<std::string>& keys,
                                        const std::vector<std::string>& texts) {
  auto found = calendars_.find(keys);
  if (found != calendars_.end()) return *found->second;
  HolidaySet set;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    std::string_view name = keys[i];
    if (name.substr(0, 8) == "builtin:") {
      name.remove_prefix(8);
      std::optional<HolidaySet> compiled;
      if (builtin_sets_ != nullptr) compiled = builtin_sets_(name);
      if (compiled) {
        set.merge(*compiled);
        continue;
      }
    }
    set.merge(HolidaySet::parse(texts[i], name));
  }
  auto calendar = std::make_unique<HolidayCalendar>(std::move(set));
  return *calendars_.emplace(keys, std::move(calendar)).first->second;
}

// Loads the zones and holiday sets a version names, and makes its clocks.
void Engine::assemble(Version& v, const EngineSetup& setup,
                      const std::vector<std::string>& overrides, bool builtin,
                      Resources& resources) {
  v.zone = &zone(v.policy.time_zone, v, v.policy.time_zone_place, resources);
  const std::string dir = directory_of(v.source);
  for (const Calendar& c : v.policy.calendars) {
    std::vector<std::string> keys, texts;
    std::string label;
    const bool replaced = !setup.holidays.empty() && !c.holidays.empty();
    bool all_builtin = true;
    auto add = [&](std::string key, std::string text, std::string_view shown) {
      keys.push_back(std::move(key));
      texts.push_back(std::move(text));
      label += (label.empty() ? "" : ", ") + std::string(shown);
    };
    if (replaced) {
      for (std::size_t i = 0; i < setup.holidays.size(); ++i) {
        const std::string& name = setup.holidays[i];
        add(embedded_holiday_set(name).empty() ? name : "builtin:" + name, overrides[i], name);
      }
      all_builtin = false;
    } else {
      for (const HolidaySource& h : c.holidays) {
        std::string_view embedded = embedded_holiday_set(h.name);
        if (!embedded.empty()) {
          add("builtin:" + h.name, std::string(embedded), h.name);
          continue;
        }
        all_builtin = false;
        if (builtin || !looks_like_path(h.name)) {
          throw InputError(policy_place(v.source, h.place) + "invalid holidays entry " +
                           quote(h.name) + no_such_set("beside the policy"));
        }
        std::string path = h.name.front() == '/' ? h.name : dir + without_dot_slash(h.name);
        try {
          add(path, resources.read(path, "holidays"), h.name);
        } catch (const InputError& e) {
          throw InputError(policy_place(v.source, h.place) + "invalid holidays entry " +
                           quote(h.name) + ": " + e.what() +
                           "; expected a built-in set or a holiday file, its path relative to "
                           "the policy file");
        }
      }
    }
    if (all_builtin && !keys.empty()) label += " (built in)";
    if (keys.empty()) label = "none";
    v.holidays.push_back(&holidays(keys, texts));
    v.holiday_labels.push_back(label);
    const Zone& calendar_zone = zone(c.time_zone, v, c.time_zone_place, resources);
    v.clocks.push_back(std::make_unique<BusinessClock>(c.week, calendar_zone, *v.holidays.back()));
    v.clock_views.push_back(v.clocks.back().get());
  }
}

// Sorts the versions by their effective dates and checks that each date is used once.
void Engine::order_versions() {
  std::vector<std::size_t> order(versions_.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto start = [this](std::size_t i) {
    const Version& v = versions_[i];
    if (!v.policy.effective) return date::sys_seconds::min();
    return v.zone->from_local_lenient(date::local_seconds{*v.policy.effective});
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return start(a) < start(b); });
  std::vector<Version> sorted;
  for (std::size_t i : order) {
    if (!sorted.empty() && start(i) == effective_.back()) {
      const Version& other = sorted.back();
      const std::string when = versions_[i].policy.effective
                                   ? date::format("%F", *versions_[i].policy.effective)
                                   : std::string("always (no effective date)");
      throw InputError("invalid --policy " + quote(versions_[i].source) + ": in force from " +
                       when + " like " + quote(other.source) +
                       "; expected one policy version per effective date");
    }
    effective_.push_back(start(i));
    sorted.push_back(std::move(versions_[i]));
  }
  versions_ = std::move(sorted);
}

std::optional<std::size_t> Engine::version_at(date::sys_seconds t) const {
  // Most engines have one version: the search is then one comparison.
  if (effective_.size() == 1) {
    return t >= effective_.front() ? std::optional<std::size_t>(0) : std::nullopt;
  }
  auto after = std::upper_bound(effective_.begin(), effective_.end(), t);
  if (after == effective_.begin()) return std::nullopt;
  return static_cast<std::size_t>(after - effective_.begin()) - 1;
}

std::optional<Result> Engine::evaluate(Ticket&& ticket, date::sys_seconds now,
                                       double warn_percent) const {
  // (One value returned, so that it is not moved.)
  std::optional<Result> r(std::in_place);
  r->ticket = std::move(ticket);
  if (!evaluate_in_place(*r, now, warn_percent)) r.reset();
  return r;
}

bool Engine::evaluate_in_place(Result& r, date::sys_seconds now, double warn_percent) const {
  const Version& v = versions_[r.ticket.version];
  // The clock keeps to the range in its own zone; the range is one of the policy zone's days.
  return sla::evaluate_in_place(r, v.policy, v.clock_views, now, warn_percent) &&
         in_supported_range(r.deadline, *v.zone) &&
         in_supported_range(r.original_deadline, *v.zone);
}

std::string Engine::no_deadline_message(const Ticket& ticket) const {
  return "no deadline for a ticket submitted " +
         quote(format_time(ticket.submitted, policy_zone(ticket.version))) +
         ": it would fall after 9999-12-31, the last supported day";
}

}  // namespace sla
