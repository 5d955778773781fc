#include <nlohmann/json.hpp>

#include "api/handlers/handlers.hpp"
#include "api/responses.hpp"

namespace mswa::api {

namespace {

nlohmann::json to_json(const domain::AuditRecord& r) {
  nlohmann::json details = nlohmann::json::object();
  for (const auto& [k, v] : r.event.details) details[k] = v;
  return {{"seq", r.seq},
          {"at", rfc3339(r.event.at)},
          {"actor_id", nullable_json(r.event.actor.user_id)},
          {"actor_role", r.event.actor.role},
          {"actor_organisation_id", nullable_json(r.event.actor.organisation_id)},
          {"action", r.event.action},
          {"entity_type", r.event.entity_type},
          {"entity_id", nullable_json(r.event.entity_id)},
          {"outcome", r.event.outcome},
          {"request_id", r.event.actor.request_id},
          {"details", details},
          {"hash", r.hash}};
}
}  // namespace

void add_audit_routes(Router& router, Services& s) {
  router.add("GET", std::string(kBase) + "/audit", domain::RoleSet{domain::Role::admin}, [&s](RequestContext& ctx) {
    auto page = read_page(ctx);
    if (auto* r = std::get_if<HttpResponse>(&page)) return *r;
    domain::AuditFilter filter;
    const auto& q = ctx.request.query;
    if (auto it = q.find("entity_type"); it != q.end()) filter.entity_type = it->second;
    if (auto it = q.find("entity_id"); it != q.end()) filter.entity_id = it->second;
    auto result = s.audit.list(filter, std::get<domain::PageRequest>(page));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : result.items) items.push_back(to_json(r));
    return json_response(200, page_json(std::move(items), result.next_after));
  });
}

}  // namespace mswa::api
