#include "schema/function.h"

namespace aoa::schema {
namespace {

class BodyFunction final : public Function {
 public:
  BodyFunction(FunctionSignature signature, FunctionBody body)
      : signature_(std::move(signature)), body_(std::move(body)) {}
  const FunctionSignature& signature() const override { return signature_; }
  FunctionResult call(const std::vector<cty::Value>& args) const override { return body_(args); }

 private:
  FunctionSignature signature_;
  FunctionBody body_;
};

}  // namespace

std::shared_ptr<Function> make_function(FunctionSignature signature, FunctionBody body) {
  return std::make_shared<BodyFunction>(std::move(signature), std::move(body));
}

FunctionResult call_function(const Function& fn, const std::vector<cty::Value>& args) {
  const auto& params = fn.signature().parameters;
  if (args.size() != params.size())
    return FunctionResult::fail("expected " + std::to_string(params.size()) + " argument" +
                                    (params.size() == 1 ? "" : "s") + ", got " + std::to_string(args.size()),
                                std::nullopt);
  for (size_t i = 0; i < args.size(); ++i)
    if (!args[i].is_wholly_known()) return FunctionResult::ok(cty::Value::unknown(fn.signature().return_type));
  for (size_t i = 0; i < args.size(); ++i)
    if (args[i].is_null() && !params[i].allow_null)
      return FunctionResult::fail("argument \"" + params[i].name + "\" cannot be null", static_cast<int64_t>(i));
  FunctionResult result = fn.call(args);
  if (result.error)
    while (!result.error->text.empty() && result.error->text.back() == '.') result.error->text.pop_back();
  return result;
}

}  // namespace aoa::schema
