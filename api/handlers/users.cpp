#include <nlohmann/json.hpp>

#include "api/dto/user_json.hpp"
#include "api/handlers/handlers.hpp"
#include "api/request_body.hpp"
#include "api/problem.hpp"
#include "api/responses.hpp"

namespace mswa::api {

void add_user_routes(Router& router, Services& s) {
  const std::string base = kBase;
  const domain::RoleSet admin{domain::Role::admin};
  const auto render = [](int status) {
    return [status](const domain::User& u) { return versioned_response(status, to_json(u), u.version); };
  };

  router.add("POST", base + "/users", admin, [&s, render](RequestContext& ctx) {
    auto user = read_body(ctx, parse_new_user);
    if (auto* r = std::get_if<HttpResponse>(&user)) return *r;
    return respond(s.users.create(domain::Actor::of(ctx.who(), ctx.request_id()), std::get<domain::NewUser>(user)),
                   ctx, render(201));
  });

  router.add("GET", base + "/users", admin, [&s](RequestContext& ctx) {
    auto page = read_page(ctx);
    if (auto* r = std::get_if<HttpResponse>(&page)) return *r;
    domain::UserFilter filter;
    const auto& q = ctx.request.query;
    if (auto it = q.find("organisation_id"); it != q.end()) filter.organisation_id = it->second;
    if (auto it = q.find("role"); it != q.end()) {
      filter.role = domain::parse_role(it->second);
      if (!filter.role)
        return invalid_parameter_problem(ctx.route, "role", "must be a role name");
    }
    auto result = s.users.list(std::get<domain::PageRequest>(page), filter);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& u : result.items) items.push_back(to_json(u));
    return json_response(200, page_json(std::move(items), result.next_after));
  });

  router.add("GET", base + "/users/{id}", admin,
             [&s, render](RequestContext& ctx) { return respond(s.users.get(ctx.param("id")), ctx, render(200)); });

  router.add("PATCH", base + "/users/{id}", admin, [&s, render](RequestContext& ctx) {
    auto patch = read_body(ctx, parse_user_patch);
    if (auto* r = std::get_if<HttpResponse>(&patch)) return *r;
    return respond(s.users.patch(domain::Actor::of(ctx.who(), ctx.request_id()), ctx.param("id"),
                                 std::get<domain::UserPatch>(patch), if_match_version(ctx.request)),
                   ctx, render(200));
  });

  // The one-time password is in this answer only; the user must replace it
  // at the next sign-in.
  router.add("POST", base + "/users/{id}/password-reset", admin, [&s](RequestContext& ctx) {
    return respond(s.auth.reset_password(domain::Actor::of(ctx.who(), ctx.request_id()), ctx.param("id")), ctx,
                   [](const std::string& temporary) {
                     return json_response(200, {{"temporary_password", temporary}, {"password_change_required", true}});
                   });
  });
}

}  // namespace mswa::api
