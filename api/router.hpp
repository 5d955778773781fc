#pragma once
// Method + path pattern ("/api/v1/organisations/{id}") -> handler, with the
// roles allowed on it. Deny by default: a route without roles is public.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/http_types.hpp"
#include "domain/principal.hpp"
#include "domain/role.hpp"

namespace mswa::api {

struct RequestContext {
  const HttpRequest& request;
  std::map<std::string, std::string> params;
  std::optional<domain::Principal> principal;
  std::string bearer_token;
  std::string route;

  const domain::Principal& who() const { return *principal; }
  const std::string& param(const std::string& name) const { return params.at(name); }
  const std::string& request_id() const { return request.request_id; }
};

using Handler = std::function<HttpResponse(RequestContext&)>;

struct Route {
  std::string method;
  std::string pattern;
  std::optional<domain::RoleSet> roles;  // nullopt: no authentication
  bool uses_db = true;                   // false: answered on the I/O thread
  Handler handler;
  std::vector<std::string> segments;
};

struct RouteMatch {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  std::vector<std::string> allowed_methods;  // when the path exists but not with this method
};

class Router {
 public:
  void add(std::string method, std::string pattern, std::optional<domain::RoleSet> roles, Handler handler,
           bool uses_db = true);
  RouteMatch match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace mswa::api
