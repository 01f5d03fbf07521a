// Files, zoneinfo, the clock and the terminal.
#include "system.hpp"

#include "embedded.hpp"
#include "error.hpp"
#include "time_text.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace sla {
namespace {

constexpr std::string_view kPolicyZone = "America/New_York";

// Reads a file; returns false (errno set) if it cannot be opened or read, or is a directory.
// Policy, holiday and zone files are kilobytes: a bigger one (or /dev/zero, which never
// ends) is refused rather than read until memory runs out.
constexpr std::size_t kMaxFile = std::size_t{16} << 20;

// A file descriptor, closed when it goes, with errno as it was.
class OpenFile {
 public:
  explicit OpenFile(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~OpenFile() {
    if (fd_ < 0) return;
    const int saved = errno;
    ::close(fd_);
    errno = saved;
  }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

// Straight into the string, sized from the file's own size: a stream would add a buffer of
// its own and a copy, and a chunk on the stack; one `sla due` reads its zone this way, and
// each page it touches costs a page fault.
bool try_read(const std::string& path, std::string& content) {
  const OpenFile file(path);
  if (file.fd() < 0) return false;
  struct stat info {};
  if (fstat(file.fd(), &info) != 0) return false;
  if (S_ISDIR(info.st_mode)) {
    errno = EISDIR;
    return false;
  }
  // A regular file's size, and one byte more to see its end in the same read; a device or a
  // pipe says none, and grows the string as it gives more.
  const auto size = S_ISREG(info.st_mode) ? static_cast<std::size_t>(info.st_size) : 0;
  if (size > kMaxFile) {
    errno = EFBIG;
    return false;
  }
  std::string text(S_ISREG(info.st_mode) ? size + 1 : 4096, '\0');
  std::size_t used = 0;
  for (;;) {
    if (used == text.size()) {
      if (used > kMaxFile) {
        errno = EFBIG;
        return false;
      }
      text.resize(2 * used);
    }
    const ssize_t n = ::read(file.fd(), text.data() + used, text.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  text.resize(used);
  content = std::move(text);
  return true;
}

bool valid_zone_name(std::string_view name) {
  if (name.empty() || name.size() > 255 || name.front() == '/' ||
      name.find("..") != std::string_view::npos) {
    return false;
  }
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  return true;
}

std::string zoneinfo_dir() {
  const char* dir = std::getenv("TZDIR");
  return dir != nullptr && *dir != '\0' ? dir : SLA_ZONEINFO_DIR;
}

Zone local_zone() {
  const char* tz = std::getenv("TZ");
  if (tz != nullptr && *tz != '\0') {
    std::string_view name = tz;
    if (name.front() == ':') name.remove_prefix(1);
    std::string content;
    if (valid_zone_name(name) && try_read(zoneinfo_dir() + "/" + std::string(name), content)) {
      return Zone::from_tzif(name, content);
    }
    return Zone::from_posix(name, name);
  }
  std::string content;
  if (try_read("/etc/localtime", content)) return Zone::from_tzif("local", content);
  return Zone::utc();
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Returns "; did you mean Europe/Berlin?" for a name in the wrong case or a bare city
// ("berlin", "New York"), from the zones under `dir`; "" if none is close. Reads the
// directory: only for an error.
std::string suggestion(std::string_view name, const std::string& dir) {
  std::string wanted = lower(name);
  std::replace(wanted.begin(), wanted.end(), ' ', '_');
  std::vector<std::string> full, city;
  std::error_code ec;
  namespace fs = std::filesystem;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string path = it->path().string().substr(dir.size() + 1);
    if (it->is_directory(ec) && (path == "posix" || path == "right")) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec) || path.find('.') != std::string::npos ||
        !std::isupper(static_cast<unsigned char>(path[0]))) {
      continue;
    }
    const std::string folded = lower(path);
    if (folded == wanted) full.push_back(path);
    const auto slash = folded.rfind('/');
    if (slash != std::string::npos && folded.substr(slash + 1) == wanted) city.push_back(path);
  }
  std::vector<std::string>& found = full.empty() ? city : full;
  if (found.empty() || found.size() > 3) return "";
  std::sort(found.begin(), found.end());
  std::string out = "; did you mean ";
  for (std::size_t i = 0; i < found.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == found.size() ? " or " : ", ") + found[i];
  }
  return out + "?";
}

}  // namespace

std::string read_file(const std::string& path, std::string_view what) {
  std::string content;
  if (!try_read(path, content)) {
    const std::string why = errno == EFBIG ? "larger than 16 MiB; expected a policy or holiday file"
                                           : std::strerror(errno);
    throw InputError("cannot read " + std::string(what) + " " + quote(path) + ": " + why);
  }
  return content;
}

Zone load_zone(std::string_view name, std::string_view what) {
  if (name == "UTC" || name == "utc" || name == "Etc/UTC") return Zone::utc();
  if (name == "local") return local_zone();
  if (!valid_zone_name(name)) {
    throw InputError("invalid " + std::string(what) + " " + quote(name) +
                     ": not a time zone name; expected an IANA name like America/New_York, "
                     "UTC or local" +
                     suggestion(name, zoneinfo_dir()));
  }
  std::string content;
  if (try_read(zoneinfo_dir() + "/" + std::string(name), content)) {
    return Zone::from_tzif(name, content);
  }
  if (name == kPolicyZone) return Zone::from_tzif(name, embedded_new_york_tzif());
  throw InputError("invalid " + std::string(what) + " " + quote(name) + ": no such time zone in " +
                   zoneinfo_dir() + "; expected an IANA name like America/New_York, UTC or local" +
                   suggestion(name, zoneinfo_dir()));
}

date::sys_seconds current_time(const Zone& policy_zone) {
  auto now = date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const char* pinned = std::getenv("SLA_NOW");
  if (pinned != nullptr && *pinned != '\0') return parse_time(pinned, policy_zone, now, "SLA_NOW");
  return now;
}

Zone SystemResources::zone(std::string_view name, std::string_view what) {
  return load_zone(name, what);
}

std::string SystemResources::read(const std::string& path, std::string_view what) {
  return read_file(path, what);
}

std::vector<PolicyText> policy_files(const std::vector<std::string>& given) {
  std::vector<std::string> paths = given;
  std::string_view what = "--policy";
  const char* env = std::getenv("SLA_POLICY");
  if (paths.empty() && env != nullptr && *env != '\0') {
    what = "SLA_POLICY";
    std::string_view list = env;
    for (std::size_t start = 0; start <= list.size();) {
      std::size_t colon = std::min(list.find(':', start), list.size());
      if (colon > start) paths.emplace_back(list.substr(start, colon - start));
      start = colon + 1;
    }
  }
  std::vector<PolicyText> files;
  for (const std::string& path : paths) files.push_back({read_file(path, what), path, false});
  return files;
}

bool color_wanted(std::string_view when) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;  // even over --color always
  return when == "always" || (when == "auto" && isatty(STDOUT_FILENO) == 1);
}

}  // namespace sla
