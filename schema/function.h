// Provider functions (tfplugin6 6.5, Terraform 1.8+): `provider::<name>::<function>(…)` in a
// configuration. A function declares its positional parameters and return type; Terraform checks
// the argument types, and the call turns known arguments into a result or a FunctionError that
// names the argument at fault. Pure: nothing here knows about gRPC, Git or ML.
//
// What Terraform guarantees before a call (terraform internal/providers/functions.go), and what
// call_function() checks again so that an implementation may rely on it:
// * one argument per parameter, converted to the parameter's type;
// * no argument holds an unknown value anywhere (no parameter here allows unknowns): Terraform
//   answers "unknown" itself without calling the provider; call_function() does the same;
// * no argument is null unless its parameter has allow_null (otherwise an error at that argument).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "schema/type.h"
#include "schema/value.h"

namespace aoa::schema {

struct FunctionParameter {
  std::string name;         // an HCL identifier; documentation and errors only (arguments are positional)
  cty::Type type;
  std::string description;  // Markdown
  bool allow_null = false;
};

struct FunctionSignature {
  std::string summary;      // one line, no Markdown
  std::string description;  // Markdown
  std::vector<FunctionParameter> parameters;
  cty::Type return_type;
};

// What went wrong; `argument` is the 0-based position of the argument at fault, none for the call
// as a whole. Terraform prints an argument's error as `Invalid value for "<parameter>" parameter:
// <text>.`, adding the final period itself, so call_function() removes one the text ends with.
struct FunctionError {
  std::string text;
  std::optional<int64_t> argument;
  bool operator==(const FunctionError&) const = default;
};

// Either a value of the signature's return type, or an error.
struct FunctionResult {
  cty::Value value;
  std::optional<FunctionError> error;

  static FunctionResult ok(cty::Value v) { return {std::move(v), std::nullopt}; }
  static FunctionResult fail(std::string text, std::optional<int64_t> argument) {
    return {cty::Value(), FunctionError{std::move(text), argument}};
  }
};

class Function {
 public:
  virtual ~Function() = default;
  virtual const FunctionSignature& signature() const = 0;
  // Arguments as promised above. May throw; the protocol layer turns an exception into an error of
  // the call as a whole.
  virtual FunctionResult call(const std::vector<cty::Value>& args) const = 0;
};

// A Function from a signature and a body.
using FunctionBody = std::function<FunctionResult(const std::vector<cty::Value>& args)>;
std::shared_ptr<Function> make_function(FunctionSignature signature, FunctionBody body);

// Checks the promises above, then calls `fn`: too few or too many arguments and a disallowed null
// are errors (a null names its argument); an argument that is not wholly known gives an unknown
// result without calling the body. An error's text loses its final period (see FunctionError).
FunctionResult call_function(const Function& fn, const std::vector<cty::Value>& args);

}  // namespace aoa::schema
