// The listing of sla holidays: each holiday's fields, as text for people and in the machine
// formats.
#pragma once

#include "fields.hpp"
#include "holidays.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sla {

// Returns the fields of a listed holiday, in order: date, weekday, name, observed, closed.
const std::vector<std::string_view>& holiday_field_names();

// Hands `h`'s fields to `sink`: observed is true where the date was shifted off a weekend;
// closed is the part of the day a part-day closure closes, null for a whole day, and left out
// then when `null_closed` is false (JSON: the key appears for part-day closures only).
void visit_holiday(const Holiday& h, FieldSink& sink, bool null_closed = true);

// Returns the listing as text lines ("2026-07-03  Fri  Independence Day (observed)").
std::string render_holidays_text(const std::vector<Holiday>& holidays);

// Returns the listing as one JSON array of objects.
std::string render_holidays_json(const std::vector<Holiday>& holidays);

}  // namespace sla
