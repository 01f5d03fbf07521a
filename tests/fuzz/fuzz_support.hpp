// What the fuzz targets share: an engine of the built-in policy, with no files and no zoneinfo.
#pragma once

#include "embedded.hpp"
#include "engine.hpp"
#include "error.hpp"

#include <string>
#include <string_view>

namespace sla::fuzz {

// The outside world of a fuzz target: the embedded New York zone and UTC, no files.
class EmbeddedResources final : public Resources {
 public:
  Zone zone(std::string_view name, std::string_view what) override {
    if (name == "America/New_York") {
      return Zone::from_tzif("America/New_York", embedded_new_york_tzif());
    }
    if (name == "UTC") return Zone::utc();
    throw InputError("invalid " + std::string(what) + " " + quote(name) + ": not embedded");
  }
  std::string read(const std::string& path, std::string_view what) override {
    throw InputError("cannot read " + std::string(what) + " " + quote(path) + ": no files here");
  }
};

// Returns the engine of the built-in policy.
inline const Engine& builtin_engine() {
  static const Engine engine = [] {
    EmbeddedResources resources;
    return Engine(EngineSetup{}, resources);
  }();
  return engine;
}

}  // namespace sla::fuzz
