// Batch input columns: which header names the ticket's fields (--column), where each is, and
// which statuses --only keeps.
#pragma once

#include "csv.hpp"
#include "ticket_reader.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sla::batch_detail {

// The columns batch reads, by index: the ticket's fields in TicketField order, then id.
constexpr std::size_t kId = kTicketFields;
constexpr std::size_t kColumns = kTicketFields + 1;

// The field names, as columns are called by default and as --column names them.
constexpr std::array<std::string_view, kColumns> kFieldNames = {
    "submitted", "priority",     "tier",   "calendar", "responded",
    "reseller",  "reclassified", "paused", "id"};

// No index: an absent column.
constexpr std::size_t kNoColumn = static_cast<std::size_t>(-1);

// The header name each field is read from.
struct Columns {
  std::array<std::string, kColumns> names;
  std::array<bool, kColumns> given{};  // named by --column: must be in every file
};

// Returns the columns of `entries` (--column FIELD=HEADER, repeatable); fields not named keep
// their own names. Throws InputError for an unknown field or a malformed entry.
Columns parse_columns(const std::vector<std::string>& entries);

// Where each column is in a file's header.
struct Header {
  std::array<std::size_t, kColumns> index{};
  std::size_t fields = 0;
  // The columns the header has, in field order: the ones a row's cells are looked for in.
  std::array<std::uint8_t, kColumns> present{};
  std::size_t present_count = 0;
};

// Returns the header of the record `csv` holds. Throws InputError saying what is wrong (no
// submitted column, a column twice, a --column header missing, UTF-16 text).
Header parse_header(const CsvReader& csv, const Columns& columns);

// Returns the set of row statuses --only keeps, one bit per status index ("open" stands for
// the statuses of tickets still waiting for a response). Throws InputError.
unsigned parse_only(std::string_view text);

}  // namespace sla::batch_detail
