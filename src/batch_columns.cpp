// Batch input columns: names, the header, and --only.
#include "batch_columns.hpp"

#include "batch_summary.hpp"
#include "error.hpp"

#include <algorithm>

namespace sla::batch_detail {
namespace {

bool equals_lower(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    char l = lower[i];
    if (l >= 'A' && l <= 'Z') l = static_cast<char>(l - 'A' + 'a');
    if (c != l) return false;
  }
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string field_list() {
  std::string out;
  for (std::string_view name : kFieldNames) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

std::string status_list() {
  std::string out;
  for (std::size_t i = 0; i < kStatuses; ++i) {
    out += (out.empty() ? "" : ", ") + std::string(row_status_name(i));
  }
  return out + " or open";
}

}  // namespace

Columns parse_columns(const std::vector<std::string>& entries) {
  Columns columns;
  for (std::size_t c = 0; c < kColumns; ++c) columns.names[c] = std::string(kFieldNames[c]);
  for (const std::string& entry : entries) {
    const std::size_t equals = entry.find('=');
    const std::string_view field = trim(std::string_view(entry).substr(0, equals));
    const std::string_view header = equals == std::string::npos
                                        ? std::string_view()
                                        : trim(std::string_view(entry).substr(equals + 1));
    std::size_t c = 0;
    while (c < kColumns && field != kFieldNames[c]) ++c;
    if (equals == std::string::npos || header.empty()) {
      throw InputError("invalid --column " + quote(entry) +
                       "; expected FIELD=HEADER, as in submitted=\"Created at\"");
    }
    if (c == kColumns) {
      throw InputError("invalid --column " + quote(entry) + ": unknown field " + quote(field) +
                       "; expected one of " + field_list());
    }
    if (columns.given[c]) {
      throw InputError("invalid --column " + quote(entry) + ": " + std::string(field) +
                       " is named twice; expected each field once");
    }
    columns.names[c] = std::string(header);
    columns.given[c] = true;
  }
  return columns;
}

Header parse_header(const CsvReader& csv, const Columns& columns) {
  const std::string where = "line " + std::to_string(csv.line()) + ": ";
  if (!csv.problem().message.empty()) throw InputError(where + csv.problem().message);
  const std::string_view first = csv.field(0);
  if (first.substr(0, 2) == "\xFF\xFE" || first.substr(0, 2) == "\xFE\xFF") {
    throw InputError(where + "the text is UTF-16; expected UTF-8 CSV");
  }
  Header h;
  h.index.fill(kNoColumn);
  h.fields = csv.size();
  std::string line;
  for (std::size_t f = 0; f < csv.size(); ++f) line += (f ? "," : "") + std::string(csv.field(f));
  for (std::size_t f = 0; f < csv.size(); ++f) {
    for (std::size_t c = 0; c < kColumns; ++c) {
      if (!equals_lower(trim(csv.field(f)), columns.names[c])) continue;
      if (h.index[c] != kNoColumn) {
        throw InputError(where + "column " + columns.names[c] + " appears twice in the header " +
                         quote(line) + " (columns " + std::to_string(h.index[c] + 1) + " and " +
                         std::to_string(f + 1) + "); expected each column once");
      }
      h.index[c] = f;
    }
  }
  for (std::size_t c = 0; c < kColumns; ++c) {
    if (h.index[c] != kNoColumn || !columns.given[c]) continue;
    throw InputError(where + "no column " + quote(columns.names[c]) + " (--column " +
                     std::string(kFieldNames[c]) + "=" + columns.names[c] + ") in the header " +
                     quote(line) + "; expected the header to name it");
  }
  if (h.index[0] == kNoColumn) {
    throw InputError(where + "no submitted column in the header " + quote(line) +
                     "; expected a header row naming submitted, and optionally id, priority, "
                     "tier, calendar, responded, reseller, reclassified and paused (or --column "
                     "submitted=HEADER)");
  }
  for (std::size_t c = 0; c < kColumns; ++c) {
    if (h.index[c] != kNoColumn) h.present[h.present_count++] = static_cast<std::uint8_t>(c);
  }
  std::sort(h.present.begin(), h.present.begin() + static_cast<std::ptrdiff_t>(h.present_count),
            [&](std::uint8_t a, std::uint8_t b) { return h.index[a] < h.index[b]; });
  return h;
}

unsigned parse_only(std::string_view text) {
  if (text.empty()) return (1U << kStatuses) - 1;
  unsigned mask = 0;
  while (true) {
    const std::size_t comma = text.find(',');
    const std::string_view item = trim(text.substr(0, comma));
    std::size_t i = 0;
    while (i < kStatuses && !equals_lower(item, row_status_name(i))) ++i;
    if (equals_lower(item, "open")) {
      for (Status s : {Status::kOnTrack, Status::kAtRisk, Status::kPaused, Status::kBreached}) {
        mask |= 1U << static_cast<unsigned>(s);
      }
    } else if (i == kStatuses) {
      throw InputError("invalid --only status " + quote(item) + "; expected a comma list of " +
                       status_list());
    } else {
      mask |= 1U << i;
    }
    if (comma == std::string_view::npos) return mask;
    text.remove_prefix(comma + 1);
  }
}

}  // namespace sla::batch_detail
