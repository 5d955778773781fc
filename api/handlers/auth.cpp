#include <nlohmann/json.hpp>

#include "api/dto/user_json.hpp"
#include "api/handlers/handlers.hpp"
#include "api/json_body.hpp"
#include "api/problem.hpp"
#include "api/responses.hpp"

namespace mswa::api {

void add_auth_routes(Router& router, Services& s) {
  const std::string base = kBase;

  router.add("POST", base + "/auth/login", std::nullopt, [&s](RequestContext& ctx) {
    auto parsed = read_json_object(ctx.request, ctx.route);
    if (auto* r = std::get_if<HttpResponse>(&parsed)) return *r;
    FieldReader body(std::get<nlohmann::json>(parsed));
    body.reject_unknown({"email", "password"});
    auto email = body.string("email", Presence::required);
    auto password = body.string("password", Presence::required);
    if (!body.ok()) return error_response(domain::invalid(body.errors()), ctx);
    return respond(s.auth.login(*email, *password, ctx.request_id()), ctx, [](const domain::LoginResult& r) {
      return json_response(200, {{"token", r.token}, {"expires_at", rfc3339(r.expires_at)}, {"user", to_me_json(r.user)}});
    });
  });

  router.add("POST", base + "/auth/logout", domain::RoleSet::all(), [&s](RequestContext& ctx) {
    s.auth.logout(ctx.bearer_token, ctx.who(), ctx.request_id());
    return no_content();
  });

  // Answered from the session lookup itself: no further query.
  router.add("GET", base + "/me", domain::RoleSet::all(), [](RequestContext& ctx) {
    const auto& who = ctx.who();
    domain::User me;
    me.id = who.user_id;
    me.email = who.email;
    me.name = who.name;
    me.role = who.role;
    me.organisation_id = who.organisation_id;
    return json_response(200, to_me_json(me));
  });
}

}  // namespace mswa::api
