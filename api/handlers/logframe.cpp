#include <nlohmann/json.hpp>

#include "api/dto/logframe_json.hpp"
#include "api/handlers/handlers.hpp"
#include "api/request_body.hpp"
#include "api/responses.hpp"

namespace mswa::api {

void add_logframe_routes(Router& router, Services& s) {
  const std::string base = kBase;

  router.add("GET", base + "/logframe", domain::RoleSet::all(),
             [&s](RequestContext&) { return json_response(200, to_json(s.logframe.logframe())); });

  router.add("GET", base + "/indicators", domain::RoleSet::all(), [&s](RequestContext&) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& i : s.logframe.indicators()) items.push_back(to_json(i));
    return json_response(200, page_json(std::move(items), std::nullopt));
  });

  router.add("POST", base + "/indicators", domain::RoleSet{domain::Role::admin, domain::Role::programme},
             [&s](RequestContext& ctx) {
               auto fields = read_body(ctx, parse_new_indicator);
               if (auto* r = std::get_if<HttpResponse>(&fields)) return *r;
               return respond(s.logframe.create_indicator(domain::Actor::of(ctx.who(), ctx.request_id()),
                                                          std::get<domain::IndicatorFields>(fields)),
                              ctx, [](const domain::Indicator& i) { return json_response(201, to_json(i)); });
             });
}

}  // namespace mswa::api
