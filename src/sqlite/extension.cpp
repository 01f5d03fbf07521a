// The SQLite loadable extension libsla: its entry point, and the helpers every function uses.
#include "sqlite/sqlite_api.hpp"

#include <climits>
#include <new>
#include <string>

SQLITE_EXTENSION_INIT1

namespace sla {

SqlValue read_value(sqlite3_value* value) {
  SqlValue v;
  switch (sqlite3_value_type(value)) {
    case SQLITE_INTEGER:
      v.type = SqlValue::Type::kInteger;
      v.integer = sqlite3_value_int64(value);
      break;
    case SQLITE_FLOAT:
      v.type = SqlValue::Type::kReal;
      v.real = sqlite3_value_double(value);
      break;
    case SQLITE_TEXT: {
      v.type = SqlValue::Type::kText;
      const unsigned char* text = sqlite3_value_text(value);
      if (text == nullptr) throw std::bad_alloc();
      const int size = sqlite3_value_bytes(value);
      v.bytes = {reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)};
      // As batch reads an unquoted CSV cell, and as `.import` does not: without its spaces.
      while (!v.bytes.empty() && v.bytes.front() == ' ') v.bytes.remove_prefix(1);
      while (!v.bytes.empty() && v.bytes.back() == ' ') v.bytes.remove_suffix(1);
      break;
    }
    case SQLITE_BLOB: {
      v.type = SqlValue::Type::kBlob;
      const void* blob = sqlite3_value_blob(value);
      const int size = sqlite3_value_bytes(value);
      if (blob == nullptr && size > 0) throw std::bad_alloc();
      v.bytes = {static_cast<const char*>(blob), static_cast<std::size_t>(size)};
      break;
    }
    default:
      break;
  }
  return v;
}

void result_text(sqlite3_context* context, std::string_view text) {
  // SQLITE_TRANSIENT: SQLite copies the text before the call returns.
  sqlite3_result_text(context, text.data(), static_cast<int>(text.size()),
                      reinterpret_cast<sqlite3_destructor_type>(-1));
}

void result_input_error(sqlite3_context* context, std::string_view message) noexcept {
  try {
    std::string text = "sla: error: ";
    text += message;
    sqlite3_result_error(context, text.data(), static_cast<int>(text.size()));
  } catch (const std::bad_alloc&) {
    sqlite3_result_error_nomem(context);
  }
}

void* share(const ConnectionRef& connection) {
  return new ConnectionRef(connection);
}

void release_share(void* share) {
  delete static_cast<ConnectionRef*>(share);
}

}  // namespace sla

// The entry point SQLite finds from the file name libsla: registers everything on `db`, with a
// fresh connection state. Loading the extension again on the same connection starts afresh.
extern "C" __attribute__((visibility("default"))) int sqlite3_sla_init(
    sqlite3* db, char** error, const sqlite3_api_routines* api) {
  SQLITE_EXTENSION_INIT2(api);
  try {
    auto connection = std::make_shared<sla::Connection>();
    int rc = sla::register_functions(db, connection);
    if (rc == SQLITE_OK) rc = sla::register_holidays_table(db, connection);
    if (rc != SQLITE_OK && error != nullptr) {
      *error = sqlite3_mprintf("sla: cannot register the functions: %s", sqlite3_errstr(rc));
    }
    return rc;
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  }
}
