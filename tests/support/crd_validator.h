// Test utility: validates a Kubernetes object (as YAML) against a CustomResourceDefinition's
// structural OpenAPI v3 schema, the way the API server would before admitting it.
//
// Supported: type (object, array, string, integer, number, boolean), required, properties,
// additionalProperties (schema or bool), x-kubernetes-preserve-unknown-fields, items, enum,
// nullable, x-kubernetes-int-or-string, anyOf/oneOf/allOf. Scalars are typed the way go-yaml
// (Kubernetes, Argo CD) reads them: unquoted true/yes/on/y are booleans, 123/0x1f/1_000 integers,
// 1.0/1e3/.inf numbers, ~/null/empty null; quoted scalars are strings. metadata is checked as
// Kubernetes ObjectMeta (name, namespace, label and annotation syntax, finalizers).
// Not supported (ignored): format, pattern, min/max*, x-kubernetes-validations (CEL).
#pragma once

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace aoa::testing {

// Errors as "<json path>: <message>", e.g. ".spec.destination: required property is missing".
// Empty = valid. A CRD that cannot be read, or has no served version matching the object's
// apiVersion, is reported as an error too (never a silent pass).
std::vector<std::string> validate_against_crd(const YAML::Node& object, const std::string& crd_path);

// Same, with the CustomResourceDefinition already loaded.
std::vector<std::string> validate_against_crd_node(const YAML::Node& object, const YAML::Node& crd);

}  // namespace aoa::testing
