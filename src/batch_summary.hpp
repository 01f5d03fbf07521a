// Batch --summary: counts by status and by priority x tier, compliance, response percentiles.
#pragma once

#include "evaluate.hpp"
#include "policy.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sla::batch_detail {

// Row statuses by index: those of Status in its order, then error.
constexpr std::size_t kStatuses = kStatusCount + 1;
constexpr std::size_t kError = kStatusCount;

// Returns the name of row status `i`: status_name, or "error".
std::string_view row_status_name(std::size_t i);

// Response business times at one-second resolution below kLimit (about 129 business days), in
// pages of counters allocated on first use: exact percentiles in at most 16 MiB however many
// rows there are (up to 2^32 - 1 responses of the same second). Longer times are only counted,
// and a percentile that falls among them is given as kLimit ("at least").
class ResponseHistogram {
 public:
  static constexpr std::int64_t kLimit = std::int64_t{1} << 22;

  // Counts one response of `seconds` business seconds. REQUIRES: seconds >= 0.
  void add(std::int64_t seconds);

  // Counts every response `other` counted.
  void merge(const ResponseHistogram& other);

  // Returns how many responses have been added.
  std::int64_t count() const { return count_; }

  // Returns the nearest-rank percentile: the least value that at least `percent`% of the
  // values do not exceed (the lower median for 50). REQUIRES: count() > 0, 0 < percent <= 100.
  std::int64_t percentile(std::int64_t percent) const;

 private:
  static constexpr std::size_t kPageBits = 12;
  static constexpr std::size_t kPageSize = std::size_t{1} << kPageBits;
  static constexpr std::size_t kPages = static_cast<std::size_t>(kLimit) >> kPageBits;
  std::vector<std::unique_ptr<std::uint32_t[]>> pages_{kPages};
  std::vector<std::int64_t> page_counts_ = std::vector<std::int64_t>(kPages, 0);
  std::int64_t count_ = 0;
};

// Counts of rows by status.
struct Counts {
  std::array<std::int64_t, kStatuses> by_status{};
  std::int64_t rows = 0;

  std::int64_t of(Status s) const { return by_status[static_cast<std::size_t>(s)]; }
  // Returns the rows whose deadline was met, missed, or passed unanswered: the rows that
  // decide compliance (an unanswered ticket past its deadline has failed as surely as one
  // answered late).
  std::int64_t judged() const {
    return of(Status::kMet) + of(Status::kMissed) + of(Status::kBreached);
  }
  // Appends met / judged as a percentage, or `none` if none is judged.
  void append_compliance(std::string& out, std::string_view none) const;
};

// --summary: counts by status and by priority x tier, compliance, response percentiles.
class Summary {
 public:
  // Counts rows of the policy versions `versions` (by version index; they outlive the summary).
  explicit Summary(std::vector<const Policy*> versions);

  // Counts one row of status index `status`; `r` is its result, or null for a row in error.
  void add(std::size_t status, const Result* r);

  // Adds the rows `other` counted. REQUIRES: a summary of the same policy versions.
  void merge(const Summary& other);

  // Returns the summary as the text table.
  std::string text() const;

  // Returns the summary as one JSON object and a newline.
  std::string json() const;

 private:
  // One line of the priority x tier table: cells of every version with the same two ids.
  struct Line {
    std::string priority, tier;
    Counts counts;
  };
  std::vector<Line> lines() const;
  // Appends the counts by status as a JSON object; `table`: only the table's statuses.
  static void append_statuses(std::string& out, const Counts& c, bool table);
  // Business time for people, in days of the newest version's default calendar.
  std::string duration(std::int64_t seconds) const;

  std::vector<const Policy*> versions_;
  std::vector<std::size_t> first_cell_;  // by version: where its cells start in cells_
  Counts total_;
  std::vector<Counts> cells_;  // by version, then priority, then tier
  ResponseHistogram responses_;
};

}  // namespace sla::batch_detail
