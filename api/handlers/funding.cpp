#include <nlohmann/json.hpp>

#include "api/dto/funding_json.hpp"
#include "api/handlers/handlers.hpp"
#include "api/json_body.hpp"
#include "api/request_body.hpp"
#include "api/responses.hpp"

namespace mswa::api {

void add_funding_routes(Router& router, Services& s) {
  const std::string base = kBase;
  using domain::Role;
  const domain::RoleSet readers{Role::admin, Role::programme, Role::finance, Role::donor};

  router.add("POST", base + "/funding-sources", domain::RoleSet{Role::admin, Role::finance}, [&s](RequestContext& ctx) {
    auto fields = read_body(ctx, parse_new_funding_source);
    if (auto* r = std::get_if<HttpResponse>(&fields)) return *r;
    return respond(s.funding.create(domain::Actor::of(ctx.who(), ctx.request_id()),
                                    std::get<domain::FundingSourceFields>(fields)),
                   ctx, [](const domain::FundingSource& f) {
                     return json_response(201, to_json(domain::FundingSourceView{f, {}}));
                   });
  });

  // Scoped: staff see all; a donor only its own organisation's.
  router.add("GET", base + "/funding-sources", readers, [&s](RequestContext& ctx) {
    auto page = read_page(ctx);
    if (auto* r = std::get_if<HttpResponse>(&page)) return *r;
    auto result = s.funding.list(ctx.who(), std::get<domain::PageRequest>(page));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& f : result.items) items.push_back(to_json(f));
    return json_response(200, page_json(std::move(items), result.next_after));
  });

  router.add("GET", base + "/funding-sources/{id}", readers, [&s](RequestContext& ctx) {
    return respond(s.funding.get(ctx.who(), ctx.request_id(), ctx.param("id")), ctx,
                   [](const domain::FundingSourceView& v) { return json_response(200, to_json(v)); });
  });

  router.add("POST", base + "/funding-sources/{id}/receipts", domain::RoleSet{Role::finance}, [&s](RequestContext& ctx) {
    auto parsed = read_json_object(ctx.request, ctx.route);
    if (auto* r = std::get_if<HttpResponse>(&parsed)) return *r;
    FieldReader body(std::get<nlohmann::json>(parsed));
    body.reject_unknown({"amount", "received_on"});
    auto amount = body.money("amount", Presence::required);
    auto received_on = body.string("received_on", Presence::required);
    if (!body.ok()) return error_response(domain::invalid(body.errors()), ctx);
    return respond(s.funding.add_receipt(domain::Actor::of(ctx.who(), ctx.request_id()), ctx.param("id"), *amount,
                                         *received_on),
                   ctx, [](const domain::Receipt& r) { return json_response(201, to_json(r)); });
  });
}

}  // namespace mswa::api
