#include <nlohmann/json.hpp>

#include "api/dto/review_json.hpp"
#include "api/handlers/handlers.hpp"
#include "api/json_body.hpp"
#include "api/request_body.hpp"
#include "api/responses.hpp"

namespace mswa::api {

void add_review_routes(Router& router, Services& s) {
  const std::string base = kBase;
  using domain::Role;
  const domain::RoleSet staff{Role::admin, Role::programme};

  router.add("POST", base + "/applications/{id}/assignments", staff, [&s](RequestContext& ctx) {
    auto parsed = read_json_object(ctx.request, ctx.route);
    if (auto* r = std::get_if<HttpResponse>(&parsed)) return *r;
    FieldReader body(std::get<nlohmann::json>(parsed));
    body.reject_unknown({"reviewer_id"});
    auto reviewer = body.string("reviewer_id", Presence::required);
    if (!body.ok()) return error_response(domain::invalid(body.errors()), ctx);
    return respond(s.reviews.assign(domain::Actor::of(ctx.who(), ctx.request_id()), ctx.param("id"), *reviewer), ctx,
                   [](const domain::Assignment& a) { return json_response(201, to_json(a)); });
  });

  router.add("POST", base + "/applications/{id}/reviews", domain::RoleSet{Role::reviewer}, [&s](RequestContext& ctx) {
    auto input = read_body(ctx, parse_review);
    if (auto* r = std::get_if<HttpResponse>(&input)) return *r;
    return respond(s.reviews.review(ctx.who(), ctx.request_id(), ctx.param("id"), std::get<domain::ReviewInput>(input)),
                   ctx, [](const domain::Review& r) { return json_response(201, to_json(r)); });
  });

  router.add("GET", base + "/applications/{id}/reviews", staff, [&s](RequestContext& ctx) {
    return respond(s.reviews.reviews(ctx.param("id")), ctx,
                   [](const domain::ReviewsView& v) { return json_response(200, to_json(v)); });
  });
}

}  // namespace mswa::api
