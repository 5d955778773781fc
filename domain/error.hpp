#pragma once
// Protocol-neutral outcomes. The api layer alone turns these into HTTP.
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
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

// Values a client puts into its translation of a code, e.g. {"max", "600000.00 THB"}.
using Params = std::vector<std::pair<std::string, std::string>>;

struct FieldError {
  // A code is required: every field error reaches a client that translates it.
  FieldError(std::string pointer_, std::string detail_, std::string code_, Params params_ = {})
      : pointer(std::move(pointer_)), detail(std::move(detail_)), code(std::move(code_)), params(std::move(params_)) {}
  std::string pointer;  // RFC 6901 JSON pointer into the request body
  std::string detail;   // English, for people reading logs
  std::string code;     // a stable snake_case key a client translates, e.g. "too_long"
  Params params;        // what the translation needs, e.g. {"max", "4000"}
};

struct Error {
  ErrorCode code;
  std::string detail;
  std::vector<FieldError> fields{};
  std::optional<long long> retry_after_seconds{};
  std::string reason{};  // the problem's stable snake_case code, e.g. "edition_exists"; never empty
  // Nothing was written and the same request may simply be run again (a
  // deadlock or serialization failure the database rolled back).
  bool retry = false;
  Params params{};  // what a translation of `reason` needs
};

// The params of a number outside min..max (code "out_of_range").
inline Params range_params(long long min, long long max) {
  return {{"min", std::to_string(min)}, {"max", std::to_string(max)}};
}

// Field errors many rules share, each with one detail and one code.
inline FieldError required(std::string pointer, std::string detail = "is required") {
  return {std::move(pointer), std::move(detail), "required"};
}
inline FieldError not_positive(std::string pointer) { return {std::move(pointer), "must be more than zero", "not_positive"}; }
inline FieldError not_a_date(std::string pointer) { return {std::move(pointer), "must be a date YYYY-MM-DD", "invalid_date"}; }
inline FieldError listed_twice(std::string pointer, std::string detail = "is listed twice") {
  return {std::move(pointer), std::move(detail), "duplicate"};
}
// An amount in another currency than the one the rule names (the call's, the award's...).
inline FieldError wrong_currency(std::string pointer, std::string detail, const std::string& currency) {
  return {std::move(pointer), std::move(detail), "wrong_currency", {{"currency", currency}}};
}
inline FieldError too_many_items(std::string pointer, std::string detail, std::size_t max) {
  return {std::move(pointer), std::move(detail), "too_many_items", {{"max", std::to_string(max)}}};
}
inline FieldError too_few_items(std::string pointer, std::string detail, std::size_t min = 1) {
  return {std::move(pointer), std::move(detail), "too_few_items", {{"min", std::to_string(min)}}};
}
inline FieldError out_of_range(std::string pointer, std::string detail, long long min, long long max) {
  return {std::move(pointer), std::move(detail), "out_of_range", range_params(min, max)};
}

// The code of a problem whose Error names none: the generic one of its kind.
// Every rule names its own; this keeps a client from ever getting no code.
// ("conflict" is deliberately not a documented code: a 409 always says which.)
inline const char* default_reason(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input: return "invalid_input";
    case ErrorCode::unauthenticated: return "unauthenticated";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::precondition_failed: return "stale_version";
    case ErrorCode::precondition_required: return "if_match_required";
    case ErrorCode::too_many_requests: return "too_many_attempts";
    case ErrorCode::unavailable: return "unavailable";
  }
  return "internal";
}

// Each helper takes the problem's code, so none is made without one.
inline Error invalid(std::vector<FieldError> fields, std::string detail = "The request has invalid fields.") {
  return Error{ErrorCode::invalid_input, std::move(detail), std::move(fields), {}, "invalid_input"};
}
inline Error invalid_field(std::string pointer, std::string detail, std::string code, Params params = {}) {
  return invalid({FieldError{std::move(pointer), std::move(detail), std::move(code), std::move(params)}});
}
inline Error not_found() { return Error{ErrorCode::not_found, "The resource does not exist.", {}, {}, "not_found"}; }
inline Error conflict(std::string detail, std::string reason, Params params = {}) {
  return Error{ErrorCode::conflict, std::move(detail), {}, {}, std::move(reason), false, std::move(params)};
}
inline Error forbidden(std::string detail, std::string reason) {
  return Error{ErrorCode::forbidden, std::move(detail), {}, {}, std::move(reason)};
}
// The If-Match version is not the stored one: someone changed the resource.
inline Error stale(std::string detail) {
  return Error{ErrorCode::precondition_failed, std::move(detail), {}, {}, "stale_version"};
}
// A state change asked of a resource in a status that does not allow it.
inline Error wrong_state(std::string detail, std::string_view status) {
  return conflict(std::move(detail), "wrong_state", {{"status", std::string(status)}});
}

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
