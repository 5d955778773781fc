#include <nlohmann/json.hpp>

#include "api/dto/application_json.hpp"
#include "api/handlers/handlers.hpp"
#include "api/request_body.hpp"
#include "api/problem.hpp"
#include "api/responses.hpp"

namespace mswa::api {

void add_application_routes(Router& router, Services& s) {
  const std::string base = kBase;
  using domain::Role;
  const domain::RoleSet members{Role::member};
  const domain::RoleSet readers{Role::admin, Role::programme, Role::finance, Role::member, Role::reviewer};
  const auto render = [](int status) {
    return [status](const domain::Application& a) { return versioned_response(status, to_json(a), a.version); };
  };

  // A draft for the caller's organisation.
  router.add("POST", base + "/calls/{id}/applications", members, [&s, render](RequestContext& ctx) {
    auto patch = read_body(ctx, parse_application);
    if (auto* r = std::get_if<HttpResponse>(&patch)) return *r;
    const auto content = domain::apply({}, std::get<domain::ApplicationPatch>(patch));
    return respond(s.applications.create(ctx.who(), ctx.request_id(), ctx.param("id"), content), ctx, render(201));
  });

  router.add("GET", base + "/applications", readers, [&s](RequestContext& ctx) {
    auto page = read_page(ctx);
    if (auto* r = std::get_if<HttpResponse>(&page)) return *r;
    domain::ApplicationListFilter filter;
    const auto& q = ctx.request.query;
    if (auto it = q.find("call_id"); it != q.end()) filter.call_id = it->second;
    if (auto it = q.find("status"); it != q.end()) {
      filter.status = domain::parse_application_status(it->second);
      if (!filter.status)
        return invalid_parameter_problem(ctx.route, "status", "must be an application status");
    }
    auto result = s.applications.list(ctx.who(), std::get<domain::PageRequest>(page), filter);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& a : result.items) items.push_back(to_json(a));
    return json_response(200, page_json(std::move(items), result.next_after));
  });

  router.add("GET", base + "/applications/{id}", readers, [&s, render](RequestContext& ctx) {
    return respond(s.applications.get(ctx.who(), ctx.request_id(), ctx.param("id")), ctx, render(200));
  });

  // Edits need the version read: If-Match is required here (428 without).
  router.add("PATCH", base + "/applications/{id}", members, [&s, render](RequestContext& ctx) {
    if (!ctx.request.header("if-match"))
      return if_match_required_problem(ctx.route);
    auto patch = read_body(ctx, parse_application);
    if (auto* r = std::get_if<HttpResponse>(&patch)) return *r;
    return respond(s.applications.patch(ctx.who(), ctx.request_id(), ctx.param("id"),
                                        std::get<domain::ApplicationPatch>(patch), if_match_version(ctx.request)),
                   ctx, render(200));
  });

  router.add("POST", base + "/applications/{id}/submit", members, [&s, render](RequestContext& ctx) {
    return respond(s.applications.submit(ctx.who(), ctx.request_id(), ctx.param("id")), ctx, render(200));
  });

  router.add("POST", base + "/applications/{id}/withdraw", members, [&s, render](RequestContext& ctx) {
    return respond(s.applications.withdraw(ctx.who(), ctx.request_id(), ctx.param("id")), ctx, render(200));
  });
}

}  // namespace mswa::api
