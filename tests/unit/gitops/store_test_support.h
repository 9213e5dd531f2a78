// Helpers of the store tests: temporary folders, git on the command line, requests.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "internal/gitops/store.h"

namespace aoa::gitops::testing {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "aoa-gitops-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) std::abort();
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  std::string str(const std::string& sub = "") const { return sub.empty() ? path_.string() : (path_ / sub).string(); }

 private:
  fs::path path_;
};

struct CmdResult {
  int rc;
  std::string out;
};

inline CmdResult run(const std::string& cmd) {
  CmdResult r{-1, ""};
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = ::pclose(p);
  r.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline std::string git(const std::string& dir, const std::string& args) {
  return run("git -C '" + dir + "' " + args + " 2>/dev/null").out;
}

inline int commit_count(const std::string& dir, const std::string& branch = "main") {
  std::string out = git(dir, "rev-list --count " + branch);
  return out.empty() ? 0 : std::stoi(out);
}

inline StoreConfig cfg(const std::string& location, const std::string& subpath = "", const std::string& branch = "main") {
  StoreConfig c;
  c.location = location;
  c.subpath = subpath;
  c.branch = branch;
  return c;
}

inline CommitRequest req(std::vector<FileChange> changes, std::string msg = "update\n") {
  return CommitRequest{std::move(changes), std::move(msg)};
}

}  // namespace aoa::gitops::testing
