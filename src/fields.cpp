// Field visiting and the JSON / CSV / TSV writers.
#include "fields.hpp"

#include "time_text.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

namespace sla {
namespace {

// Writes YYYY-MM-DD into `out`. REQUIRES: a year 0..9999.
void put_date(char* out, date::year_month_day ymd) {
  auto put = [](char* p, unsigned v, int n) {
    for (int i = n - 1; i >= 0; --i, v /= 10) p[i] = static_cast<char>('0' + v % 10);
  };
  put(out, static_cast<unsigned>(int{ymd.year()}), 4);
  out[4] = '-';
  put(out + 5, unsigned{ymd.month()}, 2);
  out[7] = '-';
  put(out + 8, unsigned{ymd.day()}, 2);
}

std::vector<std::string_view> make_names(FieldSet set) {
  std::vector<std::string_view> names;
  if (set == FieldSet::kBatch) names = {"id", "line"};
  for (std::string_view n : {"submitted", "priority", "priority_name", "tier", "target",
                             "target_business_seconds", "clock_start", "deadline", "deadline_utc",
                             "follow_up", "time_zone", "policy", "policy_effective", "calendar",
                             "original_priority", "reclassifications", "original_deadline"}) {
    names.push_back(n);
  }
  if (set != FieldSet::kDue) {
    for (std::string_view n :
         {"now", "status", "elapsed_business_seconds", "remaining_business_seconds",
          "overdue_seconds", "percent_elapsed", "responded", "response_business_seconds",
          "paused_business_seconds", "breached_on_reclassification"}) {
      names.push_back(n);
    }
  }
  if (set == FieldSet::kBatch) names.push_back("error");
  return names;
}

// Hands each field to the sink, formatting times into one reused buffer.
class Visitor {
 public:
  Visitor(const Zone& display, FieldSink& sink) : display_(display), sink_(sink) {}

  void time(std::string_view name, date::sys_seconds t) { sink_.time(name, t, display_, false); }
  void utc(std::string_view name, date::sys_seconds t) { sink_.time(name, t, display_, true); }

  void due(const Result& r) {
    time("submitted", r.ticket.submitted);
    sink_.text("priority", r.priority_level().id);
    sink_.text("priority_name", r.priority_level().name);
    sink_.text("tier", r.tier().id);
    sink_.text("target", r.cell().target.label());
    sink_.integer("target_business_seconds", r.target.count());
    time("clock_start", r.clock_start);
    time("deadline", r.deadline);
    utc("deadline_utc", r.deadline);
    sink_.text("follow_up", r.priority_level().follow_up);
    sink_.text("time_zone", display_.name());
    sink_.text("policy", r.policy->name);
    if (r.policy->effective) {
      char day[10];
      put_date(day, date::year_month_day{*r.policy->effective});
      sink_.text("policy_effective", std::string_view(day, sizeof day));
    } else {
      sink_.null("policy_effective");
    }
    sink_.text("calendar", r.calendar_terms().name);
    sink_.text("original_priority", r.original_priority().id);
    sink_.changes("reclassifications", r.ticket.reclassified, *r.policy, display_);
    time("original_deadline", r.original_deadline);
  }

  void check(const CheckState& c, const Result& r) {
    const Ticket& t = r.ticket;
    time("now", c.now);
    sink_.text("status", status_name(c.status));
    sink_.integer("elapsed_business_seconds", c.elapsed.count());
    sink_.integer("remaining_business_seconds", c.remaining.count());
    sink_.integer("overdue_seconds", c.overdue.count());
    sink_.real("percent_elapsed", c.percent_elapsed);
    if (t.responded) {
      time("responded", *t.responded);
    } else {
      sink_.null("responded");
    }
    if (c.response_business) {
      sink_.integer("response_business_seconds", c.response_business->count());
    } else {
      sink_.null("response_business_seconds");
    }
    sink_.integer("paused_business_seconds", c.paused.count());
    sink_.boolean("breached_on_reclassification", r.breached_on_reclassification);
  }

  // Gives every field from `from` to `to` as null, but the status as `status` if not empty.
  void nulls(FieldSet set, std::size_t from, std::size_t to, std::string_view status = {}) {
    const auto& names = field_names(set);
    for (std::size_t i = from; i < to; ++i) {
      if (!status.empty() && names[i] == "status") {
        sink_.text(names[i], status);
      } else {
        sink_.null(names[i]);
      }
    }
  }

 private:
  const Zone& display_;
  FieldSink& sink_;
};

void append_integer(std::string& out, std::int64_t value) {
  char text[24];
  auto end = std::to_chars(text, text + sizeof text, value).ptr;
  out.append(text, static_cast<std::size_t>(end - text));
}

// Returns true if `value` holds any of the four bytes: one pass, where find_first_of would
// search the value once per byte.
bool contains_any(std::string_view value, char a, char b, char c, char d) {
  for (char x : value) {
    if (x == a || x == b || x == c || x == d) return true;
  }
  return false;
}

void append_instant(std::string& out, date::sys_seconds t, const Zone& zone, bool utc,
                    TimeTextCache* cache) {
  if (cache != nullptr) {
    out += cache->text(t, zone, utc);
  } else if (utc) {
    append_utc(out, t);
  } else {
    append_time(out, t, zone);
  }
}

class JsonSink final : public FieldSink {
 public:
  JsonSink(std::string& out, TimeTextCache* cache) : out_(out), cache_(cache) {}
  void text(std::string_view name, std::string_view value) override {
    key(name);
    append_json_string(out_, value);
  }
  void integer(std::string_view name, std::int64_t value) override {
    key(name);
    append_integer(out_, value);
  }
  void real(std::string_view name, double value) override {
    key(name);
    append_real(out_, value);
  }
  void null(std::string_view name) override {
    key(name);
    out_ += "null";
  }
  void boolean(std::string_view name, bool value) override {
    key(name);
    out_ += value ? "true" : "false";
  }
  void time(std::string_view name, date::sys_seconds t, const Zone& zone, bool utc) override {
    key(name);
    out_ += '"';
    append_instant(out_, t, zone, utc, cache_);
    out_ += '"';
  }
  void changes(std::string_view name, const std::vector<PriorityChange>& changes,
               const Policy& policy, const Zone& zone) override {
    key(name);
    out_ += '[';
    for (std::size_t i = 0; i < changes.size(); ++i) {
      out_ += i == 0 ? "{\"at\":\"" : ",{\"at\":\"";
      append_instant(out_, changes[i].at, zone, false, cache_);
      out_ += "\",\"priority\":";
      append_json_string(out_, policy.priorities[changes[i].priority].id);
      out_ += '}';
    }
    out_ += ']';
  }

 private:
  void key(std::string_view name) {
    out_ += first_ ? "{" : ",";
    first_ = false;
    append_json_string(out_, name);
    out_ += ':';
  }
  std::string& out_;
  TimeTextCache* cache_;
  bool first_ = true;
};

// Writes a row into a buffer of its own and hands it to `out` once, at the end: a row is some
// twenty small pieces, and appending each to the string was a tenth of batch's time.
class RowSink final : public FieldSink {
 public:
  RowSink(std::string& out, char sep, TimeTextCache* cache) : out_(out), sep_(sep), cache_(cache) {}
  ~RowSink() override { flush(); }
  RowSink(const RowSink&) = delete;
  RowSink& operator=(const RowSink&) = delete;

  void text(std::string_view, std::string_view value) override {
    next();
    sep_ == ',' ? put_csv(value) : put_tsv(value);
  }
  void integer(std::string_view, std::int64_t value) override {
    next();
    constexpr std::size_t kDigits = 20;  // an int64 and its sign
    if (used_ + kDigits > sizeof buffer_) flush();
    char* at = buffer_ + used_;
    used_ += static_cast<std::size_t>(std::to_chars(at, at + kDigits, value).ptr - at);
  }
  void real(std::string_view, double value) override {
    next();
    flush();
    append_real(out_, value);
  }
  void null(std::string_view) override { next(); }
  void time(std::string_view, date::sys_seconds t, const Zone& zone, bool utc) override {
    next();  // ISO 8601 needs no quoting or escaping
    if (cache_ != nullptr) {
      put(cache_->text(t, zone, utc));
    } else {
      flush();
      append_instant(out_, t, zone, utc, nullptr);
    }
  }

 private:
  void put(std::string_view piece) {
    if (used_ + piece.size() > sizeof buffer_) {
      flush();
      if (piece.size() > sizeof buffer_) {
        out_ += piece;
        return;
      }
    }
    copy_small(buffer_ + used_, piece.data(), piece.size());
    used_ += piece.size();
  }
  void put(char c) {
    if (used_ == sizeof buffer_) flush();
    buffer_[used_++] = c;
  }
  // Most pieces are a few bytes: fixed-size copies that overlap cost less than a call to
  // memcpy, which was a tenth of batch's time.
  static void copy_small(char* to, const char* from, std::size_t n) {
    if (n > 16 && n <= 32) {
      std::memcpy(to, from, 16);
      std::memcpy(to + n - 16, from + n - 16, 16);
    } else if (n >= 8 && n <= 16) {
      std::memcpy(to, from, 8);
      std::memcpy(to + n - 8, from + n - 8, 8);
    } else if (n >= 4 && n < 8) {
      std::memcpy(to, from, 4);
      std::memcpy(to + n - 4, from + n - 4, 4);
    } else if (n < 4) {
      for (std::size_t i = 0; i < n; ++i) to[i] = from[i];
    } else {
      std::memcpy(to, from, n);
    }
  }
  void flush() {
    out_.append(buffer_, used_);
    used_ = 0;
  }
  void next() {
    if (!first_) put(sep_);
    first_ = false;
  }
  void put_csv(std::string_view value) {
    if (!contains_any(value, ',', '"', '\r', '\n')) {
      put(value);
      return;
    }
    put('"');
    for (std::size_t q; (q = value.find('"')) != std::string_view::npos;) {
      put(value.substr(0, q + 1));
      put('"');
      value.remove_prefix(q + 1);
    }
    put(value);
    put('"');
  }
  void put_tsv(std::string_view value) {
    if (!contains_any(value, '\t', '\n', '\r', '\\')) {
      put(value);
      return;
    }
    for (char c : value) {
      switch (c) {
        case '\t':
          put("\\t");
          break;
        case '\n':
          put("\\n");
          break;
        case '\r':
          put("\\r");
          break;
        case '\\':
          put("\\\\");
          break;
        default:
          put(c);
      }
    }
  }
  std::string& out_;
  char sep_;
  TimeTextCache* cache_;
  bool first_ = true;
  std::size_t used_ = 0;
  char buffer_[1024];
};

// Returns the length of the valid UTF-8 sequence at the start of `s`, or 0 if invalid.
std::size_t utf8_length(std::string_view s) {
  auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  auto cont = [&](std::size_t i) { return i < s.size() && (b(i) & 0xC0) == 0x80; };
  unsigned char c = b(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;
    if (c == 0xF4 && b(1) >= 0x90) return 0;
    return 4;
  }
  return 0;
}

}  // namespace

void FieldSink::time(std::string_view name, date::sys_seconds t, const Zone& zone, bool utc) {
  scratch_.clear();
  utc ? append_utc(scratch_, t) : append_time(scratch_, t, zone);
  text(name, scratch_);
}

void FieldSink::changes(std::string_view name, const std::vector<PriorityChange>& changes,
                        const Policy& policy, const Zone& zone) {
  std::string list;
  for (const PriorityChange& c : changes) {
    if (!list.empty()) list += ';';
    append_time(list, c.at, zone);
    list += '=';
    list += policy.priorities[c.priority].id;
  }
  text(name, list);
}

const std::vector<std::string_view>& field_names(FieldSet set) {
  static const std::vector<std::string_view> kDue = make_names(FieldSet::kDue);
  static const std::vector<std::string_view> kCheck = make_names(FieldSet::kCheck);
  static const std::vector<std::string_view> kBatch = make_names(FieldSet::kBatch);
  return set == FieldSet::kDue ? kDue : set == FieldSet::kCheck ? kCheck : kBatch;
}

void visit_fields(const Record& record, const Zone& display, FieldSink& sink) {
  Visitor v(display, sink);
  const bool batch = record.set == FieldSet::kBatch;
  if (batch) {
    sink.text("id", record.id);
    sink.integer("line", record.line);
  }
  const std::size_t first = batch ? 2 : 0;
  const std::size_t last = field_names(record.set).size() - (batch ? 1 : 0);
  if (record.result == nullptr) {
    v.nulls(record.set, first, last, record.status);
  } else {
    v.due(*record.result);
    if (record.set != FieldSet::kDue) {
      if (record.result->check) {
        v.check(*record.result->check, *record.result);
      } else {
        v.nulls(record.set, first + field_names(FieldSet::kDue).size(), last);
      }
    }
  }
  if (batch) {
    if (record.error.empty()) {
      sink.null("error");
    } else {
      sink.text("error", record.error);
    }
  }
}

void append_json_string(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t i = 0;
  while (i < value.size()) {
    auto c = static_cast<unsigned char>(value[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7f) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else if (c >= 0x80) {
      std::size_t n = utf8_length(value.substr(i));
      if (n == 0) {
        out += "\\ufffd";
        n = 1;
      } else {
        out.append(value, i, n);
      }
      i += n;
      continue;
    } else {
      out += static_cast<char>(c);
    }
    ++i;
  }
  out += '"';
}

void append_real(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += '0';
    return;
  }
  auto hundredths = static_cast<long long>(std::llround(value * 100.0));
  if (hundredths < 0) {
    out += '-';
    hundredths = -hundredths;
  }
  append_integer(out, hundredths / 100);
  long long frac = hundredths % 100;
  if (frac != 0) {
    out += '.';
    out += static_cast<char>('0' + frac / 10);
    if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
  }
}

std::string_view TimeTextCache::text(date::sys_seconds t, const Zone& zone, bool utc) {
  ++clock_;
  Entry* oldest = &entries_[0];
  for (Entry& e : entries_) {
    if (e.t == t && e.zone == &zone && e.utc == utc) {
      e.used = clock_;
      return {e.text.data(), e.size};
    }
    if (e.used < oldest->used) oldest = &e;
  }
  // The least recently used goes: a value seen on every row (batch's now) always stays.
  scratch_.clear();
  utc ? append_utc(scratch_, t) : append_time(scratch_, t, zone);
  if (scratch_.size() > oldest->text.size()) return scratch_;  // beyond any real year: not kept
  oldest->t = t;
  oldest->zone = &zone;
  oldest->utc = utc;
  oldest->used = clock_;
  oldest->size = static_cast<std::uint8_t>(scratch_.size());
  scratch_.copy(oldest->text.data(), scratch_.size());
  return {oldest->text.data(), oldest->size};
}

void append_json(std::string& out, const Record& record, const Zone& display,
                 TimeTextCache* cache) {
  JsonSink sink(out, cache);
  visit_fields(record, display, sink);
  out += '}';
}

void append_header(std::string& out, FieldSet set, char sep) {
  append_header(out, field_names(set), sep);
}

void append_header(std::string& out, const std::vector<std::string_view>& names, char sep) {
  bool first = true;
  for (std::string_view name : names) {
    if (!first) out += sep;
    first = false;
    out += name;
  }
  out += '\n';
}

void append_json(std::string& out, const FieldVisit& visit) {
  JsonSink sink(out, nullptr);
  visit(sink);
  out += '}';
}

void append_row(std::string& out, const FieldVisit& visit, char sep) {
  {
    RowSink sink(out, sep, nullptr);
    visit(sink);
  }
  out += '\n';
}

void append_row(std::string& out, const Record& record, const Zone& display, char sep,
                TimeTextCache* cache) {
  {
    RowSink sink(out, sep, cache);  // writes its buffer out when it goes
    visit_fields(record, display, sink);
  }
  out += '\n';
}

}  // namespace sla
