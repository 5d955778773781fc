#include <nlohmann/json.hpp>

#include "api/handlers/handlers.hpp"
#include "api/problem.hpp"
#include "api/responses.hpp"

namespace mswa::api {

void add_ops_routes(Router& router, Services& s) {
  const std::string base = kBase;
  // Liveness: the process answers; no database involved.
  router.add("GET", base + "/healthz", std::nullopt,
             [](RequestContext&) { return json_response(200, {{"status", "ok"}}); }, false);

  // Readiness: the database answers a query.
  router.add("GET", base + "/readyz", std::nullopt, [&s](RequestContext& ctx) {
    if (s.database_ready()) return json_response(200, {{"status", "ready"}});
    auto r = problem(503, "unavailable", "unavailable", "Service unavailable", "The database does not answer.",
                     ctx.route);
    r.set_header("Retry-After", "5");
    return r;
  });

  router.add("GET", base + "/metrics", std::nullopt, [&s](RequestContext&) {
    HttpResponse r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = s.metrics.render();
    return r;
  }, false);
}

}  // namespace mswa::api
