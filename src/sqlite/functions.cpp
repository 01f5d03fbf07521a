// The extension's scalar functions: sla_deadline, sla_status, sla_elapsed, sla_add, sla_policy.
#include "error.hpp"
#include "sqlite/sqlite_api.hpp"
#include "time_text.hpp"

#include <cstdint>
#include <new>
#include <string>
#include <vector>

namespace sla {
namespace {

// "now" is refused before any time is read, so no function ever needs the clock.
constexpr date::sys_seconds kNoClock{};
constexpr double kDefaultWarn = 75.0;

Connection& connection_of(sqlite3_context* context) {
  return **static_cast<ConnectionRef*>(sqlite3_user_data(context));
}

// Runs `body`; what it throws becomes the call's SQL error. Nothing escapes into SQLite.
template <typename Body>
void guarded(sqlite3_context* context, Body&& body) noexcept {
  try {
    body();
  } catch (const InputError& e) {
    result_input_error(context, e.what());
  } catch (const std::bad_alloc&) {
    sqlite3_result_error_nomem(context);
  } catch (...) {
    sqlite3_result_error(context, "sla: internal error", -1);
  }
}

bool is_null(const SqlValue& v) {
  return v.type == SqlValue::Type::kNull;
}

// Returns an optional word argument: nullopt when NULL or empty (the default).
std::optional<std::string_view> optional_word(sqlite3_value* arg, std::string_view field,
                                              SqlTextBuffer& buffer) {
  const SqlValue v = read_value(arg);
  if (absent(v)) return std::nullopt;
  return word_text(v, field, buffer);
}

// Returns the ticket's result at `now`. Throws InputError if it has no deadline.
Result judge(const Engine& engine, const Ticket& ticket, date::sys_seconds now, double warn) {
  std::optional<Result> r = engine.evaluate(ticket, now, warn);
  if (!r) throw InputError(engine.no_deadline_message(ticket));
  return *r;
}

// A `now` argument read once, kept by SQLite with the statement (its auxiliary data) for as long
// as the argument stays the same, as a constant does for every row of a query.
struct ReadNow {
  std::uint64_t generation = 0;  // of the engine whose zone read it
  date::sys_seconds at{};
};

// Returns the time the argument `index`, `now`, gives, read in the newest version's zone.
date::sys_seconds read_now(sqlite3_context* context, int index, const SqlValue& now,
                           Connection& c) {
  const Engine& engine = c.engine();
  const auto* kept = static_cast<const ReadNow*>(sqlite3_get_auxdata(context, index));
  if (kept != nullptr && kept->generation == c.generation()) return kept->at;
  SqlTextBuffer buffer;
  const date::sys_seconds at = parse_time(time_text(now, "now", buffer),
                                          engine.policy_zone(engine.newest()), kNoClock, "now");
  // SQLite frees it when it lets it go, and at once if it cannot keep it.
  auto* keep = new (std::nothrow) ReadNow{c.generation(), at};
  if (keep != nullptr) {
    sqlite3_set_auxdata(context, index, keep, [](void* p) { delete static_cast<ReadNow*>(p); });
  }
  return at;
}

void result_time(sqlite3_context* context, Connection& c, date::sys_seconds t, const Zone& zone) {
  std::string& text = c.scratch();
  text.clear();
  append_time(text, t, zone);
  result_text(context, text);
}

// sla_deadline(submitted [, priority [, tier]]): the deadline, ISO 8601 in the policy zone.
void deadline(sqlite3_context* context, int argc, sqlite3_value** argv) {
  guarded(context, [&] {
    const SqlValue submitted = read_value(argv[0]);
    if (is_null(submitted)) return sqlite3_result_null(context);
    Connection& c = connection_of(context);
    const Engine& engine = c.engine();
    SqlTextBuffer buffers[3];
    TicketText text;
    text.submitted = time_text(submitted, "submitted", buffers[0]);
    if (argc > 1) text.priority = optional_word(argv[1], "priority", buffers[1]);
    if (argc > 2) text.tier = optional_word(argv[2], "tier", buffers[2]);
    const Ticket ticket = c.read(text, Reading::kSubmitted);
    const Result r = judge(engine, ticket, ticket.submitted, kDefaultWarn);
    result_time(context, c, r.deadline, engine.policy_zone(ticket.version));
  });
}

// sla_status(submitted, priority, tier, responded, now [, warn_percent]): on_track .. missed.
void status(sqlite3_context* context, int argc, sqlite3_value** argv) {
  guarded(context, [&] {
    const SqlValue submitted = read_value(argv[0]);
    const SqlValue now = read_value(argv[4]);
    if (is_null(submitted) || is_null(now)) return sqlite3_result_null(context);
    Connection& c = connection_of(context);
    const Engine& engine = c.engine();
    SqlTextBuffer buffers[4];
    TicketText text;
    text.submitted = time_text(submitted, "submitted", buffers[0]);
    text.priority = optional_word(argv[1], "priority", buffers[1]);
    text.tier = optional_word(argv[2], "tier", buffers[2]);
    const SqlValue responded = read_value(argv[3]);
    if (!absent(responded)) text.responded = time_text(responded, "responded", buffers[3]);
    double warn = kDefaultWarn;
    if (argc > 5) {
      const SqlValue percent = read_value(argv[5]);
      if (!absent(percent)) warn = percent_of(percent, "warn_percent");
    }
    const Ticket ticket = c.read(text, Reading::kSubmitted);
    const date::sys_seconds at = read_now(context, 4, now, c);
    const std::string_view name = status_name(judge(engine, ticket, at, warn).check->status);
    sqlite3_result_text(context, name.data(), static_cast<int>(name.size()), nullptr);
  });
}

// sla_elapsed(from, to): business seconds on the default calendar of the version in force at
// `from`; negative when `to` is before `from`.
void elapsed(sqlite3_context* context, int, sqlite3_value** argv) {
  guarded(context, [&] {
    const SqlValue from = read_value(argv[0]);
    const SqlValue to = read_value(argv[1]);
    if (is_null(from) || is_null(to)) return sqlite3_result_null(context);
    Connection& c = connection_of(context);
    const Engine& engine = c.engine();
    SqlTextBuffer buffers[2];
    TicketText text;
    text.submitted = time_text(from, "from", buffers[0]);
    const Ticket start = c.read(text, Reading::kFrom);
    const date::sys_seconds end = parse_time(time_text(to, "to", buffers[1]),
                                             engine.policy_zone(start.version), kNoClock, "to");
    const Policy& policy = engine.policy(start.version);
    const BusinessClock& clock = engine.clock(start.version, policy.default_calendar);
    const std::chrono::seconds s = end >= start.submitted ? clock.elapsed(start.submitted, end)
                                                          : -clock.elapsed(end, start.submitted);
    sqlite3_result_int64(context, s.count());
  });
}

// sla_add(time, seconds): the instant that many business seconds after `time`.
void add(sqlite3_context* context, int, sqlite3_value** argv) {
  guarded(context, [&] {
    const SqlValue time = read_value(argv[0]);
    const SqlValue seconds = read_value(argv[1]);
    if (is_null(time) || is_null(seconds)) return sqlite3_result_null(context);
    Connection& c = connection_of(context);
    const Engine& engine = c.engine();
    SqlTextBuffer buffer;
    TicketText text;
    text.submitted = time_text(time, "time", buffer);
    const Ticket start = c.read(text, Reading::kTime);
    const std::int64_t n = seconds_of(seconds, "seconds");
    const Policy& policy = engine.policy(start.version);
    const BusinessClock& clock = engine.clock(start.version, policy.default_calendar);
    const Zone& zone = engine.policy_zone(start.version);
    auto end = clock.deadline(start.submitted, std::chrono::seconds{n});
    if (!end || !in_supported_range(*end, zone)) {
      throw InputError("invalid seconds " + std::to_string(n) + ": after " +
                       format_time(start.submitted, zone) +
                       " they end past 9999-12-31, the last supported day; expected fewer");
    }
    result_time(context, c, *end, zone);
  });
}

// sla_policy(path [, path]...): the connection's policy from now on; returns its name.
void policy(sqlite3_context* context, int argc, sqlite3_value** argv) {
  guarded(context, [&] {
    if (argc == 0) {
      throw InputError(
          "sla_policy() names no file; expected the path of a policy file, or one per version");
    }
    std::vector<std::string> paths;
    for (int i = 0; i < argc; ++i) {
      const SqlValue path = read_value(argv[i]);
      if (is_null(path)) return sqlite3_result_null(context);
      SqlTextBuffer buffer;
      paths.emplace_back(word_text(path, "path", buffer));
    }
    result_text(context, connection_of(context).load_policy(paths));
  });
}

struct Function {
  const char* name;
  int arguments;  // -1: any number
  int flags;
  void (*call)(sqlite3_context*, int, sqlite3_value**);
};

// The pure functions' answers depend on their arguments and the connection's policy only:
// deterministic within a statement, which is all SQLite assumes of them, and harmless in a
// schema. sla_policy reads files: top-level SQL only, never from a view or trigger.
constexpr int kPure = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
constexpr Function kFunctions[] = {
    {"sla_deadline", 1, kPure, deadline},
    {"sla_deadline", 2, kPure, deadline},
    {"sla_deadline", 3, kPure, deadline},
    {"sla_status", 5, kPure, status},
    {"sla_status", 6, kPure, status},
    {"sla_elapsed", 2, kPure, elapsed},
    {"sla_add", 2, kPure, add},
    {"sla_policy", -1, SQLITE_UTF8 | SQLITE_DIRECTONLY, policy},
};

}  // namespace

int register_functions(sqlite3* db, const ConnectionRef& connection) {
  for (const Function& f : kFunctions) {
    // On failure SQLite frees the share itself.
    const int rc = sqlite3_create_function_v2(db, f.name, f.arguments, f.flags, share(connection),
                                              f.call, nullptr, nullptr, release_share);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

}  // namespace sla
