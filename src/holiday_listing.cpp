// The listing of sla holidays.
#include "holiday_listing.hpp"

#include "record_writer.hpp"
#include "report.hpp"

#include <fmt/format.h>

namespace sla {

const std::vector<std::string_view>& holiday_field_names() {
  static const std::vector<std::string_view> kNames = {"date", "weekday", "name", "observed",
                                                       "closed"};
  return kNames;
}

void visit_holiday(const Holiday& h, FieldSink& sink, bool null_closed) {
  sink.text("date", date::format("%F", h.observed_on));
  sink.text("weekday", weekday_name(date::weekday{h.observed_on}));
  sink.text("name", h.rule->name);
  sink.boolean("observed", h.shifted());
  if (h.rule->closed) {
    sink.text("closed", format_interval(*h.rule->closed));
  } else if (null_closed) {
    sink.null("closed");
  }
}

std::string render_holidays_text(const std::vector<Holiday>& holidays) {
  std::string out;
  for (const Holiday& h : holidays) {
    out += fmt::format("{}  {}  {}{}", date::format("%F", h.observed_on),
                       weekday_name(date::weekday{h.observed_on}), h.rule->name,
                       h.shifted() ? " (observed)" : "");
    if (h.rule->closed) out += " (closed " + format_interval(*h.rule->closed, "\u2013") + ")";
    out += '\n';
  }
  return out;
}

std::string render_holidays_json(const std::vector<Holiday>& holidays) {
  std::string out = "[";
  for (const Holiday& h : holidays) {
    if (out.size() > 1) out += ',';
    append_json(out, [&h](FieldSink& sink) { visit_holiday(h, sink, false); });
  }
  return out + "]";
}

}  // namespace sla
