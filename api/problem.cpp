#include "api/problem.hpp"

#include <nlohmann/json.hpp>

namespace mswa::api {

HttpResponse problem(int status, const std::string& slug, const std::string& title, const std::string& detail,
                     const std::string& instance, const std::vector<domain::FieldError>& errors,
                     const std::string& code) {
  nlohmann::ordered_json body = {
      {"type", "urn:mswa-grants:problem:" + slug},
      {"title", title},
      {"status", status},
      {"detail", detail},
      {"instance", instance},
  };
  if (!code.empty()) body["code"] = code;
  if (!errors.empty()) {
    auto& list = body["errors"] = nlohmann::ordered_json::array();
    for (const auto& e : errors) {
      nlohmann::ordered_json entry{{"pointer", e.pointer}, {"detail", e.detail}};
      if (!e.code.empty()) entry["code"] = e.code;
      list.push_back(std::move(entry));
    }
  }
  HttpResponse r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

HttpResponse from_error(const domain::Error& e, const std::string& instance) {
  using domain::ErrorCode;
  switch (e.code) {
    case ErrorCode::invalid_input:
      return problem(422, "invalid-input", "The request has invalid fields", e.detail, instance, e.fields, e.reason);
    case ErrorCode::unauthenticated: {
      auto r = problem(401, "unauthenticated", "Authentication required", e.detail, instance);
      r.set_header("WWW-Authenticate", "Bearer");
      return r;
    }
    case ErrorCode::forbidden:
      return problem(403, "forbidden", "Not allowed", e.detail, instance, {}, e.reason);
    case ErrorCode::not_found:
      return not_found_problem(instance);
    case ErrorCode::conflict:
      return problem(409, "conflict", "Conflict", e.detail, instance, {}, e.reason);
    case ErrorCode::precondition_failed:
      return problem(412, "precondition-failed", "The resource changed", e.detail, instance);
    case ErrorCode::precondition_required:
      return problem(428, "precondition-required", "If-Match required", e.detail, instance);
    case ErrorCode::too_many_requests: {
      auto r = problem(429, "too-many-requests", "Too many requests", e.detail, instance);
      r.set_header("Retry-After", std::to_string(e.retry_after_seconds.value_or(60)));
      return r;
    }
    case ErrorCode::unavailable: {
      auto r = problem(503, "unavailable", "Service unavailable", e.detail, instance, {}, e.reason);
      r.set_header("Retry-After", std::to_string(e.retry_after_seconds.value_or(5)));
      return r;
    }
  }
  return internal_problem(instance);
}

HttpResponse not_found_problem(const std::string& instance) {
  return problem(404, "not-found", "Not found", "The resource does not exist.", instance);
}

HttpResponse malformed_json_problem(const std::string& instance, const std::string& detail) {
  return problem(400, "malformed-json", "Malformed JSON", detail, instance);
}

HttpResponse internal_problem(const std::string& instance) {
  return problem(500, "internal", "Internal error",
                 "Something went wrong on our side; the request id in X-Request-Id helps us find it.", instance);
}

}  // namespace mswa::api
