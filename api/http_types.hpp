#pragma once
// The small HTTP model handlers see; Beast stays inside server.cpp.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mswa::api {

struct HttpRequest {
  std::string method;  // upper case, e.g. "GET"
  std::string path;    // decoded path without the query
  std::map<std::string, std::string> query;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote;
  std::string request_id;  // echoed from X-Request-Id when sane, else generated

  std::optional<std::string> header(std::string_view lower_name) const {
    for (const auto& [k, v] : headers)
      if (k == lower_name) return v;
    return std::nullopt;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool close = false;  // end the connection after this response
  std::string route;   // the matched route pattern, for logs and metrics

  void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

// Splits "a=1&b=x%20y" into decoded pairs; the last of repeated keys wins.
std::map<std::string, std::string> parse_query(std::string_view query);
// Percent-decoding of a path or query component; nullopt when malformed.
std::optional<std::string> percent_decode(std::string_view in, bool plus_is_space);

}  // namespace mswa::api
