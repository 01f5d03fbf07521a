// One connection's engine: built from the built-in policy, or from the files sla_policy names.
#include "sqlite/connection.hpp"

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
  return std::make_unique<Engine>(setup, resources);
}

std::string Connection::load_policy(const std::vector<std::string>& paths) {
  std::unique_ptr<Engine> engine = build(paths);
  engine_ = std::move(engine);
  ++generation_;
  return engine_->policy(engine_->newest()).name;
}

}  // namespace sla
