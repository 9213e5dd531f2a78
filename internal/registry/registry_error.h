// The error of the registry: which field of a record is wrong, and why.
#pragma once

#include <stdexcept>
#include <string>

namespace aoa::registry {

class RegistryError : public std::runtime_error {
 public:
  // `field` is the path of the offending field in the record ("metrics.auc", "lineage.run_id"),
  // empty for the document as a whole. what() reads "model version record: <field>: <message>".
  RegistryError(std::string field, const std::string& message);
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

}  // namespace aoa::registry
