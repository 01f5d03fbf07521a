// Fuzzes the CSV reader: the records do not depend on how the input is chunked, lines only go
// forward, and a record the reader finds well formed is what a plain RFC 4180 reading gives.
#include "csv.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Rec {
  std::int64_t line = 0;
  std::vector<std::string> fields;
  std::string problem;
  bool blank = false;
  bool operator==(const Rec& o) const {
    return line == o.line && fields == o.fields && problem == o.problem && blank == o.blank;
  }
};

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "invariant failed: %s\n", what);
  std::abort();
}

// Reads `text` with `limits`, fed in chunks whose sizes come from `seed` (0: all at once);
// odd seeds write through prepare()/commit() instead of feed().
std::vector<Rec> read_all(std::string_view text, sla::CsvLimits limits, std::uint32_t seed,
                          sla::CsvDialect dialect) {
  sla::CsvReader reader(limits, dialect);
  std::vector<Rec> out;
  std::size_t at = 0;
  std::uint32_t state = seed;
  for (;;) {
    sla::CsvReader::Next n = reader.next();
    if (n == sla::CsvReader::Next::kEnd) break;
    if (n == sla::CsvReader::Next::kRecord) {
      Rec r;
      r.line = reader.line();
      for (std::size_t i = 0; i < reader.size(); ++i) r.fields.emplace_back(reader.field(i));
      const sla::CsvProblem& p = reader.problem();
      if (!p.message.empty()) {
        r.problem = std::to_string(p.line) + ":" + std::to_string(p.column) + " " + p.message;
      }
      r.blank = reader.blank();
      if (!out.empty() && r.line <= out.back().line) fail("lines do not go forward");
      out.push_back(std::move(r));
      // Every record but a last empty one holds at least one byte of input.
      if (out.size() > text.size() + 1) fail("more records than bytes");
      continue;
    }
    if (at == text.size()) {
      reader.finish();
      continue;
    }
    std::size_t size = text.size() - at;
    if (seed != 0) {
      state = state * 1103515245U + 12345U;
      size = std::min<std::size_t>(size, 1 + (state >> 16) % 23);
    }
    if (seed % 2 == 1) {
      char* to = reader.prepare(size);
      std::memcpy(to, text.data() + at, size);
      reader.commit(size);
    } else {
      reader.feed(text.substr(at, size));
    }
    at += size;
  }
  return out;
}

// A plain RFC 4180 reading of text with no errors in it: the fields of each record, split at
// the dialect's separator, unquoted fields trimmed of spaces if it says so.
std::vector<std::vector<std::string>> plain_reading(std::string_view text,
                                                    sla::CsvDialect dialect) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false, in_record = false, was_quoted = false;
  auto end_field = [&] {
    if (dialect.trim_unquoted && !was_quoted) {
      const auto first = field.find_first_not_of(' ');
      field = first == std::string::npos
                  ? ""
                  : field.substr(first, field.find_last_not_of(' ') - first + 1);
    }
    fields.push_back(std::move(field));
    field.clear();
    was_quoted = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    in_record = true;
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = true;
      was_quoted = true;
    } else if (c == dialect.separator) {
      end_field();
    } else if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      if (c == '\r') ++i;
      end_field();
      records.push_back(std::move(fields));
      fields.clear();
      in_record = false;
    } else {
      field += c;
    }
  }
  if (in_record) {
    // A CR at the very end is the last record's line break.
    if (text.back() == '\r' && !field.empty() && field.back() == '\r') field.pop_back();
    end_field();
    records.push_back(std::move(fields));
  }
  return records;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  sla::CsvLimits limits;
  if (data[0] & 1) {
    limits.max_record_bytes = 1 + data[1] % 64;
    limits.max_fields = 1 + data[1] % 7;
  }
  const std::uint32_t seed = data[0] | 1U << 8;
  sla::CsvDialect dialect;
  dialect.separator = ",;\t|"[(data[0] >> 1) % 4];
  dialect.trim_unquoted = (data[0] & 8) != 0;
  std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);

  // Under tight limits a record can break several rules at once, and which one is reported
  // may depend on where a chunk ends; that the record is refused may not.
  const bool tight = (data[0] & 1) != 0;
  std::vector<Rec> whole = read_all(text, limits, 0, dialect);
  for (std::uint32_t s : {seed, seed + 1}) {
    std::vector<Rec> chunked = read_all(text, limits, s, dialect);
    if (tight) {
      for (auto* records : {&whole, &chunked}) {
        for (Rec& r : *records) {
          if (!r.problem.empty()) r.problem = "refused";
        }
      }
    }
    if (chunked != whole) fail("feeding in chunks changes the records");
  }

  bool clean =
      std::none_of(whole.begin(), whole.end(), [](const Rec& r) { return !r.problem.empty(); });
  if (clean && !tight) {
    auto plain = plain_reading(text, dialect);
    if (plain.size() != whole.size()) fail("a different number of records than RFC 4180 gives");
    for (std::size_t i = 0; i < plain.size(); ++i) {
      if (plain[i] != whole[i].fields) fail("fields differ from an RFC 4180 reading");
    }
  }
  return 0;
}
