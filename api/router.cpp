#include "api/router.hpp"

#include <algorithm>

namespace mswa::api {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    out.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::add(std::string method, std::string pattern, std::optional<domain::RoleSet> roles, Handler handler,
                 bool uses_db) {
  auto segments = split_path(pattern);
  routes_.push_back({std::move(method), std::move(pattern), roles, uses_db, std::move(handler), std::move(segments)});
}

RouteMatch Router::match(const std::string& method, const std::string& path) const {
  RouteMatch result;
  if (path.empty() || path.front() != '/') return result;
  const auto parts = split_path(path);
  for (const auto& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t i = 0; i < parts.size() && ok; ++i) {
      if (is_param(route.segments[i])) {
        if (parts[i].empty()) ok = false;
        else params[route.segments[i].substr(1, route.segments[i].size() - 2)] = parts[i];
      } else {
        ok = route.segments[i] == parts[i];
      }
    }
    if (!ok) continue;
    if (route.method == method || (method == "HEAD" && route.method == "GET")) {
      result.route = &route;
      result.params = std::move(params);
      return result;
    }
    if (std::find(result.allowed_methods.begin(), result.allowed_methods.end(), route.method) ==
        result.allowed_methods.end())
      result.allowed_methods.push_back(route.method);
  }
  return result;
}

}  // namespace mswa::api
