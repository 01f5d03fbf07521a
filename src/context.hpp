// What every command starts from: the engine built from the options, "now", the output form.
#pragma once

#include "commands.hpp"
#include "engine.hpp"
#include "record_writer.hpp"
#include "system.hpp"
#include "ticket_reader.hpp"
#include "zone.hpp"

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>

namespace sla {

// Returns the output `text` names (empty: text); `allowed` lists the forms the command takes,
// for errors. Throws InputError.
Output parse_output(const std::string& text, std::string_view allowed);

// The engine of the policy files the options name (--policy, SLA_POLICY, or the built-in one)
// with --holidays applied, the display zone (--tz) and the current time.
struct Context {
  explicit Context(const Options& options);

  // Returns where times of `version` are shown: --tz, else that version's policy zone.
  const Zone& display(std::size_t version) const { return tz ? *tz : engine.policy_zone(version); }

  // Returns the time `text` names (now if absent), read in the newest policy version's zone.
  date::sys_seconds time(const std::optional<std::string>& text, std::string_view field) const;

  // Returns how the options say tickets are read, fields named `names`.
  ReadOptions read_options(const Options& options, const TicketFieldNames& names);

  SystemResources resources;
  Engine engine;
  std::optional<Zone> tz;
  std::optional<Zone> input_tz;  // --input-tz
  date::sys_seconds now;
};

// Returns the --delimiter character: one byte, or "tab". Throws InputError.
char parse_delimiter(const std::string& text);

// Returns the --warn percentage (default 75). Throws InputError.
double parse_warn(const std::optional<std::string>& text);

}  // namespace sla
