// The parse edge: tickets read from text, with the words and time forms of help desks.
#include "ticket_reader.hpp"

#include "error.hpp"
#include "packed_bytes.hpp"
#include "time_text.hpp"

#include <algorithm>
#include <utility>

namespace sla {
namespace {

constexpr std::size_t kSeenLimit = 16;  // spellings remembered per field

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Returns whether `text` says the ticket was bought through a reseller. Throws InputError.
bool read_reseller(std::string_view text, std::string_view field) {
  const std::string word = lower(text);
  for (std::string_view yes : {"true", "yes", "y", "1"}) {
    if (word == yes) return true;
  }
  for (std::string_view no : {"false", "no", "n", "0", ""}) {
    if (word == no) return false;
  }
  throw InputError("invalid " + std::string(field) + " " + quote(text) +
                   "; expected true or false, yes or no, 1 or 0 (empty: false)");
}

}  // namespace

TicketReader::TicketReader(const Engine& engine, ReadOptions options)
    : engine_(engine), options_(std::move(options)) {
  if (!options_.time_format.empty()) format_.emplace(options_.time_format);
  priority_map_ = parse_map(options_.priority_map, true, "--priority-map");
  tier_map_ = parse_map(options_.tier_map, false, "--tier-map");
}

std::vector<TicketReader::Mapped> TicketReader::parse_map(const std::vector<std::string>& entries,
                                                          bool priorities,
                                                          std::string_view option) const {
  std::vector<Mapped> out;
  for (std::string_view list : entries) {
    for (std::size_t start = 0; start <= list.size();) {
      const std::size_t comma = std::min(list.find(',', start), list.size());
      const std::string_view item = list.substr(start, comma - start);
      start = comma + 1;
      const std::size_t equals = item.rfind('=');
      const std::string_view word = trim(item.substr(0, equals));
      if (equals == std::string_view::npos || word.empty()) {
        throw InputError("invalid " + std::string(option) + " entry " + quote(item) +
                         "; expected WORD=" + (priorities ? "PRIORITY" : "TIER") +
                         " (WORD= or -= for the default), comma-separated");
      }
      const std::string_view target = trim(item.substr(equals + 1));
      Mapped m{lower(word), {}};
      for (std::size_t v = 0; v < engine_.versions(); ++v) {
        const Policy& p = engine_.policy(v);
        if (target.empty()) {
          m.by_version.emplace_back();
          continue;
        }
        auto found = priorities ? p.find_priority(target) : p.find_tier(target);
        if (!found) {
          throw InputError("invalid " + std::string(option) + " entry " + quote(item) + ": " +
                           quote(target) + " is no " + (priorities ? "priority" : "tier") + " of " +
                           quote(engine_.source(v)) + "; expected " +
                           (priorities ? p.priority_words() : p.tier_words()));
        }
        m.by_version.emplace_back(*found);
      }
      auto same =
          std::find_if(out.begin(), out.end(), [&](const Mapped& o) { return o.word == m.word; });
      if (same != out.end()) {
        throw InputError("invalid " + std::string(option) + " entry " + quote(item) + ": " +
                         quote(word) + " is mapped twice; expected each word once");
      }
      out.push_back(std::move(m));
    }
  }
  return out;
}

const Zone& TicketReader::suffix_zone(std::string_view name) {
  auto found = suffix_zones_.find(name);
  if (found != suffix_zones_.end()) return *found->second;
  auto zone = std::make_unique<Zone>(options_.resources->zone(name, "zone suffix"));
  return *suffix_zones_.emplace(std::string(name), std::move(zone)).first->second;
}

ReadTime TicketReader::read_when(std::string_view text, std::string_view field, const Zone& zone,
                                 date::sys_seconds now) {
  if (format_) {
    if (auto parsed = format_->read(text)) {
      if (parsed->offset) {
        const date::sys_seconds t{parsed->local.time_since_epoch() - *parsed->offset};
        if (in_supported_range(t, zone)) return {t, true};
      }
      return {resolve_wall_time(parsed->local, zone, text, field), false};
    }
  }
  // The canonical form first, as read_time reads it, without a context to build.
  if (!format_) {
    if (auto t = read_canonical_time(text); t && in_supported_range(*t, zone)) return {*t, true};
  }
  TimeContext context;
  context.zone = &zone;
  context.now = now;
  context.field = field;
  if (options_.resources != nullptr) {
    context.suffix_zone = [this](std::string_view name) -> const Zone& {
      return suffix_zone(name);
    };
  }
  // (read_time would try the canonical form again.)
  if (!format_) return read_time_in_full(text, context);
  try {
    return read_time(text, context);
  } catch (const InputError& e) {
    throw InputError(std::string(e.what()) + ", or a time in --time-format " +
                     quote(format_->format()));
  }
}

inline TicketReader::Key TicketReader::key_of(std::string_view text) {
  Key key;
  key.size = text.size();
  if (key.size >= 8) {
    key.head = word_at(text.data());
    key.tail = word_at(text.data() + key.size - 8);
  } else {
    key.head = short_word_at(text.data(), key.size);
  }
  return key;
}

// The lookup short, and the reading of a spelling not seen before out of line: a hit is then
// a few instructions, not a call that saves every register the reading needs.
std::size_t TicketReader::level(std::string_view given, std::size_t version, bool priority,
                                std::string_view field) {
  const std::vector<Seen>& seen = priority ? seen_priorities_ : seen_tiers_;
  const Key key = key_of(given);
  for (const Seen& s : seen) {
    if (s.key == key && s.version == version && (key.size <= 16 || s.text == given)) {
      return s.value;
    }
  }
  return learn(given, key, version, priority, field);
}

[[gnu::noinline]] std::size_t TicketReader::learn(std::string_view given, const Key& key,
                                                  std::size_t version, bool priority,
                                                  std::string_view field) {
  const Policy& p = engine_.policy(version);
  std::optional<std::size_t> value;
  bool mapped = false;
  const std::vector<Mapped>& map = priority ? priority_map_ : tier_map_;
  if (!map.empty()) {
    const std::string word = lower(given);
    for (const Mapped& m : map) {
      if (m.word != word) continue;
      value = m.by_version[version].value_or(priority ? p.default_priority : p.default_tier);
      mapped = true;
      break;
    }
  }
  if (!mapped) {
    value = priority ? parse_priority(p, given, field) : parse_tier(p, given, field);
  }
  std::vector<Seen>& seen = priority ? seen_priorities_ : seen_tiers_;
  if (seen.size() < kSeenLimit && given.size() <= 32) {
    seen.push_back({std::string(given), key, version, *value});
  }
  return *value;
}

void TicketReader::read_into(const TicketText& text, date::sys_seconds now, Ticket& t,
                             TicketField* failed) {
  auto field = [&](TicketField f) {
    if (failed != nullptr) *failed = f;
    return options_.names[static_cast<std::size_t>(f)];
  };
  // Everything but what is set below from the fields: the submission, version, priority and
  // tier always are.
  t.calendar.reset();
  t.responded.reset();
  t.reseller = false;
  t.wall_zone = nullptr;
  t.reclassified.clear();
  t.paused.clear();
  // Without --input-tz, times without an offset are read in the zone of the version they fall
  // under, which is known only once the time is: read in the newest version's zone, and again
  // if the version found has another zone.
  const std::string_view submitted_name = field(TicketField::kSubmitted);
  const Zone* zone =
      options_.input_zone != nullptr ? options_.input_zone : &engine_.policy_zone(engine_.newest());
  ReadTime submitted = read_when(text.submitted, submitted_name, *zone, now);
  auto version = engine_.version_at(submitted.t);
  if (options_.input_zone == nullptr && !submitted.offset_given && version &&
      engine_.policy_zone(*version).name() != zone->name()) {
    zone = &engine_.policy_zone(*version);
    submitted = read_when(text.submitted, submitted_name, *zone, now);
    version = engine_.version_at(submitted.t);
  }
  if (!version) {
    const Policy& first = engine_.policy(0);
    throw InputError("invalid " + std::string(submitted_name) + " " + quote(text.submitted) +
                     ": before the first policy in force (" + quote(engine_.source(0)) + " from " +
                     date::format("%F", *first.effective) +
                     "); expected a ticket submitted while a policy was in force");
  }
  if (options_.input_zone == nullptr) zone = &engine_.policy_zone(*version);
  t.submitted = submitted.t;
  t.version = *version;
  if (!submitted.offset_given) t.wall_zone = zone;
  const Policy& p = engine_.policy(t.version);
  t.priority = p.default_priority;
  t.tier = p.default_tier;
  if (text.priority)
    t.priority = level(*text.priority, t.version, true, field(TicketField::kPriority));
  if (text.tier) t.tier = level(*text.tier, t.version, false, field(TicketField::kTier));
  if (text.calendar) t.calendar = parse_calendar(p, *text.calendar, field(TicketField::kCalendar));
  if (text.responded) {
    const std::string_view responded_name = field(TicketField::kResponded);
    const ReadTime responded = read_when(*text.responded, responded_name, *zone, now);
    t.responded = responded.t;
    if (!responded.offset_given) t.wall_zone = zone;
    if (*t.responded < t.submitted) {
      const Zone& shown = engine_.policy_zone(t.version);
      throw InputError("invalid " + std::string(responded_name) + " " +
                       quote(format_time(*t.responded, shown)) + ": before the submission at " +
                       format_time(t.submitted, shown) + "; expected a time at or after it");
    }
  }
  if (text.reseller) t.reseller = read_reseller(*text.reseller, field(TicketField::kReseller));
  if (text.reclassified) {
    read_changes(*text.reclassified, field(TicketField::kReclassified), *zone, now, t);
  }
  if (text.paused) read_pauses(*text.paused, field(TicketField::kPaused), *zone, now, t);
}

}  // namespace sla
