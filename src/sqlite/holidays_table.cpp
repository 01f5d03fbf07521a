// The table-valued function sla_holidays(from_date, to_date): an eponymous virtual table
// listing the observed holidays of the default calendar, as `sla holidays --from --to` does.
#include "error.hpp"
#include "report.hpp"
#include "sqlite/sqlite_api.hpp"
#include "time_text.hpp"

#include <new>
#include <optional>
#include <string>
#include <vector>

namespace sla {
namespace {

constexpr const char* kSchema =
    "CREATE TABLE x(date TEXT, weekday TEXT, name TEXT, observed INTEGER, closed TEXT, "
    "from_date HIDDEN, to_date HIDDEN)";
enum Column { kDate, kWeekday, kName, kObserved, kClosed, kFrom, kTo };
constexpr int kBothArguments = 3;  // idxNum bits: from_date 1, to_date 2

struct Row {
  std::string date;  // YYYY-MM-DD
  std::string_view weekday;
  std::string name;
  bool observed = false;              // shifted from the rule's date (a weekend)
  std::optional<std::string> closed;  // a part-day closure: "13:00-24:00"
};

// SQLite sees the base; the rest is ours.
struct Table : sqlite3_vtab {
  ConnectionRef connection;
};

struct Cursor : sqlite3_vtab_cursor {
  std::vector<Row> rows;  // computed by filter, so that a policy loaded meanwhile changes none
  std::size_t at = 0;
};

Table& table_of(sqlite3_vtab* vtab) {
  return *static_cast<Table*>(vtab);
}
Cursor& cursor_of(sqlite3_vtab_cursor* cursor) {
  return *static_cast<Cursor*>(cursor);
}

// Returns the observed holidays from the day of `from_value` to that of `to_value`, days in the
// zone of the policy version in force at `from_value`. Throws InputError.
std::vector<Row> holidays_between(Connection& c, const SqlValue& from_value,
                                  const SqlValue& to_value) {
  const Engine& engine = c.engine();
  SqlTextBuffer buffers[2];
  TicketText text;
  text.submitted = time_text(from_value, "from_date", buffers[0]);
  const Ticket start = c.read(text, Reading::kFromDate);
  const Zone& zone = engine.policy_zone(start.version);
  const std::string_view to_text = time_text(to_value, "to_date", buffers[1]);
  const date::sys_seconds end = parse_time(to_text, zone, date::sys_seconds{}, "to_date");
  const auto from = date::floor<date::days>(zone.to_local(start.submitted));
  const auto to = date::floor<date::days>(zone.to_local(end));
  if (to < from) {
    throw InputError("invalid to_date " + quote(to_text) + ": before from_date " +
                     quote(text.submitted) + "; expected a date on or after it");
  }
  const Policy& policy = engine.policy(start.version);
  const HolidaySet& set = engine.clock(start.version, policy.default_calendar).holidays().set();
  std::vector<Row> rows;
  const int first = static_cast<int>(date::year_month_day{from}.year());
  const int last = static_cast<int>(date::year_month_day{to}.year());
  for (int y = first; y <= last; ++y) {
    for (const Holiday& h : set.observed_in(date::year{y})) {
      const auto day = date::local_days{h.observed_on.time_since_epoch()};
      if (day < from || day > to) continue;
      Row row{date::format("%F", h.observed_on), weekday_name(date::weekday{h.observed_on}),
              h.rule->name, h.shifted(), std::nullopt};
      if (h.rule->closed) row.closed = format_interval(*h.rule->closed);
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

int connect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** vtab, char**) {
  const int rc = sqlite3_declare_vtab(db, kSchema);
  if (rc != SQLITE_OK) return rc;
  auto* table = new (std::nothrow) Table{};
  if (table == nullptr) return SQLITE_NOMEM;
  table->connection = *static_cast<ConnectionRef*>(aux);
  *vtab = table;
  return SQLITE_OK;
}

int disconnect(sqlite3_vtab* vtab) {
  delete &table_of(vtab);
  return SQLITE_OK;
}

// Takes from_date and to_date as equality constraints on the hidden columns; a plan that
// cannot supply them yet is refused, so that SQLite finds one that can.
int best_index(sqlite3_vtab*, sqlite3_index_info* info) {
  int given[2] = {-1, -1};
  for (int i = 0; i < info->nConstraint; ++i) {
    const auto& constraint = info->aConstraint[i];
    if (constraint.iColumn != kFrom && constraint.iColumn != kTo) continue;
    if (constraint.op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (!constraint.usable) return SQLITE_CONSTRAINT;
    given[constraint.iColumn - kFrom] = i;
  }
  int arguments = 0;
  info->idxNum = 0;
  for (int which = 0; which < 2; ++which) {
    if (given[which] < 0) continue;
    info->aConstraintUsage[given[which]].argvIndex = ++arguments;
    info->aConstraintUsage[given[which]].omit = 1;
    info->idxNum |= 1 << which;
  }
  info->estimatedCost = info->idxNum == kBothArguments ? 10.0 : 1e12;
  info->estimatedRows = info->idxNum == kBothArguments ? 20 : 1'000'000'000;
  return SQLITE_OK;
}

int open_cursor(sqlite3_vtab*, sqlite3_vtab_cursor** cursor) {
  auto* c = new (std::nothrow) Cursor{};
  if (c == nullptr) return SQLITE_NOMEM;
  *cursor = c;
  return SQLITE_OK;
}

int close_cursor(sqlite3_vtab_cursor* cursor) {
  delete &cursor_of(cursor);
  return SQLITE_OK;
}

// Sets the table's error message to `message` as the CLI prints it. Allocates with SQLite only.
int fail(sqlite3_vtab_cursor* cursor, const char* message) noexcept {
  sqlite3_vtab* vtab = cursor->pVtab;
  sqlite3_free(vtab->zErrMsg);
  vtab->zErrMsg = sqlite3_mprintf("sla: error: %s", message);
  return SQLITE_ERROR;
}

int filter(sqlite3_vtab_cursor* cursor, int idx, const char*, int, sqlite3_value** argv) {
  Cursor& c = cursor_of(cursor);
  c.rows.clear();
  c.at = 0;
  try {
    if (idx != kBothArguments) {
      return fail(cursor,
                  "sla_holidays needs from_date and to_date; expected e.g. SELECT * FROM "
                  "sla_holidays('2026-01-01', '2026-12-31')");
    }
    const SqlValue from = read_value(argv[0]);
    const SqlValue to = read_value(argv[1]);
    if (from.type == SqlValue::Type::kNull || to.type == SqlValue::Type::kNull) return SQLITE_OK;
    c.rows = holidays_between(*table_of(cursor->pVtab).connection, from, to);
    return SQLITE_OK;
  } catch (const InputError& e) {
    return fail(cursor, e.what());
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {  // nothing may unwind into SQLite
    return SQLITE_ERROR;
  }
}

int next(sqlite3_vtab_cursor* cursor) {
  ++cursor_of(cursor).at;
  return SQLITE_OK;
}

int eof(sqlite3_vtab_cursor* cursor) {
  const Cursor& c = cursor_of(cursor);
  return c.at >= c.rows.size() ? 1 : 0;
}

int column(sqlite3_vtab_cursor* cursor, sqlite3_context* context, int n) {
  const Row& row = cursor_of(cursor).rows[cursor_of(cursor).at];
  switch (n) {
    case kDate:
      result_text(context, row.date);
      break;
    case kWeekday:
      result_text(context, row.weekday);
      break;
    case kName:
      result_text(context, row.name);
      break;
    case kObserved:
      sqlite3_result_int(context, row.observed ? 1 : 0);
      break;
    case kClosed:
      if (row.closed) {
        result_text(context, *row.closed);
      } else {
        sqlite3_result_null(context);
      }
      break;
    default:  // the hidden arguments are not kept
      sqlite3_result_null(context);
  }
  return SQLITE_OK;
}

int rowid(sqlite3_vtab_cursor* cursor, sqlite3_int64* id) {
  *id = static_cast<sqlite3_int64>(cursor_of(cursor).at) + 1;
  return SQLITE_OK;
}

sqlite3_module holidays_module() {
  sqlite3_module m{};
  // xCreate stays null: the table exists only as the eponymous sla_holidays.
  m.xConnect = connect;
  m.xBestIndex = best_index;
  m.xDisconnect = disconnect;
  m.xDestroy = disconnect;
  m.xOpen = open_cursor;
  m.xClose = close_cursor;
  m.xFilter = filter;
  m.xNext = next;
  m.xEof = eof;
  m.xColumn = column;
  m.xRowid = rowid;
  return m;
}

const sqlite3_module kHolidaysModule = holidays_module();

}  // namespace

int register_holidays_table(sqlite3* db, const ConnectionRef& connection) {
  // On failure SQLite frees the share itself.
  return sqlite3_create_module_v2(db, "sla_holidays", &kHolidaysModule, share(connection),
                                  release_share);
}

}  // namespace sla
