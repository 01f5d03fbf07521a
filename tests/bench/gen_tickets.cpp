// Writes N synthetic tickets as batch CSV to standard output, for the benchmark.
// Usage: sla_gen_tickets N [SEED] [FORM]
// FORM: canonical (default: sla's own columns, mixed time forms), columns (the same with a
// help desk's column names), export (those names, and times written "25/11/2026 16:30:00" as
// wall times of -05:00, for --time-format '%d/%m/%Y %H:%M:%S' --input-tz Etc/GMT+5), history
// (canonical, and on every row submitted three days before --now 2026-11-25T12:00:00-05:00 a
// reclassification and a pause, closed or still running, in columns reclassified and paused).
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

namespace {

// The civil date of `days` since 1970-01-01.
void civil(std::int64_t days, int& y, int& m, int& d) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

// Appends instant `t` (Unix seconds) in one of the forms sla accepts, chosen by `form`: 0 @unix,
// 1 ISO 8601 in UTC, 2 ISO 8601 at -05:00, 3 DD/MM/YYYY HH:MM:SS wall time at -05:00.
void append_time(std::string& out, std::int64_t t, unsigned form) {
  char text[48];
  if (form == 3) {
    const std::int64_t local = t - 5 * 3600;
    const std::int64_t days = (local >= 0 ? local : local - 86399) / 86400;
    const auto second = static_cast<int>(local - days * 86400);
    int y = 0, m = 0, d = 0;
    civil(days, y, m, d);
    std::snprintf(text, sizeof text, "%02d/%02d/%04d %02d:%02d:%02d", d, m, y, second / 3600,
                  second / 60 % 60, second % 60);
    out += text;
    return;
  }
  if (form == 0) {
    std::snprintf(text, sizeof text, "@%" PRId64, t);
    out += text;
    return;
  }
  const int offset = form == 1 ? 0 : -5 * 3600;  // UTC, or a fixed -05:00 (valid all year)
  const std::int64_t local = t + offset;
  const std::int64_t days = (local >= 0 ? local : local - 86399) / 86400;
  const auto second = static_cast<int>(local - days * 86400);
  int y = 0, m = 0, d = 0;
  civil(days, y, m, d);
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d%s", y, m, d, second / 3600,
                second / 60 % 60, second % 60, form == 1 ? "Z" : "-05:00");
  out += text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s N [SEED]\n", argv[0]);
    return 2;
  }
  const long long n = std::atoll(argv[1]);
  std::mt19937_64 rng(argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1);
  const std::string form = argc > 3 ? argv[3] : "canonical";
  const bool renamed = form == "columns" || form == "export";
  const bool export_times = form == "export";
  static const char* const kPriorities[] = {"P1", "P2", "P3", "P4", "p3", "urgent", "4", ""};
  static const char* const kTiers[] = {"standard", "premium", "", "Premium"};
  const std::int64_t from = 1735707600;  // 2025-01-01T00:00:00-05:00
  const std::int64_t span = 700LL * 86400;
  const bool history = form == "history";
  const std::int64_t now = 1795626000;  // 2026-11-25T12:00:00-05:00, the benchmark's --now
  std::string out = renamed ? "Ticket ID,Created time,Priority,Plan,Initial response time,Subject"
                            : "id,submitted,priority,tier,responded,subject";
  out += history ? ",reclassified,paused\n" : "\n";
  for (long long i = 0; i < n; ++i) {
    const std::uint64_t r = rng();
    const std::int64_t submitted = from + static_cast<std::int64_t>(r % span);
    out += "T" + std::to_string(100000 + i) + ',';
    append_time(out, submitted, export_times ? 3 : static_cast<unsigned>(r >> 40) % 8 == 0 ? 1 : 2);
    out += ',';
    out += kPriorities[(r >> 44) % 8];
    out += ',';
    out += kTiers[(r >> 48) % 4];
    out += ',';
    if ((r >> 52) % 2 == 0) {
      append_time(out, submitted + static_cast<std::int64_t>((r >> 20) % (5 * 86400)),
                  export_times ? 3 : static_cast<unsigned>(r >> 54) % 3);
    }
    out += (r >> 57) % 8 == 0 ? ",\"Login fails, \"\"SSO\"\" loop\"" : ",Login fails";
    if (history) {
      out += ',';
      const std::uint64_t h = rng();
      if (submitted + 3 * 86400 <= now) {
        append_time(out, submitted + static_cast<std::int64_t>(h % 86400), 2);
        out += '=';
        out += kPriorities[(h >> 20) % 4];
        out += ',';
        const std::int64_t pause = submitted + static_cast<std::int64_t>((h >> 24) % 86400);
        append_time(out, pause, 2);
        out += '/';
        if ((h >> 44) % 4 != 0)
          append_time(out, pause + static_cast<std::int64_t>((h >> 46) % 86400) + 1, 2);
      } else {
        out += ',';
      }
    }
    out += '\n';
    if (out.size() > (1 << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}
