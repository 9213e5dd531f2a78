// Kubernetes object-name and label syntax checks, shared by every resource's validation.
#pragma once

#include <string_view>

namespace aoa::render {

// RFC 1123 label: [a-z0-9]([-a-z0-9]*[a-z0-9])?, 1..63 characters.
// Namespaces, Services and most Kubernetes names must be one.
bool is_dns1123_label(std::string_view s);

// RFC 1123 subdomain: dot-separated DNS-1123 labels, 1..253 characters in total.
// Names of Argo CD Applications and AppProjects must be one.
bool is_dns1123_subdomain(std::string_view s);

// Label key: optional "<dns-1123-subdomain>/" prefix, then a name of 1..63 characters matching
// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9].
bool is_label_key(std::string_view s);

// Label value: empty, or at most 63 characters matching ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9].
bool is_label_value(std::string_view s);

}  // namespace aoa::render
