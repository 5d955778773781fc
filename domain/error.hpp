#pragma once
// Protocol-neutral outcomes. The api layer alone turns these into HTTP.
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace mswa::domain {

enum class ErrorCode {
  invalid_input,          // a field is wrong: 422 with pointers
  unauthenticated,        // no valid session: 401
  forbidden,              // authenticated, but not allowed: 403
  not_found,              // missing or outside the caller's scope: 404
  conflict,               // state or uniqueness clash: 409
  precondition_failed,    // stale If-Match: 412
  precondition_required,  // missing If-Match: 428
  too_many_requests,      // throttled: 429
  unavailable,            // the database cannot be reached: 503
};

struct FieldError {
  std::string pointer;  // RFC 6901 JSON pointer into the request body
  std::string detail;
  std::string code{};   // a stable snake_case key a client translates; empty when not yet given one
};

struct Error {
  ErrorCode code;
  std::string detail;
  std::vector<FieldError> fields{};
  std::optional<long long> retry_after_seconds{};
  std::string reason{};  // the problem's stable snake_case code, e.g. "edition_exists"
  // Nothing was written and the same request may simply be run again (a
  // deadlock or serialization failure the database rolled back).
  bool retry = false;
};

inline Error invalid(std::vector<FieldError> fields, std::string detail = "The request has invalid fields.") {
  return Error{ErrorCode::invalid_input, std::move(detail), std::move(fields)};
}
inline Error invalid_field(std::string pointer, std::string detail) {
  return invalid({FieldError{std::move(pointer), std::move(detail)}});
}
inline Error not_found() { return Error{ErrorCode::not_found, "The resource does not exist."}; }
inline Error conflict(std::string detail, std::string reason = {}) {
  return Error{ErrorCode::conflict, std::move(detail), {}, {}, std::move(reason)};
}
inline Error forbidden(std::string detail) { return Error{ErrorCode::forbidden, std::move(detail)}; }

// Thrown by adapters (repositories) for faults the caller cannot prevent by
// checking first: a uniqueness race, a lost database.
class Failure : public std::runtime_error {
 public:
  explicit Failure(Error e) : std::runtime_error(e.detail), error_(std::move(e)) {}
  const Error& error() const noexcept { return error_; }

 private:
  Error error_;
};

// A value or an Error: the expected outcomes of a domain operation.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT
  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

struct Done {};  // Result<Done> for operations that return nothing

}  // namespace mswa::domain
