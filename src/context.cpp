// The context of a command: engine, display zone, now.
#include "context.hpp"

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
  return setup;
}

// The engine's resources live only while it is built.
Engine build_engine(const Options& options) {
  SystemResources resources;
  return Engine(setup_of(options), resources);
}

}  // namespace

Output parse_output(const std::string& text, std::string_view allowed) {
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
    : engine(build_engine(options)),
      tz(options.tz.empty() ? std::nullopt : std::optional<Zone>(load_zone(options.tz, "--tz"))),
      now(current_time(engine.policy_zone(engine.newest()))) {}

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
