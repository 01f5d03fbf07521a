// The context of a command: engine, display zone, now.
#include "context.hpp"

#include "builtin_policy.hpp"
#include "error.hpp"
#include "system.hpp"
#include "time_text.hpp"

#include <charconv>

namespace sla {
namespace {

EngineSetup setup_of(const Options& options) {
  EngineSetup setup;
  setup.policies = policy_files(options.policies);
  setup.holidays = options.holidays;
  if (setup.policies.empty()) setup.builtin = builtin_policy();
  setup.builtin_sets = builtin_holiday_set;
  return setup;
}

}  // namespace

Output parse_output(const std::string& given, std::string_view allowed) {
  const std::string text = given.empty() ? std::string("text") : given;
  constexpr std::pair<std::string_view, Output> kForms[] = {
      {"text", Output::kText}, {"json", Output::kJson}, {"jsonl", Output::kJsonl},
      {"csv", Output::kCsv},   {"tsv", Output::kTsv},   {"toml", Output::kToml}};
  for (const auto& [name, form] : kForms) {
    if (text != name) continue;
    // `allowed` is a list such as "text, json, jsonl, csv or tsv".
    for (std::size_t at = allowed.find(name); at != std::string_view::npos;
         at = allowed.find(name, at + 1)) {
      const bool starts = at == 0 || allowed[at - 1] == ' ';
      const bool ends = at + name.size() == allowed.size() || allowed[at + name.size()] == ',' ||
                        allowed[at + name.size()] == ' ';
      if (starts && ends) return form;
    }
  }
  throw InputError("invalid --output " + quote(text) + "; expected " + std::string(allowed));
}

Context::Context(const Options& options)
    : engine(setup_of(options), resources),
      tz(options.tz.empty() ? std::nullopt : std::optional<Zone>(load_zone(options.tz, "--tz"))),
      input_tz(options.input_tz ? std::optional<Zone>(load_zone(*options.input_tz, "--input-tz"))
                                : std::nullopt),
      now(current_time(engine.policy_zone(engine.newest()))) {}

ReadOptions Context::read_options(const Options& options, const TicketFieldNames& names) {
  ReadOptions read;
  read.names = names;
  read.input_zone = input_tz ? &*input_tz : nullptr;
  read.time_format = options.time_format.value_or("");
  read.priority_map = options.priority_map;
  read.tier_map = options.tier_map;
  read.resources = &resources;
  return read;
}

char parse_delimiter(const std::string& text) {
  if (text == "tab" || text == "\\t" || text == "\t") return '\t';
  if (text.size() == 1 && text[0] != '"' && text[0] != '\n' && text[0] != '\r' &&
      static_cast<unsigned char>(text[0]) < 0x80) {
    return text[0];
  }
  throw InputError("invalid --delimiter " + quote(text) +
                   "; expected one ASCII character such as ; or |, or tab");
}

date::sys_seconds Context::time(const std::optional<std::string>& text,
                                std::string_view field) const {
  return parse_time(text ? *text : "now", engine.policy_zone(engine.newest()), now, field);
}

double parse_warn(const std::optional<std::string>& text) {
  if (!text) return 75.0;
  double value = -1;
  const char* end = text->data() + text->size();
  auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || !(value >= 0 && value <= 100)) {
    throw InputError("invalid --warn " + quote(*text) + "; expected a percentage from 0 to 100");
  }
  return value;
}

}  // namespace sla
