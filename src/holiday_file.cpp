// The holiday file format of SPEC section 3: text in, HolidaySet out, or one error line.
//
// Parsing decisions: words (ordinals, weekdays, months, "of", option keywords) are matched
// case-insensitively, and weekdays and months may be written in full ("Monday", "January").
// Columns in errors count bytes from 1. A UTF-8 byte order mark at the start is skipped.
// Control characters other than tab are an error anywhere on a line, comments included (a file
// holding them is not a holiday file); a name must be valid UTF-8.
#include "holidays.hpp"

#include "error.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>

namespace sla {
namespace {

constexpr std::string_view kRuleForms =
    "MM-DD, YYYY-MM-DD or Nth DAY of MONTH, as in 3rd Mon of Jan";
constexpr std::string_view kOptions = "observed, from YYYY, until YYYY or closed HH:MM-HH:MM";
constexpr std::array<std::string_view, 6> kOrdinals = {"1st", "2nd", "3rd", "4th", "5th", "last"};
constexpr std::array<std::string_view, 7> kWeekdays = {"sunday",   "monday", "tuesday", "wednesday",
                                                       "thursday", "friday", "saturday"};
constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

// The place of a parse error: the file, the line number, and the line that columns count in.
struct Where {
  std::string_view source;
  std::size_t line;
  std::string_view text;

  // Throws the error for `token`, a view into `text` (possibly empty) that starts at the problem.
  [[noreturn]] void fail(std::string_view token, std::string_view what,
                         std::string_view expected) const {
    std::string message;
    for (char c : source) message += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
    auto column = static_cast<std::size_t>(token.data() - text.data()) + 1;
    message += ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
    message.append(what).append(", got ").append(quote(token)).append("; expected ");
    throw InputError(message.append(expected));
  }
};

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

// Returns `s` without leading and trailing blanks; if all blank, an empty view at its start.
std::string_view trim(std::string_view s) {
  std::size_t begin = 0, end = s.size();
  while (begin < end && is_blank(s[begin])) ++begin;
  while (end > begin && is_blank(s[end - 1])) --end;
  return begin == end ? s.substr(0, 0) : s.substr(begin, end - begin);
}

// Returns the next blank-separated word of `s` at or after `pos` and moves `pos` past it; an
// empty view at the end of `s` if there is none.
std::string_view next_word(std::string_view s, std::size_t& pos) {
  while (pos < s.size() && is_blank(s[pos])) ++pos;
  std::size_t begin = pos;
  while (pos < s.size() && !is_blank(s[pos])) ++pos;
  return s.substr(begin, pos - begin);
}

bool iequals(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [&](char x, char y) { return lower(x) == lower(y); });
}

// Returns the index of `word` in `names`, written in full or as its first three letters.
template <std::size_t N>
std::optional<unsigned> find_name(std::string_view word,
                                  const std::array<std::string_view, N>& names) {
  for (unsigned i = 0; i < N; ++i) {
    if (iequals(word, names[i]) || iequals(word, names[i].substr(0, 3))) return i;
  }
  return std::nullopt;
}

// Returns the number that `s` spells in decimal digits, or nullopt if it is empty, has a
// non-digit, or has more than four digits.
std::optional<int> parse_number(std::string_view s) {
  if (s.empty() || s.size() > 4) return std::nullopt;
  int value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// Returns the position of the first byte of `s` that does not continue valid UTF-8, or npos.
std::size_t invalid_utf8_at(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto byte = static_cast<unsigned char>(s[i]);
    std::size_t length = byte < 0x80   ? 1
                         : byte < 0xc2 ? 0
                         : byte < 0xe0 ? 2
                         : byte < 0xf0 ? 3
                         : byte < 0xf5 ? 4
                                       : 0;
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    unsigned char low = byte == 0xe0 ? 0xa0 : byte == 0xf0 ? 0x90 : 0x80;
    unsigned char high = byte == 0xed ? 0x9f : byte == 0xf4 ? 0x8f : 0xbf;
    if (length == 0 || i + length > s.size()) return i;
    for (std::size_t k = 1; k < length; ++k) {
      auto next = static_cast<unsigned char>(s[i + k]);
      if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

void parse_date(const Where& at, std::string_view token, HolidayRule& rule) {
  bool once = token.size() == 10;
  auto digits = [&](std::size_t pos, std::size_t n) {
    return token.size() >= pos + n && parse_number(token.substr(pos, n)).has_value();
  };
  std::size_t md = once ? 5 : 0;  // where MM-DD starts
  bool shape = (token.size() == 5 || (once && digits(0, 4) && token[4] == '-')) && digits(md, 2) &&
               token[md + 2] == '-' && digits(md + 3, 2);
  if (!shape) at.fail(token, "malformed rule", kRuleForms);
  rule.kind = once ? HolidayRule::Kind::kOnce : HolidayRule::Kind::kFixed;
  rule.year = once ? *parse_number(token.substr(0, 4)) : 0;
  rule.month = static_cast<unsigned>(*parse_number(token.substr(md, 2)));
  rule.day = static_cast<unsigned>(*parse_number(token.substr(md + 3, 2)));
  if (once && rule.year == 0) at.fail(token, "year out of range", "a year 0001..9999");
  if (rule.month < 1 || rule.month > 12) at.fail(token, "no such month", "a month 01..12");
  // A fixed date must exist in some year, so 2000 (a leap year) stands in for "every year".
  date::year_month_day ymd{date::year{once ? rule.year : 2000}, date::month{rule.month},
                           date::day{rule.day}};
  if (!ymd.ok() && once) at.fail(token, "no such date", "a date that exists in the calendar");
  if (!ymd.ok())
    at.fail(token, "no such day in the month", "a day of the month (02-29 is allowed)");
}

void parse_rule(const Where& at, std::string_view field, HolidayRule& rule) {
  std::size_t pos = 0;
  std::string_view first = next_word(field, pos);
  std::string_view second = next_word(field, pos);
  if (first.empty()) at.fail(field, "missing rule", kRuleForms);
  if (second.empty()) return parse_date(at, first, rule);
  auto nth = find_name(first, kOrdinals);
  if (!nth && first.find('-') != std::string_view::npos) {
    at.fail(second, "unexpected text after the date", "'|' and the options");
  }
  if (!nth) at.fail(first, "bad ordinal", "1st, 2nd, 3rd, 4th, 5th or last");
  auto weekday = find_name(second, kWeekdays);
  if (!weekday) at.fail(second, "unknown weekday", "Mon, Tue, Wed, Thu, Fri, Sat or Sun");
  std::string_view of = next_word(field, pos);
  std::string_view month_word = next_word(field, pos);
  std::string_view extra = next_word(field, pos);
  if (of.empty()) at.fail(field, "incomplete rule", "Nth DAY of MONTH");
  if (!iequals(of, "of")) at.fail(of, "unexpected word", "\"of\" after the weekday");
  if (month_word.empty()) at.fail(field, "incomplete rule", "Nth DAY of MONTH");
  auto month = find_name(month_word, kMonths);
  if (!month) at.fail(month_word, "unknown month", "Jan, Feb, Mar, ... or Dec");
  if (!extra.empty()) {
    // "+N" / "-N": N days after or before, e.g. "4th Thu of Nov +1" (the day after Thanksgiving).
    auto days = extra.size() > 1 ? parse_number(extra.substr(1)) : std::nullopt;
    if ((extra[0] != '+' && extra[0] != '-') || !days || *days < 1 || *days > 31) {
      at.fail(extra, "unexpected text after the rule", "'|', or a day offset +1..+31 or -1..-31");
    }
    rule.offset = extra[0] == '-' ? -*days : *days;
    std::string_view more = next_word(field, pos);
    if (!more.empty()) at.fail(more, "unexpected text after the rule", "'|' and the options");
  }
  rule.kind = HolidayRule::Kind::kNthWeekday;
  rule.nth = *nth == 5 ? -1 : static_cast<int>(*nth) + 1;
  rule.weekday = *weekday;
  rule.month = *month + 1;
}

// Parses one comma-separated option; `seen` holds which of observed, from, until, closed came
// before.
void parse_option(const Where& at, std::string_view item, HolidayRule& rule,
                  std::array<bool, 4>& seen) {
  std::size_t pos = 0;
  std::string_view key = next_word(item, pos);
  std::string_view value = next_word(item, pos);
  std::string_view extra = next_word(item, pos);
  constexpr std::array<std::string_view, 4> kKeys = {"observed", "from", "until", "closed"};
  std::size_t which = 0;
  while (which < kKeys.size() && !iequals(key, kKeys[which])) ++which;
  if (item.empty()) at.fail(item, "empty option", kOptions);
  if (which == kKeys.size()) at.fail(item, "unknown option", kOptions);
  if (seen[which]) at.fail(item, "duplicate option", "each option at most once");
  seen[which] = true;
  if (which == 0) {
    if (!value.empty()) at.fail(value, "unexpected text after observed", "',' between options");
    rule.observed = true;
    return;
  }
  if (which == 3) {
    if (value.empty())
      at.fail(item, "missing hours", "closed HH:MM-HH:MM, as in closed 13:00-24:00");
    if (!extra.empty()) at.fail(extra, "unexpected text after the hours", "',' between options");
    std::string why;
    auto interval = parse_interval(value, why);
    if (!interval)
      at.fail(value, "bad closed hours (" + why + ")", "HH:MM-HH:MM, as in 13:00-24:00");
    rule.closed = interval;
    return;
  }
  if (value.empty()) at.fail(item, "missing year", "from YYYY or until YYYY");
  if (!extra.empty()) at.fail(extra, "unexpected text after the year", "',' between options");
  auto year = parse_number(value);
  if (!year || *year == 0) at.fail(value, "bad year", "a year 1..9999");
  (which == 1 ? rule.from_year : rule.until_year) = *year;
}

void parse_options(const Where& at, std::string_view field, HolidayRule& rule) {
  if (trim(field).empty()) return;
  std::array<bool, 4> seen{};
  std::string_view until;
  for (std::size_t start = 0;;) {
    auto comma = std::min(field.find(',', start), field.size());
    auto item = trim(field.substr(start, comma - start));
    parse_option(at, item, rule, seen);
    if (iequals(item.substr(0, 5), "until")) until = item;
    if (comma == field.size()) break;
    start = comma + 1;
  }
  if (rule.until_year < rule.from_year) {
    at.fail(until, "until before from",
            "a year no earlier than the from year " + std::to_string(rule.from_year));
  }
}

HolidayRule parse_line(const Where& at, std::string_view content) {
  auto bar1 = content.find('|');
  auto bar2 = bar1 == std::string_view::npos ? bar1 : content.find('|', bar1 + 1);
  if (bar2 == std::string_view::npos)
    at.fail(trim(content), "missing fields", "RULE | OPTIONS | NAME");
  auto bar3 = content.find('|', bar2 + 1);
  if (bar3 != std::string_view::npos) {
    at.fail(trim(content.substr(bar3)), "too many fields",
            "RULE | OPTIONS | NAME (a name cannot contain '|')");
  }
  HolidayRule rule;
  parse_rule(at, trim(content.substr(0, bar1)), rule);
  parse_options(at, content.substr(bar1 + 1, bar2 - bar1 - 1), rule);
  auto name = trim(content.substr(bar2 + 1));
  if (name.empty()) at.fail(name, "empty name", "a holiday name after the second '|'");
  auto bad = invalid_utf8_at(name);
  if (bad != std::string_view::npos)
    at.fail(name.substr(bad), "invalid UTF-8 in the name", "UTF-8 text");
  rule.name = std::string(name);
  return rule;
}

void check_characters(const Where& at, std::string_view line) {
  auto bad = std::find_if(line.begin(), line.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\t') || byte == 0x7f;
  });
  if (bad != line.end()) {
    auto pos = static_cast<std::size_t>(bad - line.begin());
    at.fail(line.substr(pos, 1), "control character", "text (is this a holiday file?)");
  }
}

}  // namespace

HolidaySet HolidaySet::parse(std::string_view text, std::string_view source) {
  HolidaySet set;
  if (text.substr(0, 3) == "\xef\xbb\xbf") text.remove_prefix(3);
  std::size_t number = 0;
  for (std::size_t start = 0; start < text.size();) {
    auto end = std::min(text.find('\n', start), text.size());
    auto line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    Where at{source, ++number, line};
    check_characters(at, line);
    auto content = line.substr(0, line.find('#'));
    if (!trim(content).empty()) set.rules_.push_back(parse_line(at, content));
  }
  remove_duplicates(set.rules_);
  return set;
}

HolidaySet HolidaySet::of_rules(std::vector<HolidayRule> rules) {
  HolidaySet set;
  set.rules_ = std::move(rules);
  return set;
}

}  // namespace sla
