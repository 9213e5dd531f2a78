#include "internal/gitops/release_journal.h"

#include <git2.h>

#include <cstdio>
#include <nlohmann/json.hpp>

namespace aoa::gitops {
namespace {

using nlohmann::json;

std::string entry_name(size_t seq) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08zu.json", seq);
  return buf;
}

json encode(const HeldChange& c) {
  json changes = json::array();
  for (const auto& ch : c.request.changes)
    changes.push_back({{"path", ch.path}, {"content", ch.content ? json(*ch.content) : json(nullptr)}});
  return {{"message", c.request.message}, {"changes", changes}, {"before", c.before}};
}

HeldChange decode(const std::string& text, const std::string& where) {
  try {
    const json j = json::parse(text);
    HeldChange c;
    c.request.message = j.at("message").get<std::string>();
    for (const auto& ch : j.at("changes"))
      c.request.changes.push_back({ch.at("path").get<std::string>(),
                                   ch.at("content").is_null() ? std::nullopt
                                                              : std::optional(ch.at("content").get<std::string>())});
    c.before = j.at("before").get<std::map<std::string, std::string>>();
    for (const auto& ch : c.request.changes) Store::validate_path(ch.path);
    return c;
  } catch (const json::exception& e) {
    throw StoreError("release journal entry " + where + " is not readable: " + e.what());
  }
}

}  // namespace

ReleaseJournal::ReleaseJournal(std::unique_ptr<Store> side) : side_(std::move(side)) { git_libgit2_init(); }
ReleaseJournal::~ReleaseJournal() { git_libgit2_shutdown(); }

std::string ReleaseJournal::branch_for(const std::string& branch) { return "appofapps/journal/" + branch; }

std::string ReleaseJournal::content_id(const std::optional<std::string>& text) {
  if (!text) return "";
  git_oid oid;
  git_odb_hash(&oid, text->data(), text->size(), GIT_OBJECT_BLOB);
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &oid);
  return hex;
}

std::map<std::string, std::vector<HeldChange>> ReleaseJournal::load() const {
  std::map<std::string, std::vector<HeldChange>> out;
  if (!side_->exists()) return out;
  for (const auto& path : side_->list_recursive("")) {  // sorted: keys, then seq
    const auto slash = path.rfind('/');
    if (slash == std::string::npos || !path.ends_with(".json")) continue;
    auto text = side_->read(path);
    if (text) out[path.substr(0, slash)].push_back(decode(*text, path));
  }
  return out;
}

std::string ReleaseJournal::append(const std::map<std::string, std::vector<HeldChange>>& entries) {
  CommitRequest commit;
  std::string keys;
  for (const auto& [key, changes] : entries) {
    size_t seq = side_->list(key).size();
    for (const auto& c : changes) commit.changes.push_back({key + "/" + entry_name(++seq), encode(c).dump()});
    keys += (keys.empty() ? "" : ", ") + key;
  }
  if (commit.changes.empty()) return side_->tip();
  commit.message = "Hold " + std::to_string(commit.changes.size()) + " change(s) for the release of " + keys + "\n";
  return side_->commit(commit).commit_id;
}

void ReleaseJournal::clear(const std::string& key) {
  CommitRequest commit;
  for (const auto& name : side_->list(key)) commit.changes.push_back({key + "/" + name, std::nullopt});
  if (commit.changes.empty()) return;
  commit.message = "Clear the held changes of " + key + "\n";
  side_->commit(commit);
}

JournalRecovery ReleaseJournal::recover(const std::vector<HeldChange>& entries, const Store& branch) {
  JournalRecovery r;
  r.changes = entries.size();
  std::map<std::string, std::string> before, after;  // the key's first `before` and last content, per path
  for (const auto& e : entries) {
    for (const auto& [path, id] : e.before) before.emplace(path, id);
    for (const auto& ch : e.request.changes) after[ch.path] = content_id(ch.content);
  }
  bool all_published = true;
  for (const auto& [path, final_id] : after) {
    const std::string now = content_id(branch.read(path));
    const auto b = before.find(path);
    const bool was_before = b != before.end() && b->second == now;
    if (now != final_id) all_published = false;
    if (!was_before && now != final_id) {
      r.outcome = JournalRecovery::Outcome::Discarded;
      r.conflict = path;
      return r;
    }
  }
  // Some paths may already hold their final content (a no-op change): the rest is still pending.
  r.outcome = all_published && !after.empty() ? JournalRecovery::Outcome::Published
                                              : JournalRecovery::Outcome::Pending;
  return r;
}

}  // namespace aoa::gitops
