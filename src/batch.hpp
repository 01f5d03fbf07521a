// Batch mode: CSV tickets in, one result row out per row, in order, in constant memory.
#pragma once

#include "engine.hpp"
#include "output_template.hpp"
#include "record_writer.hpp"
#include "ticket_reader.hpp"
#include "zone.hpp"

#include <date/date.h>

#include <iosfwd>
#include <string>
#include <vector>

namespace sla {

// Everything a batch run needs besides its inputs. Pointers are non-null and outlive the run.
struct BatchSettings {
  const Engine* engine = nullptr;
  const Zone* display = nullptr;     // times are written here (--tz); null: each row's policy zone
  ReadOptions read;                  // input zone, time format, word maps (names are batch's)
  std::vector<std::string> columns;  // --column FIELD=HEADER entries
  char delimiter = 0;                // --delimiter; 0: by the file name (*.tsv: tab), else comma
  date::sys_seconds now{};
  double warn_percent = 75;
  std::string only;  // --only as given ("" = every status)
  bool summary = false;
  Output output = Output::kCsv;            // text, json, jsonl, csv or tsv
  const OutputTemplate* format = nullptr;  // --format, or null
};

// Reads each input ("-" is standard input) in order and writes the rows or the summary to
// `out`. Returns the exit status of SPEC section 6. Throws InputError only for bad settings
// (an unknown --only status); bad rows and unreadable files are reported and counted.
int run_batch(const std::vector<std::string>& inputs, const BatchSettings& settings,
              std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace sla
