// Runs a program with fork and exec, capturing its output through temporary files.
#include "cli_run.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sla::test {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string temp_path(const char* suffix) {
  std::string pattern = "/tmp/sla-cli-XXXXXX";
  int fd = mkstemp(pattern.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  close(fd);
  return pattern + suffix;
}

}  // namespace

RunResult run(const std::string& binary, const std::vector<std::string>& args,
              const RunOptions& options) {
  std::string base = temp_path("");
  std::string in_path = base + ".in", out_path = base + ".out", err_path = base + ".err";
  std::ofstream(in_path, std::ios::binary) << options.input;

  std::vector<std::string> env = {"SLA_NOW=2026-11-25T12:00:00-05:00", "NO_COLOR=1", "TZ=UTC",
                                  "PATH=/usr/bin:/bin"};
  for (const std::string& e : options.env) {
    std::string name = e.substr(0, e.find('='));
    bool replaced = false;
    for (std::string& existing : env) {
      if (existing.compare(0, name.size() + 1, name + "=") == 0) {
        existing = e;
        replaced = true;
      }
    }
    if (!replaced) env.push_back(e);
  }
  std::vector<char*> argv{const_cast<char*>(binary.c_str())};
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_t pid = fork();
  if (pid == 0) {
    int in = open(in_path.c_str(), O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) _exit(127);
    execve(binary.c_str(), argv.data(), envp.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  RunResult r;
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(out_path);
  r.err = slurp(err_path);
  for (const std::string& p : {base, in_path, out_path, err_path}) std::remove(p.c_str());
  return r;
}

int count_lines(const std::string& text) {
  int n = 0;
  for (char c : text) n += c == '\n';
  if (!text.empty() && text.back() != '\n') ++n;
  return n;
}

}  // namespace sla::test
