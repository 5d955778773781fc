#include <nlohmann/json.hpp>

#include "api/dto/organisation_json.hpp"
#include "api/handlers/handlers.hpp"
#include "api/request_body.hpp"
#include "api/responses.hpp"

namespace mswa::api {

void add_organisation_routes(Router& router, Services& s) {
  const std::string base = kBase;
  const domain::RoleSet writers{domain::Role::admin, domain::Role::programme};
  const auto render = [](int status) {
    return [status](const domain::Organisation& o) { return versioned_response(status, to_json(o), o.version); };
  };

  router.add("POST", base + "/organisations", writers, [&s, render](RequestContext& ctx) {
    auto fields = read_body(ctx, parse_new_organisation);
    if (auto* r = std::get_if<HttpResponse>(&fields)) return *r;
    return respond(s.organisations.create(domain::Actor::of(ctx.who(), ctx.request_id()),
                                          std::get<domain::OrganisationFields>(fields)),
                   ctx, render(201));
  });

  // Scoped: staff see all; everybody else only their own organisation.
  router.add("GET", base + "/organisations", domain::RoleSet::all(), [&s](RequestContext& ctx) {
    auto page = read_page(ctx);
    if (auto* r = std::get_if<HttpResponse>(&page)) return *r;
    auto result = s.organisations.list(ctx.who(), std::get<domain::PageRequest>(page));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& o : result.items) items.push_back(to_json(o));
    return json_response(200, page_json(std::move(items), result.next_after));
  });

  router.add("GET", base + "/organisations/{id}", domain::RoleSet::all(), [&s, render](RequestContext& ctx) {
    return respond(s.organisations.get(ctx.who(), ctx.request_id(), ctx.param("id")), ctx, render(200));
  });

  router.add("PATCH", base + "/organisations/{id}", writers, [&s, render](RequestContext& ctx) {
    auto patch = read_body(ctx, parse_organisation_patch);
    if (auto* r = std::get_if<HttpResponse>(&patch)) return *r;
    return respond(s.organisations.patch(domain::Actor::of(ctx.who(), ctx.request_id()), ctx.param("id"),
                                         std::get<domain::OrganisationPatch>(patch), if_match_version(ctx.request)),
                   ctx, render(200));
  });
}

}  // namespace mswa::api
