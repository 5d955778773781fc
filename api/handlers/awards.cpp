#include <nlohmann/json.hpp>

#include "api/dto/application_json.hpp"
#include "api/dto/award_json.hpp"
#include "api/dto/progress_report_json.hpp"
#include "api/handlers/handlers.hpp"
#include "api/request_body.hpp"
#include "api/responses.hpp"

namespace mswa::api {

void add_award_routes(Router& router, Services& s) {
  const std::string base = kBase;
  using domain::Role;
  const domain::RoleSet readers{Role::admin, Role::programme, Role::finance, Role::member};

  // approve -> 201 with the award; reject and request_changes -> 200 with the application.
  router.add("POST", base + "/applications/{id}/decision", domain::RoleSet{Role::programme}, [&s](RequestContext& ctx) {
    auto input = read_body(ctx, parse_decision);
    if (auto* r = std::get_if<HttpResponse>(&input)) return *r;
    return respond(s.decisions.decide(domain::Actor::of(ctx.who(), ctx.request_id()), ctx.param("id"),
                                      std::get<domain::DecisionInput>(input)),
                   ctx, [](const domain::DecisionOutcome& outcome) {
                     if (const auto* award = std::get_if<domain::Award>(&outcome)) return json_response(201, to_json(*award));
                     return json_response(200, to_json(std::get<domain::Application>(outcome)));
                   });
  });

  router.add("GET", base + "/awards", readers, [&s](RequestContext& ctx) {
    auto page = read_page(ctx);
    if (auto* r = std::get_if<HttpResponse>(&page)) return *r;
    auto result = s.awards.list(ctx.who(), std::get<domain::PageRequest>(page));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& a : result.items) items.push_back(to_json(a));
    return json_response(200, page_json(std::move(items), result.next_after));
  });

  router.add("GET", base + "/awards/{id}", readers, [&s](RequestContext& ctx) {
    return respond(s.awards.get(ctx.who(), ctx.request_id(), ctx.param("id")), ctx,
                   [](const domain::AwardView& v) { return json_response(200, to_json(v)); });
  });

  router.add("GET", base + "/awards/{id}/progress-reports", readers, [&s](RequestContext& ctx) {
    return respond(s.awards.get(ctx.who(), ctx.request_id(), ctx.param("id")), ctx, [](const domain::AwardView& v) {
      nlohmann::json items = nlohmann::json::array();
      for (const auto& r : v.reports) items.push_back(to_json(r, false));
      return json_response(200, page_json(std::move(items), std::nullopt));
    });
  });
}

}  // namespace mswa::api
