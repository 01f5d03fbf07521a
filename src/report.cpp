// Text for people, and the JSON of `sla policy` and `sla holidays`.
#include "report.hpp"

#include "fields.hpp"
#include "time_text.hpp"

#include <fmt/format.h>

namespace sla {
namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kGreen = "\x1b[32m";
constexpr std::string_view kYellow = "\x1b[33m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kReset = "\x1b[0m";

std::string paint(std::string_view text, std::string_view colour, bool on) {
  if (!on) return std::string(text);
  return fmt::format("{}{}{}", colour, text, kReset);
}

// "Fri 2026-11-27 09:30 EST", then the display zone's time in parentheses if it differs.
std::string both_zones(date::sys_seconds t, const TextStyle& style) {
  std::string out = format_human(t, *style.policy_zone);
  if (style.display_zone->name() != style.policy_zone->name()) {
    out += " (" + format_human(t, *style.display_zone) + ")";
  }
  return out;
}

std::string_view status_colour(Status s) {
  switch (s) {
    case Status::kOnTrack:
    case Status::kPaused:
    case Status::kMet:
      return kGreen;
    case Status::kAtRisk:
      return kYellow;
    default:
      return kRed;
  }
}

// The relative phrase: how much business time is left, or how late it is.
std::string relative(const Result& r) {
  const CheckState& c = *r.check;
  if (c.now > r.deadline)
    return "overdue by " + format_wall_duration(c.now - r.deadline) + " of wall-clock time";
  return "due in " + format_duration(c.remaining, r.day()) + " of business time";
}

void line(std::string& out, std::string_view label, std::string_view value) {
  out += fmt::format("{:<13}{}\n", label, value);
}

std::string local_hhmm(date::sys_seconds t, const Zone& zone) {
  auto local = zone.to_local(t);
  auto time = date::hh_mm_ss<std::chrono::seconds>(local - date::floor<date::days>(local));
  return fmt::format("{:02}:{:02}", time.hours().count(), time.minutes().count());
}

}  // namespace

std::string_view weekday_name(date::weekday wd) {
  static constexpr std::string_view kNames[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  return kNames[wd.c_encoding()];
}

std::string_view weekday_full_name(date::weekday wd) {
  static constexpr std::string_view kNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                "Thursday", "Friday", "Saturday"};
  return kNames[wd.c_encoding()];
}

std::string format_human(date::sys_seconds t, const Zone& zone) {
  auto local = zone.to_local(t);
  auto day = date::floor<date::days>(local);
  date::year_month_day ymd{day};
  date::hh_mm_ss<std::chrono::seconds> time{local - day};
  std::string out =
      fmt::format("{} {:04}-{:02}-{:02} {:02}:{:02}", weekday_name(date::weekday{day}),
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), time.hours().count(), time.minutes().count());
  if (time.seconds().count() != 0) out += fmt::format(":{:02}", time.seconds().count());
  out += ' ';
  out += zone.offset_at(t).abbreviation;
  return out;
}

namespace {

// The history in time order: a line per reclassification and per pause.
void history(std::string& out, const Result& r, const TextStyle& style) {
  const Ticket& t = r.ticket;
  std::size_t c = 0, p = 0;
  std::size_t in_force = t.priority;
  while (c < t.reclassified.size() || p < t.paused.size()) {
    if (p == t.paused.size() ||
        (c < t.reclassified.size() && t.reclassified[c].at <= t.paused[p].from)) {
      const PriorityChange& change = t.reclassified[c];
      std::string text = both_zones(change.at, style) + "  " + r.policy->priorities[in_force].id +
                         " \u2192 " + r.policy->priorities[change.priority].id;
      if (t.responded && change.at > *t.responded) {
        text += " (after the response: changes nothing)";
      } else if (change.priority == in_force) {
        text += " (no change)";
      } else {
        in_force = change.priority;
      }
      line(out, "Reclassified", text);
      ++c;
    } else {
      const Pause& pause = t.paused[p];
      line(out, "Paused",
           both_zones(pause.from, style) + " \u2013 " +
               (pause.to ? both_zones(*pause.to, style) : std::string("still paused")));
      ++p;
    }
  }
}

}  // namespace

std::string render_result_text(const Result& r, bool check, const TextStyle& style) {
  std::string out;
  const PriorityLevel& priority = r.priority_level();
  std::string ticket =
      priority.name.empty()
          ? fmt::format("{}, {} support", priority.id, r.tier().id)
          : fmt::format("{} ({}), {} support", priority.id, priority.name, r.tier().id);
  if (r.priority != r.ticket.priority) {
    ticket += fmt::format(" (submitted as {})", r.original_priority().id);
  }
  line(out, "Ticket", ticket);
  line(out, "Submitted", both_zones(r.ticket.submitted, style));
  if (r.ticket.wall_zone != nullptr) {
    line(out, "Read in", r.ticket.wall_zone->name() + " (no offset given)");
  }
  history(out, r, style);
  if (r.clock_start != r.ticket.submitted)
    line(out, "Clock starts", both_zones(r.clock_start, style));
  std::string target = r.cell().target.words();
  if (r.calendar != r.policy->default_calendar) {
    target += ", on the " + r.calendar_terms().name + " calendar";
  }
  if (r.measured_from() != r.ticket.submitted) target += ", from the reclassification";
  line(out, "Target", target);
  std::string deadline = both_zones(r.deadline, style);
  if (r.check && !check && !r.ticket.responded) deadline += ", " + relative(r);
  line(out, "Deadline", paint(deadline, kBold, style.color));
  if (r.original_deadline != r.deadline) {
    line(out, "Original",
         both_zones(r.original_deadline, style) + ", as " + r.original_priority().id);
  }
  if (check && r.check) {
    const CheckState& c = *r.check;
    line(out, "Now", both_zones(c.now, style));
    if (r.ticket.responded) {
      line(out, "Responded", both_zones(*r.ticket.responded, style));
      line(out, "Response", format_duration(*c.response_business, r.day()) + " of business time");
    }
    line(out, "Elapsed",
         fmt::format("{} of {} ({:.0f}%)", format_duration(c.elapsed, r.day()),
                     format_duration(r.target, r.day()), c.percent_elapsed));
    if (!r.ticket.paused.empty()) {
      line(out, "Paused for", format_duration(c.paused, r.day()) + " of business time");
    }
    std::string status(status_name(c.status));
    if (c.status == Status::kBreached || c.status == Status::kMissed) {
      status += ", " + format_wall_duration(c.overdue) + " late";
      if (r.breached_on_reclassification) {
        status += ", breached on reclassification to " + r.priority_level().id;
      }
    } else if (!r.ticket.responded) {
      status += ", " + relative(r);
    }
    line(out, "Status", paint(status, status_colour(c.status), style.color));
  }
  if (!priority.follow_up.empty()) line(out, "Follow-up", priority.follow_up);
  return out;
}

std::string render_trace_text(const std::vector<DayTrace>& trace, const TraceStyle& style) {
  const Zone& zone = *style.zone;
  std::string out = fmt::format("Business time counted ({} wall time):\n", zone.name());
  if (style.read_in != nullptr && style.read_in->name() != zone.name()) {
    out +=
        fmt::format("  (times given without an offset were read in {})\n", style.read_in->name());
  }
  if (style.result != nullptr && style.result->measured_from() != style.result->ticket.submitted) {
    out += "  (counted from the reclassification in force)\n";
  }
  // Reclassifications, each marked before the first entry that starts after it.
  const std::vector<PriorityChange> none;
  const std::vector<PriorityChange>& changes =
      style.result != nullptr ? style.result->ticket.reclassified : none;
  std::size_t mark = 0;
  std::size_t in_force = style.result != nullptr ? style.result->ticket.priority : 0;
  auto marks_until = [&](std::optional<date::sys_seconds> until) {
    for (; mark < changes.size() && (!until || changes[mark].at < *until); ++mark) {
      const Policy& policy = *style.result->policy;
      out +=
          fmt::format("  {}  reclassified {} \u2192 {}\n", format_human(changes[mark].at, zone),
                      policy.priorities[in_force].id, policy.priorities[changes[mark].priority].id);
      in_force = changes[mark].priority;
    }
  };
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const DayTrace& d = trace[i];
    marks_until(d.kind == DayTrace::Kind::kCounted || d.kind == DayTrace::Kind::kPaused
                    ? d.begin
                    : zone.from_local_lenient(date::local_seconds{d.day}));
    std::string day =
        fmt::format("{} {}", weekday_name(date::weekday{d.day}), date::format("%F", d.day));
    if (d.kind == DayTrace::Kind::kPaused) {
      out += fmt::format("  paused {} \u2013 {}: {} of business time not counted\n",
                         format_human(d.begin, zone), format_human(d.end, zone),
                         format_wall_duration(d.counted));
      continue;
    }
    if (d.kind == DayTrace::Kind::kCounted) {
      // A day's share in hours ("9h", not "1d"); the running total in business days.
      out += fmt::format("  {:<32} {}\u2013{}  {:<7}  total {}", day, local_hhmm(d.begin, zone),
                         local_hhmm(d.end, zone), format_wall_duration(d.counted),
                         format_duration(d.running_total, style.day));
      if (!d.holiday.empty()) out += fmt::format("  (part closed: {})", d.holiday);
      out += '\n';
      continue;
    }
    // A run of closed days becomes one line.
    std::size_t j = i;
    std::string reasons;
    while (j < trace.size() && (trace[j].kind == DayTrace::Kind::kWeekend ||
                                trace[j].kind == DayTrace::Kind::kHoliday)) {
      if (!reasons.empty()) reasons += ", ";
      reasons += trace[j].kind == DayTrace::Kind::kHoliday
                     ? std::string(trace[j].holiday)
                     : std::string(weekday_full_name(date::weekday{trace[j].day}));
      ++j;
    }
    if (j - i > 1) {
      day += fmt::format(" \u2013 {} {}", weekday_name(date::weekday{trace[j - 1].day}),
                         date::format("%F", trace[j - 1].day));
    }
    out += fmt::format("  {:<32} closed: {}\n", day, reasons);
    i = j - 1;
  }
  marks_until(std::nullopt);
  return out;
}

std::string table_header() {
  return fmt::format("{:<12} {:<12} {:<9} {:<10} {}\n", "id", "status", "priority", "tier",
                     "deadline");
}

void append_table_row(std::string& out, const Record& record, const Zone& zone) {
  const Result* r = record.result;
  std::string line;
  if (r == nullptr) {
    line = fmt::format("{:<12} {:<12} {:<9} {:<10} {:<26} {}", record.id, record.status, "", "", "",
                       record.status == "error" ? record.error : "bought through a reseller");
  } else {
    const CheckState& c = *r->check;
    std::string detail;
    switch (c.status) {
      case Status::kOnTrack:
      case Status::kAtRisk:
      case Status::kPaused:
        detail = "due in " + format_duration(c.remaining, r->day()) + " of business time";
        break;
      case Status::kBreached:
        detail = "overdue by " + format_wall_duration(c.overdue);
        break;
      case Status::kMet:
        detail = "answered after " + format_duration(*c.response_business, r->day()) +
                 " of business time";
        break;
      case Status::kMissed:
        detail = "answered " + format_wall_duration(c.overdue) + " late";
        break;
      case Status::kNotCovered:
        break;
    }
    line =
        fmt::format("{:<12} {:<12} {:<9} {:<10} {:<26} {}", record.id, status_name(c.status),
                    r->priority_level().id, r->tier().id, format_human(r->deadline, zone), detail);
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  out += line;
  out += '\n';
}

}  // namespace sla
