// Plan-time hints that a value meant to be plain text is a secret: environment_variables are
// written in clear to the GitOps repository, so a literal password or token there is a leak. The
// check warns; it never rejects (names and shapes are a guess), and it never repeats the value.
#pragma once

#include <string>

namespace aoa::provider {

// Why `value` under `key` looks like a literal secret, or "" when it does not. Reasons: the key
// names a secret (SECRET, TOKEN, PASSWORD, PASSWD, PWD, CREDENTIAL, or KEY / API_KEY /
// ACCESS_KEY as a part of it, parts split at '_', '-' and '.'), or the value has the shape of a
// token (a private key, a JWT, GitHub/GitLab/Slack/AWS tokens, an Azure connection string with a
// key, or 32+ characters of base64/hex). Empty values and references (a Key Vault secret URI,
// `${{keyvault:…}}`, `keyvaultref:`, `secretref:`) are not literals.
std::string literal_secret_reason(const std::string& key, const std::string& value);

// secret_environment_variables: references to secrets, never secrets. A value is an Azure Key
// Vault secret URI (`https://<vault>.vault.azure.net/secrets/<name>[/<version>]`) or an Azure ML
// workspace connection credential (`azureml://connections/<connection>/credentials/<key>`), the
// two stores Azure ML secret injection reads. What is wrong with `value` ("" when it is one).
std::string secret_reference_problem(const std::string& value);
// How the deployment YAML writes a reference: `${{keyvault:<uri>}}` or `${{azureml://…}}`.
std::string render_secret_reference(const std::string& value);
// The reference a rendered value stands for, or "" when it is not a rendered reference.
std::string parse_secret_reference(const std::string& rendered);

}  // namespace aoa::provider
