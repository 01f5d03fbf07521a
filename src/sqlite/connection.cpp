// One connection's engine: built from the built-in policy, or from the files sla_policy names.
#include "sqlite/connection.hpp"

#include "builtin_policy.hpp"
#include "system.hpp"

namespace sla {

std::unique_ptr<Engine> Connection::build(const std::vector<std::string>& paths) {
  // No SLA_POLICY here: a query names its policy with sla_policy, whatever the environment of
  // the process that loaded the extension.
  SystemResources resources;
  EngineSetup setup;
  for (const std::string& path : paths) {
    setup.policies.push_back({read_file(path, "policy file"), path, false});
  }
  if (setup.policies.empty()) setup.builtin = builtin_policy();
  setup.builtin_sets = builtin_holiday_set;
  return std::make_unique<Engine>(setup, resources);
}

Ticket Connection::read(const TicketText& text, Reading reading) {
  const Engine& e = engine();
  std::unique_ptr<TicketReader>& reader = readers_[static_cast<std::size_t>(reading)];
  if (!reader) {
    constexpr std::array<std::string_view, kReadings> kTimeNames = {"submitted", "from", "time",
                                                                    "from_date"};
    ReadOptions options;
    options.names = {kTimeNames[static_cast<std::size_t>(reading)],
                     "priority",
                     "tier",
                     "calendar",
                     "responded",
                     "reseller",
                     "reclassified",
                     "paused"};
    options.resources = &resources_;
    reader = std::make_unique<TicketReader>(e, options);
  }
  // No function reads the clock: "now" is refused before a time is read.
  return reader->read(text, date::sys_seconds{});
}

std::string Connection::load_policy(const std::vector<std::string>& paths) {
  std::unique_ptr<Engine> engine = build(paths);
  for (auto& reader : readers_) reader.reset();
  engine_ = std::move(engine);
  ++generation_;
  return engine_->policy(engine_->newest()).name;
}

}  // namespace sla
