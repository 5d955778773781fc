#pragma once
// One JSON line per event on stderr; never bodies, tokens or passwords.
#include <string>

#include "api/http_types.hpp"

namespace mswa::api {

void log_access(const HttpRequest& req, const HttpResponse& res, double seconds);
void log_error(const std::string& request_id, const std::string& route, const std::string& what);
void log_info(const std::string& message);

}  // namespace mswa::api
