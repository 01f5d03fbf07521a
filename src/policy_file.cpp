// Policy files: TOML read with toml++ (header-only, in this one file), checked key by key.
#define TOML_HEADER_ONLY 1
#define TOML_ENABLE_FORMATTERS 0
#include "policy_file.hpp"

#include "error.hpp"
#include "range.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <map>
#include <utility>

namespace sla {
namespace {

using Seconds = std::chrono::seconds;

constexpr std::string_view kRootKeys =
    "name, effective, time_zone, default_priority, default_tier, default_calendar, "
    "reclassification, reseller_covered, calendars, priorities, tiers, response";
constexpr std::string_view kPriorityKeys = "id, name, aliases, definition, follow_up";
constexpr std::string_view kTierKeys = "id, name, aliases";
constexpr std::string_view kCalendarKeys =
    "time_zone, holidays, day, hours, mon, tue, wed, thu, fri, sat, sun";
constexpr std::string_view kCellKeys = "target, calendar";
constexpr std::size_t kMaxWord = 64;

SourcePlace place_of(const toml::source_region& region) {
  return {region.begin.line, region.begin.column};
}

bool before(const toml::source_region& a, const toml::source_region& b) {
  return std::make_pair(a.begin.line, a.begin.column) <
         std::make_pair(b.begin.line, b.begin.column);
}

// Returns what kind of TOML value `node` is, for messages.
std::string kind_of(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "the string " + quote(node.as_string()->get());
    case toml::node_type::integer:
      return "the integer " + std::to_string(node.as_integer()->get());
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return node.as_boolean()->get() ? "true" : "false";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      return "a value";
  }
}

bool is_word(std::string_view s) {
  if (s.empty() || s.size() > kMaxWord) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
  });
}

bool has_control(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    auto b = static_cast<unsigned char>(c);
    return b < 0x20 || b == 0x7f;
  });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The checks of one file: each failure throws InputError "SOURCE:LINE:COLUMN: ...".
class Reader {
 public:
  explicit Reader(std::string_view source) : source_(source) {}

  [[noreturn]] void fail(SourcePlace at, const std::string& what) const {
    throw InputError(policy_place(source_, at) + what);
  }
  [[noreturn]] void fail(const toml::node& at, const std::string& what) const {
    fail(place_of(at.source()), what);
  }

  // Throws for the first key of `table` (in file order) not in `allowed`, a comma list,
  // naming `where`.
  void only_keys(const toml::table& table, std::string_view allowed, std::string_view where) {
    const toml::key* first = nullptr;
    for (auto&& [key, node] : table) {
      std::string_view k = key.str();
      bool known = false;
      for (std::size_t start = 0; start <= allowed.size() && !known;) {
        std::size_t comma = std::min(allowed.find(", ", start), allowed.size());
        known = allowed.substr(start, comma - start) == k;
        start = comma + 2;
      }
      if (!known && (first == nullptr || before(key.source(), first->source()))) first = &key;
    }
    if (first != nullptr) {
      fail(place_of(first->source()), "unknown key " + quote(first->str()) + " in " +
                                          std::string(where) +
                                          "; expected one of: " + std::string(allowed));
    }
  }

  // Returns the string at `key`; throws if it is missing (when `required`) or not a string.
  std::optional<std::string> string(const toml::table& table, std::string_view key,
                                    std::string_view where, bool required, SourcePlace missing,
                                    SourcePlace* at = nullptr) {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
      if (required) {
        fail(missing, "missing key " + std::string(key) + " in " + std::string(where) +
                          "; expected " + std::string(key) + " = \"...\"");
      }
      return std::nullopt;
    }
    if (!node->is_string()) {
      fail(*node, "invalid " + std::string(key) + " " + kind_of(*node) + " in " +
                      std::string(where) + "; expected a string");
    }
    if (at != nullptr) *at = place_of(node->source());
    const std::string& value = node->as_string()->get();
    if (has_control(value)) {
      fail(*node, "invalid " + std::string(key) + " " + quote(value) +
                      ": contains a control character; expected text on one line");
    }
    return value;
  }

  // Returns the array of strings at `key` (absent: empty), each element's place in `places`.
  std::vector<std::string> strings(const toml::table& table, std::string_view key,
                                   std::string_view where, std::vector<SourcePlace>* places) {
    std::vector<std::string> out;
    const toml::node* node = table.get(key);
    if (node == nullptr) return out;
    const toml::array* array = node->as_array();
    if (array == nullptr) {
      fail(*node, "invalid " + std::string(key) + " " + kind_of(*node) + " in " +
                      std::string(where) + "; expected an array of strings");
    }
    for (const toml::node& element : *array) {
      if (!element.is_string()) {
        fail(element, "invalid " + std::string(key) + " entry " + kind_of(element) + " in " +
                          std::string(where) + "; expected a string");
      }
      const std::string& value = element.as_string()->get();
      if (has_control(value)) {
        fail(element, "invalid " + std::string(key) + " entry " + quote(value) +
                          ": contains a control character; expected text on one line");
      }
      out.push_back(value);
      if (places != nullptr) places->push_back(place_of(element.source()));
    }
    return out;
  }

  std::string_view source() const { return source_; }

 private:
  std::string_view source_;
};

const SourcePlace kTop{1, 1};

// The words that name priorities (or tiers): ids and aliases, each at most once.
class Names {
 public:
  Names(const Reader& reader, std::string_view what) : reader_(reader), what_(what) {}

  void add(std::string_view word, std::size_t entry, SourcePlace at, std::string_view key) {
    std::string folded = lower(word);
    auto [it, added] = seen_.emplace(folded, entry);
    if (!added) {
      reader_.fail(at, "duplicate " + std::string(what_) + " " + std::string(key) + " " +
                           quote(word) + ": already names " + std::string(what_) + " " +
                           std::to_string(it->second + 1) +
                           "; expected each id and alias once (compared ignoring case)");
    }
  }

 private:
  const Reader& reader_;
  std::string_view what_;
  std::map<std::string, std::size_t> seen_;
};

// Reads `id` and `aliases` of one [[priorities]] or [[tiers]] entry.
template <typename T>
void read_words(Reader& r, const toml::table& table, T& entry, std::size_t index, Names& names,
                std::string_view where) {
  SourcePlace at;
  std::string id = *r.string(table, "id", where, true, place_of(table.source()), &at);
  if (!is_word(id)) {
    r.fail(at, "invalid id " + quote(id) + " in " + std::string(where) +
                   "; expected a word of letters, digits, '_', '-' or '.' (at most 64)");
  }
  names.add(id, index, at, "id");
  entry.id = id;
  std::vector<SourcePlace> places;
  std::vector<std::string> aliases = r.strings(table, "aliases", where, &places);
  for (std::size_t i = 0; i < aliases.size(); ++i) {
    std::string_view alias = trim(aliases[i]);
    if (alias.empty()) {
      r.fail(places[i], "invalid alias " + quote(aliases[i]) + " in " + std::string(where) +
                            "; expected a word or name that is not blank");
    }
    names.add(alias, index, places[i], "alias");
    entry.aliases.emplace_back(alias);
  }
  entry.name = r.string(table, "name", where, false, {}).value_or("");
}

// Returns the array of tables at `key` (required, at least one).
const toml::array& table_array(Reader& r, const toml::table& root, std::string_view key,
                               std::string_view example) {
  const toml::node* node = root.get(key);
  if (node == nullptr) {
    r.fail(kTop, "missing " + std::string(key) + "; expected at least one [[" + std::string(key) +
                     "]] table, as in " + std::string(example));
  }
  const toml::array* array = node->as_array();
  if (array == nullptr || array->empty() || !array->is_array_of_tables()) {
    r.fail(*node, "invalid " + std::string(key) + " " + kind_of(*node) + "; expected [[" +
                      std::string(key) + "]] tables, as in " + std::string(example));
  }
  return *array;
}

void read_priorities(Reader& r, const toml::table& root, Policy& p) {
  const toml::array& array = table_array(r, root, "priorities", "[[priorities]] id = \"P1\"");
  Names names(r, "priority");
  for (std::size_t i = 0; i < array.size(); ++i) {
    const toml::table& table = *array[i].as_table();
    std::string where = "[[priorities]] entry " + std::to_string(i + 1);
    r.only_keys(table, kPriorityKeys, where);
    PriorityLevel level;
    read_words(r, table, level, i, names, where);
    level.definition = r.string(table, "definition", where, false, {}).value_or("");
    level.follow_up = r.string(table, "follow_up", where, false, {}).value_or("");
    p.priorities.push_back(std::move(level));
  }
}

void read_tiers(Reader& r, const toml::table& root, Policy& p) {
  const toml::array& array = table_array(r, root, "tiers", "[[tiers]] id = \"standard\"");
  Names names(r, "tier");
  for (std::size_t i = 0; i < array.size(); ++i) {
    const toml::table& table = *array[i].as_table();
    std::string where = "[[tiers]] entry " + std::to_string(i + 1);
    r.only_keys(table, kTierKeys, where);
    Tier tier;
    read_words(r, table, tier, i, names, where);
    p.tiers.push_back(std::move(tier));
  }
}

bool valid_zone_name(std::string_view name) {
  if (name.empty() || name.size() > 255 || name.front() == '/' ||
      name.find("..") != std::string_view::npos) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '_' || c == '-' || c == '+';
  });
}

std::string zone_text(Reader& r, const toml::table& table, std::string_view where, bool required,
                      SourcePlace& at) {
  auto zone = r.string(table, "time_zone", where, required, kTop, &at);
  if (!zone) return {};
  if (!valid_zone_name(*zone)) {
    r.fail(at, "invalid time_zone " + quote(*zone) + " in " + std::string(where) +
                   "; expected an IANA name like America/New_York, or UTC");
  }
  return *zone;
}

// Reads the intervals of one weekday key, sorted, and checks that none overlap.
std::vector<OpenInterval> read_day(Reader& r, const toml::table& table, std::string_view key,
                                   std::string_view where) {
  std::vector<SourcePlace> places;
  std::vector<std::string> texts = r.strings(table, key, where, &places);
  std::vector<std::pair<OpenInterval, std::size_t>> intervals;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    std::string why;
    auto interval = parse_interval(texts[i], why);
    if (!interval) {
      r.fail(places[i], "invalid " + std::string(key) + " interval " + quote(texts[i]) + " in " +
                            std::string(where) + ": " + why +
                            "; expected HH:MM-HH:MM (or HH:MM:SS), the end after the start, "
                            "24:00 allowed as an end");
    }
    intervals.emplace_back(*interval, i);
  }
  std::sort(intervals.begin(), intervals.end(),
            [](const auto& a, const auto& b) { return a.first.open < b.first.open; });
  std::vector<OpenInterval> out;
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    if (i > 0 && intervals[i].first.open < intervals[i - 1].first.close) {
      std::size_t at = std::max(intervals[i].second, intervals[i - 1].second);
      r.fail(places[at], "invalid " + std::string(key) + " interval " + quote(texts[at]) + " in " +
                             std::string(where) + ": overlaps " +
                             quote(texts[std::min(intervals[i].second, intervals[i - 1].second)]) +
                             "; expected intervals of a day that do not overlap");
    }
    out.push_back(intervals[i].first);
  }
  return out;
}

Calendar read_calendar(Reader& r, const std::string& name, const toml::node& node,
                       const Policy& p) {
  std::string where = "[calendars." + name + "]";
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    r.fail(node, "invalid calendar " + quote(name) + ": " + kind_of(node) +
                     "; expected a table such as [calendars." + name +
                     "] with mon = [\"09:00-18:00\"]");
  }
  r.only_keys(*table, kCalendarKeys, where);
  Calendar c;
  c.name = name;
  c.time_zone = zone_text(r, *table, where, false, c.time_zone_place);
  if (c.time_zone.empty()) {
    c.time_zone = p.time_zone;
    c.time_zone_place = p.time_zone_place;
  }
  std::vector<SourcePlace> places;
  std::vector<std::string> holidays = r.strings(*table, "holidays", where, &places);
  for (std::size_t i = 0; i < holidays.size(); ++i) {
    if (holidays[i].empty()) {
      r.fail(places[i], "invalid holidays entry \"\" in " + where +
                            "; expected a built-in set name or a path to a holiday file");
    }
    c.holidays.push_back({holidays[i], places[i]});
  }
  SourcePlace hours_at;
  auto hours = r.string(*table, "hours", where, false, {}, &hours_at);
  bool any_day = false;
  for (std::size_t d = 0; d < 7; ++d) any_day = any_day || table->contains(kWeekdayKeys[d]);
  if (hours) {
    if (*hours != "24x7") {
      r.fail(hours_at, "invalid hours " + quote(*hours) + " in " + where +
                           "; expected \"24x7\", or weekday keys mon..sun with intervals");
    }
    if (any_day) {
      r.fail(hours_at, "invalid hours \"24x7\" in " + where +
                           ": the calendar also lists weekdays; expected one or the other");
    }
    c.always = true;
    c.week = WeeklySchedule::always();
  } else {
    for (std::size_t d = 0; d < 7; ++d) {
      c.week.by_weekday[d] = read_day(r, *table, kWeekdayKeys[d], where);
    }
  }
  if (c.week.open_per_week() <= Seconds{0}) {
    r.fail(node, "invalid calendar " + quote(name) +
                     ": open zero seconds a week; expected hours = \"24x7\" or at least one "
                     "weekday with an interval, as in mon = [\"09:00-18:00\"]");
  }
  SourcePlace day_at;
  if (auto day = r.string(*table, "day", where, false, {}, &day_at)) {
    std::string why;
    auto d = parse_duration(*day, why);
    if (d && d->days() != 0) why = "a day cannot be given in days";
    if (d && d->days() == 0 && d->zero()) why = "a day of zero";
    if (d && d->rest() > std::chrono::hours{24}) why = "longer than 24h";
    if (!why.empty()) {
      r.fail(day_at, "invalid day " + quote(*day) + " in " + where + ": " + why +
                         "; expected the length of \"1d\" in hours and minutes, as in \"9h\" or "
                         "\"7h 30m\", up to 24h");
    }
    c.day = d->rest();
    c.day_given = true;
  } else if (c.always) {
    c.day = std::chrono::hours{24};
  } else {
    Seconds length{0};
    for (const auto& hours_of_day : c.week.by_weekday) {
      Seconds open{0};
      for (const auto& i : hours_of_day) open += i.close - i.open;
      if (open == Seconds{0}) continue;
      if (length != Seconds{0} && open != length) {
        r.fail(node, "missing day in " + where +
                         ": its weekdays are open for different lengths; expected day = \"...\" "
                         "saying what \"1d\" means, as in day = \"8h\"");
      }
      length = open;
    }
    c.day = length;
  }
  return c;
}

void read_calendars(Reader& r, const toml::table& root, Policy& p) {
  const toml::node* node = root.get("calendars");
  if (node == nullptr) {
    r.fail(kTop,
           "missing calendars; expected at least one calendar, as in "
           "[calendars.business] mon = [\"09:00-18:00\"]");
  }
  const toml::table* table = node->as_table();
  if (table == nullptr || table->empty()) {
    r.fail(*node, "invalid calendars " + kind_of(*node) +
                      "; expected at least one [calendars.NAME] table");
  }
  // In file order: toml++ keeps a table's keys sorted.
  std::vector<std::pair<const toml::key*, const toml::node*>> entries;
  for (auto&& [key, value] : *table) entries.emplace_back(&key, &value);
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return before(a.first->source(), b.first->source());
  });
  for (const auto& [key_ptr, value_ptr] : entries) {
    const toml::key& key = *key_ptr;
    const toml::node& value = *value_ptr;
    std::string name(key.str());
    if (!is_word(name)) {
      r.fail(place_of(key.source()), "invalid calendar name " + quote(name) +
                                         "; expected a word of letters, digits, '_', '-' or '.'");
    }
    if (p.find_calendar(name)) {
      r.fail(place_of(key.source()), "duplicate calendar name " + quote(name) +
                                         "; expected each calendar once (compared ignoring case)");
    }
    p.calendars.push_back(read_calendar(r, name, value, p));
  }
}

// Returns the index `text` names in a list, by `find`; throws naming `key` otherwise.
template <typename Find>
std::size_t named(Reader& r, const toml::table& root, std::string_view key, Find find,
                  const std::string& accepted) {
  SourcePlace at;
  std::string text = *r.string(root, key, "the policy", true, kTop, &at);
  auto index = find(text);
  if (!index) {
    r.fail(at, "invalid " + std::string(key) + " " + quote(text) +
                   ": not in the policy; expected " + accepted);
  }
  return *index;
}

Duration read_target(Reader& r, const toml::node& node, const std::string& where) {
  const std::string& text = node.as_string()->get();
  std::string why;
  auto d = parse_duration(text, why);
  if (d && d->zero()) why = "a target of zero";
  if (!why.empty()) {
    r.fail(node, "invalid target " + quote(text) + " for " + where + ": " + why +
                     "; expected a positive duration such as \"2h\", \"1d\" or \"1d 4h\" "
                     "(d is the calendar's day)");
  }
  return *d;
}

ResponseCell read_cell(Reader& r, const toml::node& node, const std::string& where,
                       const Policy& p) {
  ResponseCell cell;
  if (node.is_string()) {
    cell.target = read_target(r, node, where);
    return cell;
  }
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    r.fail(node, "invalid response " + where + " " + kind_of(node) +
                     "; expected a target such as \"2h\", or { target = \"2h\", calendar = "
                     "\"NAME\" }");
  }
  r.only_keys(*table, kCellKeys, "the response " + where);
  const toml::node* target = table->get("target");
  if (target == nullptr || !target->is_string()) {
    r.fail(target == nullptr ? node : *target,
           "invalid response " + where + ": " +
               (target == nullptr ? std::string("no target") : kind_of(*target)) +
               "; expected target = \"2h\" (a duration string)");
  }
  cell.target = read_target(r, *target, where);
  SourcePlace at;
  if (auto calendar = r.string(*table, "calendar", "the response " + where, false, {}, &at)) {
    cell.calendar = p.find_calendar(*calendar);
    if (!cell.calendar) {
      r.fail(at, "invalid calendar " + quote(*calendar) + " for " + where +
                     ": no such calendar; expected " + p.calendar_words());
    }
  }
  return cell;
}

void read_response(Reader& r, const toml::table& root, Policy& p) {
  const toml::node* node = root.get("response");
  if (node == nullptr || !node->is_table()) {
    r.fail(node == nullptr ? kTop : place_of(node->source()),
           "missing [response] table; expected one line per priority, as in P1 = { " +
               p.tiers.front().id + " = \"2h\" }");
  }
  const toml::table& table = *node->as_table();
  std::vector<const toml::node*> cells(p.priorities.size() * p.tiers.size(), nullptr);
  std::vector<SourcePlace> rows(p.priorities.size(), place_of(table.source()));
  std::vector<bool> row_seen(p.priorities.size(), false);
  for (auto&& [key, value] : table) {
    std::optional<std::size_t> priority;
    for (std::size_t i = 0; i < p.priorities.size() && !priority; ++i) {
      if (equals_ignoring_case(p.priorities[i].id, key.str())) priority = i;
    }
    if (!priority) {
      r.fail(place_of(key.source()),
             "unknown priority " + quote(key.str()) +
                 " in [response]; expected a priority id: " + p.priority_words());
    }
    if (row_seen[*priority]) {
      r.fail(place_of(key.source()), "duplicate priority " + quote(key.str()) +
                                         " in [response]; expected each priority once");
    }
    row_seen[*priority] = true;
    rows[*priority] = place_of(key.source());
    const toml::table* row = value.as_table();
    if (row == nullptr) {
      r.fail(value, "invalid response " + std::string(key.str()) + " " + kind_of(value) +
                        "; expected a table of tiers, as in " + std::string(key.str()) + " = { " +
                        p.tiers.front().id + " = \"2h\" }");
    }
    for (auto&& [tier_key, cell] : *row) {
      std::optional<std::size_t> tier;
      for (std::size_t t = 0; t < p.tiers.size() && !tier; ++t) {
        if (equals_ignoring_case(p.tiers[t].id, tier_key.str())) tier = t;
      }
      if (!tier) {
        r.fail(place_of(tier_key.source()), "unknown tier " + quote(tier_key.str()) +
                                                " in [response] " + std::string(key.str()) +
                                                "; expected a tier id: " + p.tier_words());
      }
      cells[*priority * p.tiers.size() + *tier] = &cell;
    }
  }
  for (std::size_t i = 0; i < p.priorities.size(); ++i) {
    for (std::size_t t = 0; t < p.tiers.size(); ++t) {
      const std::string where = p.priorities[i].id + "." + p.tiers[t].id;
      const toml::node* cell = cells[i * p.tiers.size() + t];
      if (cell == nullptr) {
        r.fail(rows[i], "missing [response] cell " + where +
                            "; expected a target for every "
                            "priority and tier, as in " +
                            p.priorities[i].id + " = { " + p.tiers[t].id + " = \"1d\" }");
      }
      p.cells.push_back(read_cell(r, *cell, where, p));
    }
  }
}

std::optional<date::local_days> read_effective(Reader& r, const toml::table& root) {
  const toml::node* node = root.get("effective");
  if (node == nullptr) return std::nullopt;
  const std::string expected =
      "; expected a date from 1900-01-01 to 9999-12-31, as in "
      "effective = \"2026-01-01\"";
  date::year_month_day ymd{};
  if (const auto* d = node->as_date()) {
    ymd = date::year{d->get().year} / date::month{d->get().month} / date::day{d->get().day};
  } else if (const auto* s = node->as_string()) {
    const std::string& text = s->get();
    auto digits = [&](std::size_t from, std::size_t n) {
      return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(from),
                         text.begin() + static_cast<std::ptrdiff_t>(from + n),
                         [](char c) { return c >= '0' && c <= '9'; });
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(0, 4) || !digits(5, 2) ||
        !digits(8, 2)) {
      r.fail(*node, "invalid effective " + quote(text) + ": not YYYY-MM-DD" + expected);
    }
    ymd = date::year{std::stoi(text.substr(0, 4))} /
          date::month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))} /
          date::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))};
  } else {
    r.fail(*node, "invalid effective " + kind_of(*node) + expected);
  }
  if (!ymd.ok() || ymd < kFirstDay || ymd > kLastDay) {
    const std::string shown = node->is_string() ? quote(node->as_string()->get()) : kind_of(*node);
    r.fail(*node, "invalid effective " + shown + ": no such date in the range" + expected);
  }
  return date::local_days{ymd};
}

Policy read_policy(Reader& r, const toml::table& root) {
  r.only_keys(root, kRootKeys, "the policy");
  Policy p;
  SourcePlace at;
  p.name = *r.string(root, "name", "the policy", true, kTop, &at);
  if (trim(p.name).empty()) r.fail(at, "invalid name \"\"; expected the policy's name");
  p.effective = read_effective(r, root);
  p.time_zone = zone_text(r, root, "the policy", true, p.time_zone_place);
  read_priorities(r, root, p);
  read_tiers(r, root, p);
  read_calendars(r, root, p);
  read_response(r, root, p);
  p.default_priority = named(
      r, root, "default_priority", [&](std::string_view t) { return p.find_priority(t); },
      p.priority_words());
  p.default_tier = named(
      r, root, "default_tier", [&](std::string_view t) { return p.find_tier(t); }, p.tier_words());
  if (root.contains("default_calendar") || p.calendars.size() > 1) {
    p.default_calendar = named(
        r, root, "default_calendar", [&](std::string_view t) { return p.find_calendar(t); },
        p.calendar_words());
    p.default_calendar_given = true;
  }
  SourcePlace mode_at;
  if (auto mode = r.string(root, "reclassification", "the policy", false, {}, &mode_at)) {
    if (*mode == "from_submission") {
      p.reclassification = Reclassification::kFromSubmission;
    } else if (*mode == "from_change") {
      p.reclassification = Reclassification::kFromChange;
    } else {
      r.fail(mode_at, "invalid reclassification " + quote(*mode) +
                          "; expected \"from_submission\" or \"from_change\"");
    }
  }
  if (const toml::node* node = root.get("reseller_covered")) {
    if (!node->is_boolean()) {
      r.fail(*node, "invalid reseller_covered " + kind_of(*node) + "; expected true or false");
    }
    p.reseller_covered = node->as_boolean()->get();
  }
  return p;
}

}  // namespace

std::string policy_place(std::string_view source, SourcePlace place) {
  std::string out;
  for (char c : source) out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
  return out + ":" + std::to_string(std::max<std::uint32_t>(place.line, 1)) + ":" +
         std::to_string(std::max<std::uint32_t>(place.column, 1)) + ": ";
}

Policy parse_policy(std::string_view text, std::string_view source) {
  Reader reader(source);
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    std::string what(e.description());
    for (char& c : what) {
      if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    }
    reader.fail(place_of(e.source()),
                "not valid TOML: " + what + "; expected a policy file in TOML 1.0");
  }
  return read_policy(reader, root);
}

}  // namespace sla
