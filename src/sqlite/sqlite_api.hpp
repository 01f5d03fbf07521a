// The SQLite extension's side of SQLite: the API table the loader hands over, values read
// without copying, results and errors, and the registration of the functions and the table.
#pragma once

#include "sqlite/arguments.hpp"
#include "sqlite/connection.hpp"

#include <sqlite3ext.h>

#include <string_view>

// The API table, set by sqlite3_sla_init: every sqlite3_* call below goes through it, so the
// extension links no SQLite library of its own.
SQLITE_EXTENSION_INIT3

namespace sla {

// Returns the argument as a value; its bytes stay valid during the call. Throws
// std::bad_alloc if SQLite runs out of memory converting it.
SqlValue read_value(sqlite3_value* value);

// Sets the result to `text`, copied.
void result_text(sqlite3_context* context, std::string_view text);

// Sets the result to the error `message` (an InputError's) as the CLI prints it:
// "sla: error: " then the message.
void result_input_error(sqlite3_context* context, std::string_view message) noexcept;

// Registers the scalar functions on `db`, each holding a share of `connection`. Returns an
// SQLite result code.
int register_functions(sqlite3* db, const ConnectionRef& connection);

// Registers the table-valued function sla_holidays on `db`. Returns an SQLite result code.
int register_holidays_table(sqlite3* db, const ConnectionRef& connection);

// Returns a new share of `connection`, for SQLite to hold as a registration's user data.
void* share(const ConnectionRef& connection);

// Frees a share made by share(): SQLite's destructor for it.
void release_share(void* share);

}  // namespace sla
