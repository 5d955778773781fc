#include "api/problem.hpp"

#include <nlohmann/json.hpp>

namespace mswa::api {

namespace {

nlohmann::ordered_json params_json(const domain::Params& params) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& [name, value] : params) out[name] = value;
  return out;
}

}  // namespace

HttpResponse problem(int status, const std::string& slug, const std::string& code, const std::string& title,
                     const std::string& detail, const std::string& instance,
                     const std::vector<domain::FieldError>& errors, const domain::Params& params) {
  nlohmann::ordered_json body = {
      {"type", "urn:mswa-grants:problem:" + slug},
      {"title", title},
      {"status", status},
      {"detail", detail},
      {"instance", instance},
      {"code", code},
  };
  if (!params.empty()) body["params"] = params_json(params);
  if (!errors.empty()) {
    auto& list = body["errors"] = nlohmann::ordered_json::array();
    for (const auto& e : errors) {
      nlohmann::ordered_json entry{{"pointer", e.pointer}, {"detail", e.detail}, {"code", e.code}};
      if (!e.params.empty()) entry["params"] = params_json(e.params);
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
  const std::string code = e.reason.empty() ? domain::default_reason(e.code) : e.reason;
  const auto answer = [&](int status, const char* slug, const char* title) {
    return problem(status, slug, code, title, e.detail, instance, e.fields, e.params);
  };
  switch (e.code) {
    case ErrorCode::invalid_input:
      return answer(422, "invalid-input", "The request has invalid fields");
    case ErrorCode::unauthenticated: {
      auto r = answer(401, "unauthenticated", "Authentication required");
      r.set_header("WWW-Authenticate", "Bearer");
      return r;
    }
    case ErrorCode::forbidden:
      return answer(403, "forbidden", "Not allowed");
    case ErrorCode::not_found:
      return not_found_problem(instance);  // one body, whatever the cause
    case ErrorCode::conflict:
      return answer(409, "conflict", "Conflict");
    case ErrorCode::precondition_failed:
      return answer(412, "precondition-failed", "The resource changed");
    case ErrorCode::precondition_required:
      return answer(428, "precondition-required", "If-Match required");
    case ErrorCode::too_many_requests: {
      auto r = answer(429, "too-many-requests", "Too many requests");
      r.set_header("Retry-After", std::to_string(e.retry_after_seconds.value_or(60)));
      return r;
    }
    case ErrorCode::unavailable: {
      auto r = answer(503, "unavailable", "Service unavailable");
      r.set_header("Retry-After", std::to_string(e.retry_after_seconds.value_or(5)));
      return r;
    }
  }
  return internal_problem(instance);
}

HttpResponse not_found_problem(const std::string& instance) {
  return problem(404, "not-found", "not_found", "Not found", "The resource does not exist.", instance);
}

HttpResponse malformed_json_problem(const std::string& instance, const std::string& detail) {
  return problem(400, "malformed-json", "malformed_json", "Malformed JSON", detail, instance);
}

HttpResponse internal_problem(const std::string& instance) {
  return problem(500, "internal", "internal", "Internal error",
                 "Something went wrong on our side; the request id in X-Request-Id helps us find it.", instance);
}

HttpResponse if_match_required_problem(const std::string& instance) {
  return problem(428, "precondition-required", "if_match_required", "If-Match required",
                 "Send If-Match with the ETag you read, so no one's edit is lost.", instance);
}

HttpResponse invalid_parameter_problem(const std::string& instance, const std::string& name,
                                       const std::string& detail) {
  return problem(422, "invalid-input", "invalid_parameter", "The request has invalid fields",
                 "The query parameter " + name + " " + detail + ".", instance, {}, {{"parameter", name}});
}

}  // namespace mswa::api
