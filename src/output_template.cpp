// Output templates: validation of field names, rendering through fmt's dynamic arguments.
#include "output_template.hpp"

#include "error.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <iterator>

namespace sla {
namespace {

// Collects a record's fields as fmt named arguments; nulls become empty strings.
class ArgSink final : public FieldSink {
 public:
  void text(std::string_view name, std::string_view value) override {
    store_.push_back(fmt::arg(c_name(name), std::string(value)));
  }
  void integer(std::string_view name, std::int64_t value) override {
    store_.push_back(fmt::arg(c_name(name), value));
  }
  void real(std::string_view name, double value) override {
    store_.push_back(fmt::arg(c_name(name), value));
  }
  void null(std::string_view name) override {
    store_.push_back(fmt::arg(c_name(name), std::string()));
  }
  const fmt::dynamic_format_arg_store<fmt::format_context>& store() const { return store_; }

 private:
  // The name as a C string, as fmt::arg takes it: the names a visit hands over are not
  // NUL-terminated (each sits inside its JSON key). The store copies it at once.
  const char* c_name(std::string_view name) {
    name_.assign(name.data(), name.size());
    return name_.c_str();
  }
  fmt::dynamic_format_arg_store<fmt::format_context> store_;
  std::string name_;
};

std::string unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      char next = text[i + 1];
      if (next == 't' || next == 'n' || next == '\\') {
        out += next == 't' ? '\t' : next == 'n' ? '\n' : '\\';
        ++i;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string known_fields(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// Rejects widths and precisions past kMaxWidth, and those taken from fields: '{id:>10000000}'
// would write megabytes a row.
void check_spec(std::string_view original, std::string_view spec) {
  constexpr std::size_t kMaxWidth = 1000;
  if (spec.find('{') != std::string_view::npos) {
    // A width taken from a field ('{deadline:>{overdue_seconds}}') could be millions.
    throw InputError("invalid --format " + quote(original) + ": a width or precision from a " +
                     "field in " + quote(spec) + "; expected a number up to 1000");
  }
  for (std::size_t i = 0; i < spec.size();) {
    if (spec[i] < '0' || spec[i] > '9') {
      ++i;
      continue;
    }
    std::size_t digits = i;
    while (digits < spec.size() && spec[digits] >= '0' && spec[digits] <= '9') ++digits;
    std::string_view number = spec.substr(i, digits - i);
    std::size_t value = 0;
    for (char c : number)
      value = number.size() > 9 ? kMaxWidth + 1 : value * 10 + static_cast<std::size_t>(c - '0');
    if (value > kMaxWidth) {
      throw InputError("invalid --format " + quote(original) + ": width or precision " +
                       quote(number) + " is too large; expected at most 1000");
    }
    i = digits;
  }
}

// Returns the bytes fmt takes for a fill character starting with `lead`: a UTF-8 code point's
// length by its first byte, as fmt decodes it (1 for a byte fmt would reject anyway).
std::size_t fill_length(char lead) {
  auto byte = static_cast<unsigned char>(lead);
  if (byte >= 0xF0 && byte <= 0xF7) return 4;
  if (byte >= 0xE0) return byte <= 0xEF ? 3 : 1;
  if (byte >= 0xC0) return 2;
  return 1;
}

// Checks every {name...} in `text` against the fields of `set`.
void check_names(std::string_view original, std::string_view text,
                 const std::vector<std::string_view>& names) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') continue;
    if (i + 1 < text.size() && text[i + 1] == '{') {
      ++i;
      continue;
    }
    std::size_t end = text.find_first_of(":}", i + 1);
    if (end == std::string_view::npos) break;  // fmt reports the unbalanced brace
    std::string_view name = text.substr(i + 1, end - i - 1);
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      throw InputError("invalid --format " + quote(original) + ": unknown field " + quote(name) +
                       "; known fields: " + known_fields(names));
    }
    if (text[end] == ':') {
      // The fill may be a brace ('{deadline:}<99}'): it stands before an align character.
      std::size_t from = end + 1;
      std::size_t fill = from < text.size() ? fill_length(text[from]) : 1;
      if (from + fill < text.size() &&
          (text[from + fill] == '<' || text[from + fill] == '>' || text[from + fill] == '^')) {
        from += fill + 1;
      }
      std::size_t close = text.find('}', from);
      if (close == std::string_view::npos) break;  // fmt reports the unbalanced brace
      check_spec(original, text.substr(from, close - from));
      end = close;
    }
    i = end;
  }
}

// The most a template may add to its own length for one sample row: about 30 fields at the
// largest width.
constexpr std::size_t kMaxSampleSize = 32 * 1024;

struct TooLong {};

// An output iterator that drops what it is given and throws TooLong past `limit` characters.
struct LimitedCounter {
  using iterator_category = std::output_iterator_tag;
  using value_type = void;
  using difference_type = std::ptrdiff_t;
  using pointer = void;
  using reference = void;
  std::size_t limit;
  std::size_t count = 0;
  LimitedCounter& operator*() { return *this; }
  LimitedCounter& operator=(char) {
    if (++count > limit) throw TooLong{};
    return *this;
  }
  LimitedCounter& operator++() { return *this; }
  LimitedCounter operator++(int) { return *this; }
};

}  // namespace

OutputTemplate OutputTemplate::parse(std::string_view text,
                                     const std::vector<std::string_view>& names,
                                     const FieldVisit& sample) {
  OutputTemplate t;
  t.text_ = unescape(text);
  check_names(text, t.text_, names);
  // A trial fill with a value of every field's type catches specs that fit no value.
  ArgSink sink;
  sample(sink);
  try {
    // Counted, not kept, and stopped early: a width check_spec missed must not cost a
    // gigabyte of padding before it is refused.
    (void)fmt::vformat_to(LimitedCounter{kMaxSampleSize + t.text_.size()}, t.text_, sink.store());
  } catch (const fmt::format_error& e) {
    throw InputError("invalid --format " + quote(text) + ": " + e.what() +
                     "; expected fmt-style fields like '{id}\\t{deadline}'");
  } catch (const TooLong&) {
    // Sample values are short, so only widths and precisions can make a fill this long.
    throw InputError("invalid --format " + quote(text) + ": fills over " +
                     std::to_string(kMaxSampleSize) +
                     " bytes a row; expected widths and precisions up to 1000");
  }
  return t;
}

OutputTemplate OutputTemplate::parse(std::string_view text, FieldSet set) {
  Policy policy;
  policy.name = "policy";
  policy.effective = date::local_days{};
  policy.priorities.push_back({"P1", "Urgent", {}, "", "follow-up"});
  policy.tiers.push_back({"standard", "Standard", {}});
  policy.calendars.emplace_back();
  policy.calendars.back().name = "business";
  policy.cells.push_back({});
  Result sample;
  sample.policy = &policy;
  sample.ticket.responded = date::sys_seconds{};
  sample.check = CheckState{};
  sample.check->response_business = std::chrono::seconds{0};
  Record record;
  record.set = set;
  record.result = &sample;
  return parse(text, field_names(set),
               [&record](FieldSink& sink) { visit_fields(record, Zone::utc(), sink); });
}

void OutputTemplate::append(std::string& out, const FieldVisit& visit) const {
  ArgSink sink;
  visit(sink);
  try {
    fmt::vformat_to(std::back_inserter(out), text_, sink.store());
  } catch (const fmt::format_error& e) {
    throw InputError("cannot fill --format template: " + std::string(e.what()));
  }
  out += '\n';
}

void OutputTemplate::append(std::string& out, const Record& record, const Zone& display) const {
  append(out, [&](FieldSink& sink) { visit_fields(record, display, sink); });
}

}  // namespace sla
