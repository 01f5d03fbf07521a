// Fuzzes the deadline computation with random instants, priorities, tiers, holiday sets and
// histories, checking on every run: the deadline lies in business hours or exactly at
// closing; the business time from submission to deadline is the target; a later submission
// never gets an earlier deadline; the deadline is the one the reference model's minute walk
// finds; and the invariants of a history (check_history) hold.
#include "business_clock.hpp"
#include "embedded.hpp"
#include "error.hpp"
#include "evaluate.hpp"
#include "fuzz_support.hpp"
#include "holidays.hpp"
#include "paused_clock.hpp"
#include "policy.hpp"
#include "reference_model.hpp"
#include "ticket.hpp"
#include "time_text.hpp"
#include "zone.hpp"

#include <date/date.h>
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

namespace ref = sla::reference;
using Seconds = std::chrono::seconds;

const sla::Zone& new_york() {
  static const sla::Zone zone =
      sla::Zone::from_tzif("America/New_York", sla::embedded_new_york_tzif());
  return zone;
}

const sla::HolidaySet& us_federal() {
  static const sla::HolidaySet set =
      sla::HolidaySet::parse(sla::embedded_holiday_set("us-federal"), "us-federal");
  return set;
}

// The targets of SPEC section 1 in business hours, by priority (P1..P4) and tier.
constexpr std::array<std::array<std::int64_t, 2>, 4> kTargetHours{
    {{{9, 2}}, {{9, 2}}, {{18, 9}}, {{27, 18}}}};

std::string show(std::optional<date::sys_seconds> t) {
  return t ? sla::format_time(*t, new_york()) + " (" + sla::format_utc(*t) + ")" : "none";
}

[[noreturn]] void fail(const std::string& what, date::sys_seconds start, Seconds target) {
  std::fprintf(stderr, "invariant failed: %s; submitted %s, target %llds\n", what.c_str(),
               show(start).c_str(), static_cast<long long>(target.count()));
  std::abort();
}

ref::Rule random_rule(FuzzedDataProvider& in) {
  ref::Rule r;
  r.kind = static_cast<ref::Rule::Kind>(in.ConsumeIntegralInRange(0, 2));
  r.month = in.ConsumeIntegralInRange(1U, 12U);
  auto month_length = static_cast<unsigned>(
      (date::year{2000} / date::month{r.month} / date::last).day());  // a leap year
  r.day = in.ConsumeIntegralInRange(1U, month_length);
  r.year = in.ConsumeIntegralInRange(1900, 9999);
  if (r.kind == ref::Rule::Kind::kOnce && !date::year{r.year}.is_leap() && r.month == 2) {
    r.day = std::min(r.day, 28U);
  }
  r.nth = in.ConsumeIntegralInRange(0U, 5U);
  r.weekday = date::weekday{in.ConsumeIntegralInRange(0U, 6U)};
  r.observed = in.ConsumeBool();
  if (in.ConsumeBool()) r.from = in.ConsumeIntegralInRange(1900, 9999);
  if (in.ConsumeBool()) r.until = in.ConsumeIntegralInRange(r.from < 1900 ? 1900 : r.from, 9999);
  return r;
}

// A submission: anywhere in the supported range, in the years of the model's own US rules,
// near a daylight-saving change, or on an edge of the business day.
date::sys_seconds random_start(FuzzedDataProvider& in) {
  const sla::Zone& zone = new_york();
  switch (in.ConsumeIntegralInRange(0, 3)) {
    case 0: {
      auto first = zone.from_local_lenient(date::local_days{sla::kFirstDay} + Seconds{0});
      auto last = zone.from_local_lenient(date::local_days{sla::kLastDay} + Seconds{86399});
      return date::sys_seconds{Seconds{in.ConsumeIntegralInRange(first.time_since_epoch().count(),
                                                                 last.time_since_epoch().count())}};
    }
    case 1: {
      auto first = date::sys_days{date::year{1967} / 1 / 2};
      auto last = date::sys_days{date::year{2200} / 1 / 1};
      return date::sys_seconds{
          Seconds{in.ConsumeIntegralInRange(date::sys_seconds{first}.time_since_epoch().count(),
                                            date::sys_seconds{last}.time_since_epoch().count())}};
    }
    case 2: {
      auto [spring, fall] = ref::eastern_transitions(in.ConsumeIntegralInRange(1967, 9998));
      auto at = in.ConsumeBool() ? spring : fall;
      return at + Seconds{in.ConsumeIntegralInRange(-3 * 86400, 3 * 86400)};
    }
    default: {
      static constexpr std::array<std::int64_t, 8> kEdges{
          0,         8 * 3600 + 3599,  9 * 3600,  9 * 3600 + 1,
          12 * 3600, 17 * 3600 + 3599, 18 * 3600, 18 * 3600 + 1};
      auto day = date::local_days{date::year{in.ConsumeIntegralInRange(1900, 9999)} / 1 / 1} +
                 date::days{in.ConsumeIntegralInRange(0, 364)};
      auto second = kEdges[in.ConsumeIntegralInRange<std::size_t>(0, kEdges.size() - 1)];
      return zone.from_local_lenient(day + Seconds{second});
    }
  }
}

// A random history of the ticket, valid as the parse edge leaves it, judged at `now` in both
// modes: a pause never moves a deadline earlier, original_deadline is the deadline without
// reclassifications, the business time outside pauses up to the deadline is the target, and
// the business time is split between elapsed and paused.
void check_history(FuzzedDataProvider& in, sla::Ticket ticket, const sla::Policy& policy,
                   const sla::Clocks& clocks, date::sys_seconds now) {
  const std::int64_t span = (now - ticket.submitted).count();
  auto within = [&] {
    return ticket.submitted + Seconds{in.ConsumeIntegralInRange<std::int64_t>(0, span)};
  };
  for (int i = in.ConsumeIntegralInRange(0, 3); i > 0; --i) {
    const date::sys_seconds at = within();
    bool taken = false;
    for (const sla::PriorityChange& c : ticket.reclassified) taken = taken || c.at == at;
    if (!taken) ticket.reclassified.push_back({at, in.ConsumeIntegralInRange<std::size_t>(0, 3)});
  }
  std::sort(ticket.reclassified.begin(), ticket.reclassified.end(),
            [](const sla::PriorityChange& a, const sla::PriorityChange& b) { return a.at < b.at; });
  std::vector<date::sys_seconds> starts;
  for (int i = in.ConsumeIntegralInRange(0, 3); i > 0; --i) starts.push_back(within());
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const bool last = i + 1 == starts.size();
    if (last && in.ConsumeBool()) {
      ticket.paused.push_back({starts[i], std::nullopt});
      break;
    }
    const std::int64_t room = last ? 5 * 86400 : (starts[i + 1] - starts[i]).count();
    const date::sys_seconds to =
        starts[i] + Seconds{in.ConsumeIntegralInRange<std::int64_t>(1, room)};
    if (!sla::in_supported_range(to, new_york())) break;
    ticket.paused.push_back({starts[i], to});
  }
  if (in.ConsumeBool())
    ticket.responded =
        ticket.submitted + Seconds{in.ConsumeIntegralInRange<std::int64_t>(0, span + 86400)};
  if (ticket.responded && !sla::in_supported_range(*ticket.responded, new_york()))
    ticket.responded.reset();

  for (bool from_change : {false, true}) {
    sla::Policy p = policy;
    p.reclassification =
        from_change ? sla::Reclassification::kFromChange : sla::Reclassification::kFromSubmission;
    const auto r = sla::evaluate(ticket, p, clocks, now, 75);
    if (!r) continue;  // past the last day
    sla::Ticket unpaused = ticket;
    unpaused.paused.clear();
    const auto u = sla::evaluate(unpaused, p, clocks, now, 75);
    if (u && r->deadline < u->deadline)
      fail("a pause moves the deadline earlier", ticket.submitted, r->target);
    sla::Ticket plain = ticket;
    plain.reclassified.clear();
    const auto o = sla::evaluate(plain, p, clocks, now, 75);
    if (!o || o->deadline != r->original_deadline) {
      fail("original_deadline is not the deadline without reclassifications", ticket.submitted,
           r->target);
    }
    const sla::PausedClock paused(*clocks[0], r->pauses);
    const date::sys_seconds from = r->measured_from();
    if (paused.elapsed(from, r->deadline) != r->target) {
      fail("business time outside pauses to the deadline is not the target", from, r->target);
    }
    if (r->target > Seconds{0} && r->deadline > from &&
        paused.elapsed(from, r->deadline - Seconds{1}) >= r->target) {
      fail("the target is met before the deadline", from, r->target);
    }
    const sla::CheckState& c = *r->check;
    if (!from_change && c.elapsed + c.paused != clocks[0]->elapsed(ticket.submitted, now) &&
        (!ticket.responded || *ticket.responded <= now)) {
      fail("elapsed and paused do not add up", ticket.submitted, r->target);
    }
    if (c.status == sla::Status::kPaused && ticket.responded)
      fail("paused with a response", from, r->target);
    if (r->breached_on_reclassification &&
        (from_change || r->deadline >= ticket.reclassified[*r->change].at)) {
      fail("breached on a reclassification that did not breach it", from, r->target);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const date::sys_seconds start = random_start(in);
  const auto priority = in.ConsumeIntegralInRange<std::size_t>(0, 3);  // P1..P4
  const std::size_t tier = in.ConsumeBool() ? 1 : 0;                   // premium, standard
  const Seconds later{in.ConsumeIntegralInRange(0, 8 * 86400)};
  const Seconds extra_target{in.ConsumeIntegralInRange(0, 45 * 3600)};

  // The holiday set: the federal one, random rules, or both.
  const int holiday_mode = in.ConsumeIntegralInRange(0, 2);
  std::vector<ref::Rule> rules;
  std::string text;
  const int rule_count = holiday_mode == 0 ? 0 : in.ConsumeIntegralInRange(0, 8);
  for (int i = 0; i < rule_count; ++i) {
    rules.push_back(random_rule(in));
    text += rules.back().line("H" + std::to_string(i));
  }
  sla::HolidaySet set;
  try {
    set = sla::HolidaySet::parse(text, "random");
  } catch (const sla::InputError& e) {
    std::fprintf(stderr, "invariant failed: a valid holiday file is refused: %s\n%s", e.what(),
                 text.c_str());
    std::abort();
  }
  if (holiday_mode != 1) set.merge(us_federal());
  const sla::HolidayCalendar calendar{set};
  const sla::Engine& engine = sla::fuzz::builtin_engine();
  const sla::Policy& policy = engine.policy(0);
  const sla::BusinessClock clock{policy.calendars[0].week, new_york(), calendar};

  ref::FederalHolidays federal;
  ref::RuleHolidays custom{rules};
  ref::AnyOf both{{&federal, &custom}};
  ref::Holidays& holidays = holiday_mode == 0   ? static_cast<ref::Holidays&>(federal)
                            : holiday_mode == 1 ? static_cast<ref::Holidays&>(custom)
                                                : both;
  // The model's own US Eastern rules from 1967; before that it borrows the zone.
  const ref::EasternWallClock eastern;
  const ref::ZoneWallClock borrowed{new_york()};
  const bool own_rules = start >= date::sys_days{date::year{1967} / 1 / 2};
  ref::BruteForce model{own_rules ? static_cast<const ref::WallClock&>(eastern) : borrowed,
                        ref::weekdays_9_to_18(), holidays};

  const Seconds policy_target = policy.cell(priority, tier).target.on(policy.calendars[0].day);
  const auto hours = kTargetHours[priority][tier];
  if (policy_target != Seconds{hours * 3600})
    fail("the policy table is not SPEC's", start, policy_target);

  std::optional<date::sys_seconds> model_clock_start;
  for (Seconds target : {policy_target, extra_target}) {
    const auto deadline = clock.deadline(start, target);
    const auto walk = model.run(start, {target}, deadline.value_or(start));
    if (target == policy_target) model_clock_start = walk.clock_start;
    if (deadline != walk.deadlines[0]) {
      fail("deadline " + show(deadline) + ", the model's " + show(walk.deadlines[0]), start,
           target);
    }
    // A zero target needs no walk, so the walk saw no clock start.
    if (target > Seconds{0} && clock.clock_start(start) != walk.clock_start) {
      fail("clock start " + show(clock.clock_start(start)) + ", the model's " +
               show(walk.clock_start),
           start, target);
    }
    if (deadline) {
      if (walk.elapsed != target || clock.elapsed(start, *deadline) != target) {
        fail("business time to the deadline is not the target", start, target);
      }
      if (target > Seconds{0} && clock.elapsed(start, *deadline - Seconds{1}) >= target) {
        fail("the target is met before the deadline", start, target);
      }
      if (target > Seconds{0} && !model.open_or_closing(*deadline)) {
        fail("deadline " + show(deadline) + " outside business hours", start, target);
      }
      if (target == Seconds{0} && *deadline != start) fail("a zero target moves", start, target);
    }
    if (!sla::in_supported_range(start + later, new_york())) continue;  // the clock's REQUIRES
    const auto next = clock.deadline(start + later, target);
    if (deadline && next && *next < *deadline) {
      fail("submitted " + std::to_string(later.count()) + "s later, due earlier: " + show(next),
           start, target);
    }
    if (!deadline && next) fail("a later submission has a deadline", start, target);
  }

  // evaluate agrees with the clock, or finds no deadline past the last day.
  sla::Ticket ticket;
  ticket.submitted = start;
  ticket.priority = priority;
  ticket.tier = tier;
  const auto deadline = clock.deadline(start, policy_target);
  const sla::Clocks clocks{&clock};
  const auto r = sla::evaluate(ticket, policy, clocks, start, 75);
  if (r) {
    if (!deadline || r->deadline != *deadline) fail("evaluate disagrees", start, policy_target);
    if (r->clock_start != model_clock_start) {
      fail("evaluate's clock start " + show(r->clock_start) + ", the model's " +
               show(model_clock_start),
           start, policy_target);
    }
  } else if (deadline) {
    fail("evaluate finds no deadline for a ticket with one", start, policy_target);
  }
  if (r && sla::in_supported_range(start + later, new_york())) {
    check_history(in, ticket, policy, clocks, start + later);
  }
  return 0;
}
