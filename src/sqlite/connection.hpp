// The SQLite extension's state for one database connection: its engine, the policy it was
// built from, and scratch space for results.
#pragma once

#include "engine.hpp"
#include "system.hpp"
#include "ticket_reader.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sla {

// What the time argument a ticket is read from is called in errors, by function.
enum class Reading { kSubmitted, kFrom, kTime, kFromDate };
inline constexpr std::size_t kReadings = 4;

// Owned jointly by every function and table the extension registers on one connection; SQLite
// frees each registration's share with the connection. SQLite runs one connection's calls one
// at a time (serialized mode holds the connection's mutex; in multi-thread mode a connection
// must not be used by two threads at once), so nothing here is locked. Never shared between
// connections: the engine's clocks fill caches as they run.
class Connection {
 public:
  // Returns the engine: the one load_policy made, else the built-in policy's, built on first
  // use. Throws InputError if it cannot be built.
  const Engine& engine() {
    if (!engine_) {
      engine_ = build({});
      ++generation_;
    }
    return *engine_;
  }

  // Returns the ticket `text` describes under the engine, its time argument named as
  // `reading` says. Throws InputError naming the argument.
  Ticket read(const TicketText& text, Reading reading);

  // Returns a number that changes whenever the engine does, to tell what an earlier engine
  // read (a time without an offset) from what this one would.
  std::uint64_t generation() const { return generation_; }

  // Makes the engine of the policy files at `paths` (one per version, as --policy takes
  // them) the connection's, and returns the name of the newest version. Throws InputError
  // naming the file; the engine in use then stays.
  std::string load_policy(const std::vector<std::string>& paths);

  // Returns a string to build a result in; cleared by the caller.
  std::string& scratch() { return scratch_; }

 private:
  static std::unique_ptr<Engine> build(const std::vector<std::string>& paths);

  SystemResources resources_;  // zones of RFC 9557 suffixes
  std::unique_ptr<Engine> engine_;
  std::array<std::unique_ptr<TicketReader>, kReadings> readers_;  // of engine_, made on use
  std::uint64_t generation_ = 0;
  std::string scratch_;
};

using ConnectionRef = std::shared_ptr<Connection>;

}  // namespace sla
