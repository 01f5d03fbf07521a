// Batch --summary: counts by status and by priority x tier, compliance, response percentiles.
#include "batch_summary.hpp"

#include "fields.hpp"
#include "json_text.hpp"
#include "time_text.hpp"

#include <algorithm>
#include <chrono>

namespace sla::batch_detail {
namespace {

std::string pad(std::string text, std::size_t width, bool right) {
  if (text.size() >= width) return text;
  return right ? std::string(width - text.size(), ' ') + text
               : text + std::string(width - text.size(), ' ');
}

// The statuses of the priority x tier table: every status a result can have.
bool in_table(std::size_t s) {
  return s != kError && s != static_cast<std::size_t>(Status::kNotCovered);
}

}  // namespace

std::string_view row_status_name(std::size_t i) {
  return i == kError ? std::string_view("error") : status_name(static_cast<Status>(i));
}

void ResponseHistogram::add(std::int64_t seconds) {
  ++count_;
  if (seconds >= kLimit) return;  // percentile() finds these past the pages
  const auto s = static_cast<std::size_t>(seconds);
  auto& page = pages_[s >> kPageBits];
  if (!page) page = std::make_unique<std::uint32_t[]>(kPageSize);
  ++page[s & (kPageSize - 1)];
  ++page_counts_[s >> kPageBits];
}

void ResponseHistogram::merge(const ResponseHistogram& other) {
  count_ += other.count_;
  for (std::size_t p = 0; p < kPages; ++p) {
    if (!other.pages_[p]) continue;
    if (!pages_[p]) pages_[p] = std::make_unique<std::uint32_t[]>(kPageSize);
    for (std::size_t i = 0; i < kPageSize; ++i) pages_[p][i] += other.pages_[p][i];
    page_counts_[p] += other.page_counts_[p];
  }
}

std::int64_t ResponseHistogram::percentile(std::int64_t percent) const {
  std::int64_t rank = std::max<std::int64_t>(1, (count_ * percent + 99) / 100);
  for (std::size_t p = 0; p < pages_.size(); ++p) {
    if (rank > page_counts_[p]) {
      rank -= page_counts_[p];
      continue;
    }
    for (std::size_t i = 0; i < kPageSize; ++i) {
      rank -= pages_[p][i];
      if (rank <= 0) return static_cast<std::int64_t>((p << kPageBits) + i);
    }
  }
  return kLimit;
}

void Counts::append_compliance(std::string& out, std::string_view none) const {
  if (judged() == 0) {
    out += none;
    return;
  }
  append_real(out, 100.0 * static_cast<double>(of(Status::kMet)) / static_cast<double>(judged()));
}

Summary::Summary(std::vector<const Policy*> versions) : versions_(std::move(versions)) {
  std::size_t cells = 0;
  for (const Policy* p : versions_) {
    first_cell_.push_back(cells);
    cells += p->priorities.size() * p->tiers.size();
  }
  cells_.resize(cells);
}

void Summary::add(std::size_t status, const Result* r) {
  ++total_.rows;
  ++total_.by_status[status];
  if (r == nullptr) return;
  const Ticket& t = r->ticket;
  Counts& c = cells_[first_cell_[t.version] + r->priority * r->policy->tiers.size() + t.tier];
  ++c.rows;
  ++c.by_status[status];
  if (r->check && r->check->response_business) responses_.add(r->check->response_business->count());
}

void Summary::merge(const Summary& other) {
  auto add = [](Counts& to, const Counts& from) {
    to.rows += from.rows;
    for (std::size_t s = 0; s < kStatuses; ++s) to.by_status[s] += from.by_status[s];
  };
  add(total_, other.total_);
  for (std::size_t c = 0; c < cells_.size(); ++c) add(cells_[c], other.cells_[c]);
  responses_.merge(other.responses_);
}

std::string Summary::text() const {
  std::string out;
  out += "rows        " + std::to_string(total_.rows) + "\n";
  for (std::size_t s = 0; s < kStatuses; ++s) {
    out += pad(std::string(row_status_name(s)), 12, false) + std::to_string(total_.by_status[s]) +
           "\n";
  }
  out += "compliance  ";
  total_.append_compliance(out, "n/a (no ticket met, missed or breached)");
  if (total_.judged() > 0) {
    out += "% (" + std::to_string(total_.of(Status::kMet)) + " met of " +
           std::to_string(total_.judged()) + " met, missed or breached)";
  }
  out += "\nresponse    ";
  if (responses_.count() == 0) {
    out += "n/a (no responded tickets)\n";
  } else {
    out += "median " + duration(responses_.percentile(50)) + ", 90th percentile " +
           duration(responses_.percentile(90)) + " (business time)\n";
  }
  out += "\npriority  tier          rows";
  for (std::size_t s = 0; s < kStatuses; ++s) {
    if (in_table(s)) out += pad(std::string(row_status_name(s)), 10, true);
  }
  out += "  compliance\n";
  for (const Line& line : lines()) {
    const Counts& c = line.counts;
    if (c.rows == 0) continue;
    out += pad(line.priority, 10, false) + pad(line.tier, 10, false) +
           pad(std::to_string(c.rows), 8, true);
    for (std::size_t s = 0; s < kStatuses; ++s) {
      if (in_table(s)) out += pad(std::to_string(c.by_status[s]), 10, true);
    }
    std::string compliance;
    c.append_compliance(compliance, "n/a");
    out += pad(compliance + (c.judged() > 0 ? "%" : ""), 12, true) + "\n";
  }
  return out;
}

std::string Summary::json() const {
  std::string out = "{\"rows\":" + std::to_string(total_.rows) + ",\"statuses\":";
  append_statuses(out, total_, false);
  out += ",\"compliance_percent\":";
  total_.append_compliance(out, "null");
  out += ",\"responded\":" + std::to_string(total_.of(Status::kMet) + total_.of(Status::kMissed));
  out += ",\"judged\":" + std::to_string(total_.judged());
  out += ",\"response_business_seconds\":{\"median\":";
  out += responses_.count() ? std::to_string(responses_.percentile(50)) : "null";
  out += ",\"p90\":";
  out += responses_.count() ? std::to_string(responses_.percentile(90)) : "null";
  out +=
      ",\"exact_below\":" + std::to_string(ResponseHistogram::kLimit) + "},\"by_priority_tier\":[";
  bool first = true;
  for (const Line& line : lines()) {
    const Counts& c = line.counts;
    out += first ? "{\"priority\":" : ",{\"priority\":";
    first = false;
    append_json_string(out, line.priority);
    out += ",\"tier\":";
    append_json_string(out, line.tier);
    out += ",\"rows\":" + std::to_string(c.rows) + ",\"statuses\":";
    append_statuses(out, c, true);
    out += ",\"compliance_percent\":";
    c.append_compliance(out, "null");
    out += '}';
  }
  return out + "]}\n";
}

std::vector<Summary::Line> Summary::lines() const {
  std::vector<Line> out;
  for (std::size_t v = 0; v < versions_.size(); ++v) {
    const Policy& p = *versions_[v];
    for (std::size_t i = 0; i < p.priorities.size(); ++i) {
      for (std::size_t t = 0; t < p.tiers.size(); ++t) {
        const Counts& c = cells_[first_cell_[v] + i * p.tiers.size() + t];
        auto same = std::find_if(out.begin(), out.end(), [&](const Line& l) {
          return l.priority == p.priorities[i].id && l.tier == p.tiers[t].id;
        });
        if (same == out.end()) {
          out.push_back({p.priorities[i].id, p.tiers[t].id, c});
          continue;
        }
        same->counts.rows += c.rows;
        for (std::size_t s = 0; s < kStatuses; ++s) same->counts.by_status[s] += c.by_status[s];
      }
    }
  }
  return out;
}

void Summary::append_statuses(std::string& out, const Counts& c, bool table) {
  bool first = true;
  for (std::size_t s = 0; s < kStatuses; ++s) {
    if (table && !in_table(s)) continue;
    out += first ? "{\"" : ",\"";
    first = false;
    out += row_status_name(s);
    out += "\":" + std::to_string(c.by_status[s]);
  }
  out += '}';
}

std::string Summary::duration(std::int64_t seconds) const {
  const Policy& newest = *versions_.back();
  std::string text =
      format_duration(std::chrono::seconds{seconds}, newest.calendars[newest.default_calendar].day);
  return seconds >= ResponseHistogram::kLimit ? "at least " + text : text;
}

}  // namespace sla::batch_detail
