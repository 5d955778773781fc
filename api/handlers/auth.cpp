#include <nlohmann/json.hpp>

#include "api/dto/user_json.hpp"
#include "api/handlers/handlers.hpp"
#include "api/json_body.hpp"
#include "api/problem.hpp"
#include "api/request_body.hpp"
#include "api/responses.hpp"

namespace mswa::api {

void add_auth_routes(Router& router, Services& s) {
  const std::string base = kBase;

  // The token comes back in the body for API clients and as an HttpOnly
  // cookie for the web app, which never reads it.
  router.add("POST", base + "/auth/login", std::nullopt, [&s](RequestContext& ctx) {
    auto parsed = read_json_object(ctx.request, ctx.route);
    if (auto* r = std::get_if<HttpResponse>(&parsed)) return *r;
    FieldReader body(std::get<nlohmann::json>(parsed));
    body.reject_unknown({"email", "password"});
    auto email = body.string("email", Presence::required);
    auto password = body.string("password", Presence::required);
    if (!body.ok()) return error_response(domain::invalid(body.errors()), ctx);
    return respond(s.auth.login(*email, *password, ctx.request_id()), ctx, [&s](const domain::LoginResult& r) {
      auto res = json_response(200, {{"token", r.token},
                                     {"expires_at", rfc3339(r.expires_at)},
                                     {"password_change_required", r.user.password_change_required},
                                     {"user", to_me_json(r.user)}});
      res.set_header("Set-Cookie", session_cookie(r.token, s.browser));
      return res;
    });
  });

  // Signing out also tells the browser to forget the cookie and wipe what
  // it cached or stored for this site.
  router.add("POST", base + "/auth/logout", domain::RoleSet::all(), [&s](RequestContext& ctx) {
    s.auth.logout(ctx.bearer_token, ctx.who(), ctx.request_id());
    auto res = no_content();
    res.set_header("Set-Cookie", cleared_session_cookie(s.browser));
    res.set_header("Clear-Site-Data", "\"cache\", \"storage\"");
    return res;
  });

  // Answered from the session lookup itself: no further query.
  router.add("GET", base + "/me", domain::RoleSet::all(), [](RequestContext& ctx) {
    return json_response(200, to_me_json(ctx.who()));
  });

  router.add("PATCH", base + "/me", domain::RoleSet::all(), [&s](RequestContext& ctx) {
    auto patch = read_body(ctx, parse_me_patch);
    if (auto* r = std::get_if<HttpResponse>(&patch)) return *r;
    return respond(s.users.update_me(domain::Actor::of(ctx.who(), ctx.request_id()), ctx.who().user_id,
                                     std::get<domain::MePatch>(patch)),
                   ctx, [](const domain::User& u) { return json_response(200, to_me_json(u)); });
  });

  router.add("POST", base + "/me/password", domain::RoleSet::all(), [&s](RequestContext& ctx) {
    auto change = read_body(ctx, parse_password_change);
    if (auto* r = std::get_if<HttpResponse>(&change)) return *r;
    const auto& c = std::get<PasswordChange>(change);
    return respond(s.auth.change_password(ctx.who(), ctx.bearer_token, ctx.request_id(), c.current_password,
                                          c.new_password),
                   ctx, [](const domain::Done&) { return no_content(); });
  });
}

}  // namespace mswa::api
