// The parse edge of a ticket's history: reclassifications and pauses, checked against the
// submission and the moment the ticket is judged at.
#include "error.hpp"
#include "ticket_reader.hpp"

#include <algorithm>
#include <vector>

namespace sla {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Calls `each` with every entry of a ';'-separated list, trimmed; empty entries are skipped.
template <typename Each>
void for_each_entry(std::string_view list, Each&& each) {
  for (std::size_t start = 0; start <= list.size();) {
    const std::size_t end = std::min(list.find(';', start), list.size());
    const std::string_view entry = trim(list.substr(start, end - start));
    start = end + 1;
    if (!entry.empty()) each(entry);
  }
}

// Sorts `entries` by `before`, keeping the order of equals; sorted already, as nearly every
// history is, it is left alone, as stable_sort would take a buffer all the same.
template <typename T, typename Before>
void sort_stably(std::vector<T>& entries, Before before) {
  if (!std::is_sorted(entries.begin(), entries.end(), before)) {
    std::stable_sort(entries.begin(), entries.end(), before);
  }
}

[[noreturn]] void fail(std::string_view field, std::string_view entry, const std::string& why) {
  throw InputError("invalid " + std::string(field) + " " + quote(entry) + ": " + why);
}

}  // namespace

void TicketReader::read_changes(std::string_view text, std::string_view field, const Zone& zone,
                                date::sys_seconds now, Ticket& t) {
  const Zone& shown = engine_.policy_zone(t.version);
  for_each_entry(text, [&](std::string_view entry) {
    const std::size_t equals = entry.find('=');
    const std::string_view when =
        equals == std::string_view::npos ? entry : trim(entry.substr(0, equals));
    const std::string_view word =
        equals == std::string_view::npos ? "" : trim(entry.substr(equals + 1));
    if (when.empty() || word.empty()) {
      throw InputError("invalid " + std::string(field) + " entry " + quote(entry) +
                       "; expected TIME=PRIORITY, entries separated by ';'");
    }
    const ReadTime at = read_when(when, field, zone, now);
    if (!at.offset_given) t.wall_zone = &zone;
    if (at.t < t.submitted) {
      fail(field, entry,
           "before the submission at " + format_time(t.submitted, shown) +
               "; expected a time from the submission to now");
    }
    if (at.t > now) {
      fail(field, entry,
           "after now (" + format_time(now, shown) +
               "); expected a time from the submission to now");
    }
    t.reclassified.push_back({at.t, level(word, t.version, true, field)});
  });
  sort_stably(t.reclassified,
              [](const PriorityChange& a, const PriorityChange& b) { return a.at < b.at; });
  for (std::size_t i = 1; i < t.reclassified.size(); ++i) {
    if (t.reclassified[i].at == t.reclassified[i - 1].at) {
      throw InputError("invalid " + std::string(field) + ": two reclassifications at " +
                       format_time(t.reclassified[i].at, shown) +
                       "; expected one priority per instant");
    }
  }
}

void TicketReader::read_pauses(std::string_view text, std::string_view field, const Zone& zone,
                               date::sys_seconds now, Ticket& t) {
  const Zone& shown = engine_.policy_zone(t.version);
  constexpr std::string_view kExpected =
      "expected FROM/TO, or FROM/ for a pause still running, entries separated by ';'";
  const auto expected = [&] { return std::string(kExpected); };
  for_each_entry(text, [&](std::string_view entry) {
    // A time may hold a slash of its own (--time-format '%d/%m/%Y'): the split is the slash
    // that leaves a time on either side. With one slash, its time errors are the errors.
    const std::size_t slashes =
        static_cast<std::size_t>(std::count(entry.begin(), entry.end(), '/'));
    if (slashes == 0) {
      throw InputError("invalid " + std::string(field) + " entry " + quote(entry) + "; " +
                       expected());
    }
    std::optional<Pause> pause;
    for (std::size_t slash = entry.find('/'); slash != std::string_view::npos && !pause;
         slash = entry.find('/', slash + 1)) {
      const std::string_view from = trim(entry.substr(0, slash));
      const std::string_view to = trim(entry.substr(slash + 1));
      try {
        if (from.empty()) fail(field, entry, "no start; " + expected());
        const ReadTime begin = read_when(from, field, zone, now);
        Pause p{begin.t, std::nullopt};
        bool wall = !begin.offset_given;
        if (!to.empty()) {
          const ReadTime end = read_when(to, field, zone, now);
          p.to = end.t;
          wall = wall || !end.offset_given;
        }
        if (wall) t.wall_zone = &zone;
        pause = p;
      } catch (const InputError&) {
        if (slashes == 1) throw;
      }
    }
    if (!pause) {
      throw InputError("invalid " + std::string(field) + " entry " + quote(entry) +
                       ": no slash leaves a time on either side; " + expected());
    }
    if (pause->from < t.submitted) {
      fail(field, entry,
           "starts before the submission at " + format_time(t.submitted, shown) +
               "; expected a pause from the submission to now");
    }
    if (pause->from > now) {
      fail(field, entry,
           "starts after now (" + format_time(now, shown) +
               "); expected a pause from the submission to now");
    }
    if (pause->to && *pause->to <= pause->from) {
      fail(field, entry, "ends at or before its start; expected FROM before TO");
    }
    t.paused.push_back(*pause);
  });
  sort_stably(t.paused, [](const Pause& a, const Pause& b) { return a.from < b.from; });
  for (std::size_t i = 1; i < t.paused.size(); ++i) {
    const Pause& before = t.paused[i - 1];
    // A running pause runs on: any pause after it overlaps it.
    if (!before.to || *before.to > t.paused[i].from) {
      throw InputError("invalid " + std::string(field) + ": the pause from " +
                       format_time(t.paused[i].from, shown) + " overlaps the one from " +
                       format_time(before.from, shown) + "; expected pauses apart");
    }
  }
}

}  // namespace sla
