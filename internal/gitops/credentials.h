// Credentials of a remote repository and the checks around them: an HTTPS token (literal, from an
// environment variable or from a file, read again on every use so a rotated token is picked up),
// an SSH key file or the SSH agent, the known_hosts check of an SSH host key, and the scrubbing of
// secrets out of any text that leaves this library (errors, logs).
//
// Nothing here writes to stdout or stderr, and no function puts a secret into a Status message.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "internal/status/status.h"

namespace aoa::gitops {

struct Credentials {
  // HTTPS: the user name sent with the token (default "x-access-token", which GitHub and Azure
  // DevOps accept with a token); SSH: the user when the URL names none (default "git").
  std::string username;
  // The token, in order of precedence: literal, environment variable named `token_env`, file.
  std::string token;
  std::string token_env;
  std::string token_file;
  // SSH: a private key file (its public half "<key>.pub" is used when present); empty = the agent
  // (SSH_AUTH_SOCK).
  std::string ssh_key_file;
  // SSH host keys are checked against this file (OpenSSH format, hashed entries included);
  // empty = ~/.ssh/known_hosts. `insecure_ignore_host_key` turns the check off.
  std::string known_hosts_file;
  bool insecure_ignore_host_key = false;
  // HTTPS: a PEM file of certificate authorities to trust instead of the system's.
  std::string ca_bundle;

  bool has_token_source() const { return !token.empty() || !token_env.empty() || !token_file.empty(); }
};

// The token as of now (re-read from the environment or the file on every call). NotFound when no
// source is configured; InvalidArgument when the named variable is unset/empty or the file cannot
// be read or is empty (the message names the variable or file, never a value).
Result<std::string> resolve_token(const Credentials& credentials);

// The known_hosts path that `credentials` checks against.
std::string known_hosts_path(const Credentials& credentials);

// Checks an SSH host key (the raw key blob as the server sent it) of `host`:`port` against an
// OpenSSH known_hosts file: plain and hashed ("|1|salt|hash") host patterns, "[host]:port" for a
// port other than 22, '*'/'?' wildcards and "!" negations, "@revoked" lines. OK when a line for
// the host carries the same key; Conflict when lines for the host exist with other keys (a changed
// host key); NotFound when the host is unknown or the file is missing.
Status check_known_host(const std::string& known_hosts_file, const std::string& host, int port,
                        const std::string& key_blob);

// `text` with every secret of `credentials` (the current token, whatever its source) and the
// user-info part of any URL ("https://user:secret@host" → "https://***@host") replaced.
std::string scrub(std::string text, const Credentials& credentials);
// Only the URL user-info part.
std::string redact_url_userinfo(std::string text);

}  // namespace aoa::gitops
