// Lookup of the data files compiled in by cmake/embed.cmake.
#include "embedded.hpp"

#include <cstddef>

extern const unsigned char sla_embedded_us_federal[];
extern const std::size_t sla_embedded_us_federal_size;
extern const unsigned char sla_embedded_us_federal_closures[];
extern const std::size_t sla_embedded_us_federal_closures_size;
extern const unsigned char sla_embedded_codesecure_policy[];
extern const std::size_t sla_embedded_codesecure_policy_size;
extern const unsigned char sla_embedded_new_york_tzif[];
extern const std::size_t sla_embedded_new_york_tzif_size;

namespace sla {
namespace {

std::string_view view(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace

std::string_view embedded_holiday_set(std::string_view name) {
  if (name == "us-federal") return view(sla_embedded_us_federal, sla_embedded_us_federal_size);
  if (name == "us-federal-closures") {
    return view(sla_embedded_us_federal_closures, sla_embedded_us_federal_closures_size);
  }
  return {};
}

std::string_view embedded_holiday_set_names() {
  return "us-federal, us-federal-closures";
}

std::string_view embedded_policy() {
  return view(sla_embedded_codesecure_policy, sla_embedded_codesecure_policy_size);
}

std::string_view embedded_new_york_tzif() {
  return view(sla_embedded_new_york_tzif, sla_embedded_new_york_tzif_size);
}

}  // namespace sla
