#pragma once
// RFC 9457 problem+json answers. `instance` names the route pattern, never an
// id, so an id outside the caller's scope and one that does not exist answer
// byte for byte the same. Every problem carries `code`, a stable snake_case
// key a client translates (docs/openapi.yaml, ProblemCode); `detail` stays
// English.
#include <string>
#include <vector>

#include "api/http_types.hpp"
#include "domain/error.hpp"

namespace mswa::api {

HttpResponse problem(int status, const std::string& slug, const std::string& code, const std::string& title,
                     const std::string& detail, const std::string& instance,
                     const std::vector<domain::FieldError>& errors = {}, const domain::Params& params = {});
HttpResponse from_error(const domain::Error& error, const std::string& instance);

HttpResponse not_found_problem(const std::string& instance);
HttpResponse malformed_json_problem(const std::string& instance, const std::string& detail);
HttpResponse internal_problem(const std::string& instance);
// 428: a route that edits by version was called without If-Match.
HttpResponse if_match_required_problem(const std::string& instance);
// 422 for a query parameter the route cannot use, named in `params`.
HttpResponse invalid_parameter_problem(const std::string& instance, const std::string& name, const std::string& detail);

}  // namespace mswa::api
