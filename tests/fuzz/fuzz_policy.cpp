// Fuzzes the policy-file parser: any bytes either read as a policy that writes back to TOML
// reading as the same policy and builds an engine whose tickets all have deadlines or none,
// or are refused with one InputError naming the file, line and column.
#include "engine.hpp"
#include "error.hpp"
#include "fuzz_support.hpp"
#include "policy_file.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

[[noreturn]] void fail(const std::string& what, std::string_view text) {
  std::fprintf(stderr, "invariant failed: %s\n%.*s\n", what.c_str(), static_cast<int>(text.size()),
               text.data());
  std::abort();
}

void check_message(const std::string& message, std::string_view text) {
  if (message.rfind("fuzz.toml:", 0) != 0) fail("an error without its place: " + message, text);
  if (message.find('\n') != std::string::npos) fail("an error of two lines: " + message, text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sla::Policy policy;
  try {
    policy = sla::parse_policy(text, "fuzz.toml");
  } catch (const sla::InputError& e) {
    check_message(e.what(), text);
    return 0;
  }
  const std::string written = sla::policy_to_toml(policy);
  sla::Policy again;
  try {
    again = sla::parse_policy(written, "fuzz.toml");
  } catch (const sla::InputError& e) {
    fail(std::string("the written policy does not read back: ") + e.what(), written);
  }
  if (sla::policy_to_toml(again) != written)
    fail("the written policy reads back otherwise", written);
  // The engine: zones other than the embedded ones and holiday files are refused cleanly.
  sla::fuzz::EmbeddedResources resources;
  sla::EngineSetup setup;
  setup.policies.push_back({std::string(text), "fuzz.toml", false});
  try {
    const sla::Engine engine(setup, resources);
    const sla::Policy& p = engine.policy(0);
    const date::sys_seconds start{std::chrono::seconds{1795642200}};
    for (std::size_t i = 0; i < p.priorities.size(); ++i) {
      for (std::size_t t = 0; t < p.tiers.size(); ++t) {
        sla::Ticket ticket;
        ticket.submitted = start;
        ticket.priority = i;
        ticket.tier = t;
        if (auto r = engine.evaluate(ticket, start + std::chrono::hours{100}, 75)) {
          if (r->deadline < start) fail("a deadline before the submission", text);
          if (r->check->elapsed > std::chrono::hours{100}) fail("more elapsed than passed", text);
        }
      }
    }
  } catch (const sla::InputError& e) {
    check_message(e.what(), text);
  }
  return 0;
}
