// The one error vocabulary of the engines (LevelDB-style): an expected failure is a value, not an
// exception. A Status carries a code, a message that says what is wrong and what is allowed, and
// optionally the field it is about, as dotted text relative to the engine's input
// ("recurrence.hours", "metrics.auc", "apps[2]", "labels[\"team\"]"). Engines know nothing of
// Terraform; provider/runtime turns a Status into a diagnostic, in one place, by prefixing the
// attribute path of the input it passed. Exceptions stay inside a module (bugs and allocation
// failures aside); nothing an engine returns to its caller is thrown.
#pragma once

#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace aoa {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the input breaks a rule; the message says which and what is allowed
  kNotFound,         // something the input names does not exist
  kAlreadyExists,    // creating something that is already there
  kConflict,         // the world changed under the caller (another writer, a moved branch)
  kCorruption,       // stored data that cannot be read back (hand-edited files, broken objects)
  kIOError,          // the file system or the repository refused
  kUnavailable,      // a remote that cannot be reached; retrying may help
  kInternal,         // a broken invariant: a bug
};

// "invalid argument", "not found", ...
const char* status_code_name(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK

  static Status ok_status() { return {}; }
  static Status invalid_argument(std::string message, std::string field = {}) {
    return {StatusCode::kInvalidArgument, std::move(message), std::move(field)};
  }
  static Status not_found(std::string message, std::string field = {}) {
    return {StatusCode::kNotFound, std::move(message), std::move(field)};
  }
  static Status already_exists(std::string message, std::string field = {}) {
    return {StatusCode::kAlreadyExists, std::move(message), std::move(field)};
  }
  static Status conflict(std::string message, std::string field = {}) {
    return {StatusCode::kConflict, std::move(message), std::move(field)};
  }
  static Status corruption(std::string message, std::string field = {}) {
    return {StatusCode::kCorruption, std::move(message), std::move(field)};
  }
  static Status io_error(std::string message) { return {StatusCode::kIOError, std::move(message), {}}; }
  static Status unavailable(std::string message) { return {StatusCode::kUnavailable, std::move(message), {}}; }
  static Status internal(std::string message) { return {StatusCode::kInternal, std::move(message), {}}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // Dotted path of the offending field inside the engine's input; empty for the input as a whole.
  const std::string& field() const { return field_; }

  // The same status about `prefix` + "." + field (or `prefix` alone when field is empty): an
  // engine that checks a part of a larger input says where the part sits.
  Status in(const std::string& prefix) const;
  // The same status with `context` + ": " in front of the message.
  Status with_context(const std::string& context) const;

  // "field: message", or the message alone; "OK" when ok.
  std::string to_string() const;

  bool operator==(const Status& o) const {
    return code_ == o.code_ && message_ == o.message_ && field_ == o.field_;
  }

 private:
  Status(StatusCode code, std::string message, std::string field)
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
};

// A value or the Status that says why there is none (std::expected-like; C++20 has no expected).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}                 // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {            // NOLINT: implicit by design
    if (std::get<Status>(v_).ok()) v_ = Status::internal("Result built from an OK status without a value");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  // OK when there is a value.
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }

  // Precondition: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  T value_or(T fallback) const& { return ok() ? value() : std::move(fallback); }

 private:
  std::variant<T, Status> v_;
};

// Unwinding inside one module. A parser that finds a problem deep in its own recursion may throw
// the Status as a StatusException and turn it back into a Status at its public function:
//
//   Result<Spec> parse_spec(std::string_view text) {
//     try { return read_spec(text); } catch (const StatusException& e) { return e.status(); }
//   }
//
// It is never thrown through a module's interface: what a caller sees is the returned Status.
class StatusException : public std::exception {
 public:
  explicit StatusException(Status status) : status_(std::move(status)) {}
  const Status& status() const { return status_; }
  const char* what() const noexcept override { return status_.message().c_str(); }

 private:
  Status status_;
};

// Inside a module: nothing when ok, StatusException otherwise.
inline void throw_if_error(const Status& status) {
  if (!status.ok()) throw StatusException(status);
}
// Inside a module: `body()` as a Result, a StatusException it throws turned back into its Status.
template <class F>
auto catch_status(F&& body) -> Result<decltype(body())> {
  try {
    return body();
  } catch (const StatusException& e) {
    return e.status();
  }
}
// Inside a module: the value, or StatusException with the Status.
template <class T>
T value_or_throw(Result<T> result) {
  if (!result.ok()) throw StatusException(result.status());
  return std::move(result).value();
}

}  // namespace aoa

// Returns the Status of `expr` from the enclosing function unless it is OK.
#define AOA_RETURN_IF_ERROR(expr)                 \
  do {                                            \
    ::aoa::Status aoa_status_ = (expr);           \
    if (!aoa_status_.ok()) return aoa_status_;    \
  } while (0)

#define AOA_STATUS_CONCAT_INNER_(a, b) a##b
#define AOA_STATUS_CONCAT_(a, b) AOA_STATUS_CONCAT_INNER_(a, b)
// `lhs = value of expr`, or returns its Status from the enclosing function.
#define AOA_ASSIGN_OR_RETURN(lhs, expr) \
  AOA_ASSIGN_OR_RETURN_IMPL_(AOA_STATUS_CONCAT_(aoa_result_, __LINE__), lhs, expr)
#define AOA_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.ok()) return tmp.status();              \
  lhs = std::move(tmp).value()
