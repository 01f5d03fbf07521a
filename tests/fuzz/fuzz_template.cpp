// Fuzzes output templates (--format): any text either parses and fills every kind of record,
// or is refused with InputError quoting it.
#include "business_clock.hpp"
#include "embedded.hpp"
#include "error.hpp"
#include "evaluate.hpp"
#include "fields.hpp"
#include "fuzz_support.hpp"
#include "holidays.hpp"
#include "output_template.hpp"
#include "policy.hpp"
#include "ticket.hpp"
#include "zone.hpp"

#include <date/date.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

struct Fixture {
  const sla::Engine& engine = sla::fuzz::builtin_engine();
  const sla::Zone& zone = engine.policy_zone(0);
  sla::Result due;
  sla::Result checked;
  sla::Result responded;

  Fixture() {
    sla::Ticket ticket;
    ticket.submitted = date::sys_seconds{std::chrono::seconds{1795642200}};
    ticket.priority = 0;  // P1
    ticket.tier = 1;      // premium
    due = *engine.evaluate(ticket, ticket.submitted, 75);
    const date::sys_seconds now = ticket.submitted + std::chrono::hours{30};
    checked = *engine.evaluate(ticket, now, 75);
    ticket.responded = ticket.submitted + std::chrono::hours{1};
    responded = *engine.evaluate(ticket, now, 75);
  }
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

void fill(const sla::OutputTemplate& t, const sla::Record& record) {
  std::string out;
  try {
    t.append(out, record, fixture().zone);
  } catch (const sla::InputError&) {
    return;  // a spec that fits the sample value but not this one (documented)
  }
  if (out.empty() || out.back() != '\n') {
    std::fprintf(stderr, "invariant failed: a filled template does not end with a newline\n");
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto set = static_cast<sla::FieldSet>(data[0] % 3);
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const Fixture& f = fixture();
  try {
    auto t = sla::OutputTemplate::parse(text, set);
    switch (set) {
      case sla::FieldSet::kDue:
        fill(t, {set, &f.due, {}, 0, {}, {}});
        break;
      case sla::FieldSet::kCheck:
        fill(t, {set, &f.checked, {}, 0, {}, {}});
        fill(t, {set, &f.responded, {}, 0, {}, {}});
        break;
      case sla::FieldSet::kBatch:
        fill(t, {set, &f.responded, "T-1", 2, {}, {}});
        fill(t, {set, nullptr, "T-2", 3, "line 3, column 1 (submitted): invalid", "error"});
        break;
    }
  } catch (const sla::InputError& e) {
    if (std::string_view(e.what()).find("--format") == std::string_view::npos) {
      std::fprintf(stderr, "invariant failed: a template error that does not name --format\n");
      std::abort();
    }
  }
  return 0;
}
