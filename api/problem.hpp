#pragma once
// RFC 9457 problem+json answers. `instance` names the route pattern, never an
// id, so an id outside the caller's scope and one that does not exist answer
// byte for byte the same.
#include <string>
#include <vector>

#include "api/http_types.hpp"
#include "domain/error.hpp"

namespace mswa::api {

HttpResponse problem(int status, const std::string& slug, const std::string& title, const std::string& detail,
                     const std::string& instance, const std::vector<domain::FieldError>& errors = {},
                     const std::string& code = {});
HttpResponse from_error(const domain::Error& error, const std::string& instance);

HttpResponse not_found_problem(const std::string& instance);
HttpResponse malformed_json_problem(const std::string& instance, const std::string& detail);
HttpResponse internal_problem(const std::string& instance);

}  // namespace mswa::api
