// Times commands started directly (posix_spawn, no shell), in turns, for the benchmark.
// Usage: sla_bench_spawn RUNS COMMAND [ARG]... [-- COMMAND [ARG]...]...
// Runs each command RUNS times, one after the other in every turn, with standard output and
// error sent to /dev/null, and prints one line a turn: each command's seconds, space-separated.
// Exits 2 if a command cannot start or exits with a status other than 0 or 1.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

extern char** environ;

namespace {

// Returns the seconds `argv` takes from its start to its end.
double run_once(char* const* argv, const posix_spawn_file_actions_t& quiet) {
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  if (const int error = posix_spawnp(&pid, argv[0], &quiet, nullptr, argv, environ); error != 0) {
    std::fprintf(stderr, "sla_bench_spawn: cannot start %s: %s\n", argv[0], std::strerror(error));
    std::exit(2);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) std::exit(2);
  }
  const auto end = std::chrono::steady_clock::now();
  if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
    std::fprintf(stderr, "sla_bench_spawn: %s failed (status %d)\n", argv[0], status);
    std::exit(2);
  }
  return std::chrono::duration<double>(end - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: sla_bench_spawn RUNS COMMAND [ARG]... [-- COMMAND [ARG]...]...\n");
    return 2;
  }
  const long runs = std::strtol(argv[1], nullptr, 10);
  std::vector<std::vector<char*>> commands(1);
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--") == 0) {
      commands.emplace_back();
    } else {
      commands.back().push_back(argv[i]);
    }
  }
  for (auto& command : commands) {
    if (command.empty()) {
      std::fprintf(stderr, "sla_bench_spawn: an empty command\n");
      return 2;
    }
    command.push_back(nullptr);
  }
  posix_spawn_file_actions_t quiet;
  posix_spawn_file_actions_init(&quiet);
  posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&quiet, 2, "/dev/null", O_WRONLY, 0);
  for (long turn = 0; turn < runs; ++turn) {
    for (std::size_t c = 0; c < commands.size(); ++c) {
      std::printf(c == 0 ? "%.9f" : " %.9f", run_once(commands[c].data(), quiet));
    }
    std::printf("\n");
  }
  posix_spawn_file_actions_destroy(&quiet);
  return 0;
}
