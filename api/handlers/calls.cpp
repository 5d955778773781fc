#include <nlohmann/json.hpp>

#include "api/dto/call_json.hpp"
#include "api/handlers/handlers.hpp"
#include "api/request_body.hpp"
#include "api/problem.hpp"
#include "api/responses.hpp"

namespace mswa::api {

void add_call_routes(Router& router, Services& s) {
  const std::string base = kBase;
  using domain::Role;
  const domain::RoleSet writers{Role::admin, Role::programme};
  // Members and peer reviewers see the calls open now; donors none.
  const domain::RoleSet readers{Role::admin, Role::programme, Role::finance, Role::member, Role::reviewer};
  const auto render = [](int status) {
    return [status](const domain::Call& c) { return versioned_response(status, to_json(c), c.version); };
  };

  router.add("POST", base + "/calls", writers, [&s, render](RequestContext& ctx) {
    auto fields = read_body(ctx, parse_new_call);
    if (auto* r = std::get_if<HttpResponse>(&fields)) return *r;
    return respond(s.calls.create(domain::Actor::of(ctx.who(), ctx.request_id()), std::get<domain::CallFields>(fields)),
                   ctx, render(201));
  });

  router.add("GET", base + "/calls", readers, [&s](RequestContext& ctx) {
    auto page = read_page(ctx);
    if (auto* r = std::get_if<HttpResponse>(&page)) return *r;
    std::optional<domain::CallStatus> status;
    if (auto it = ctx.request.query.find("status"); it != ctx.request.query.end()) {
      for (auto st : {domain::CallStatus::draft, domain::CallStatus::open, domain::CallStatus::closed})
        if (domain::to_string(st) == it->second) status = st;
      if (!status)
        return invalid_parameter_problem(ctx.route, "status", "must be draft, open or closed");
    }
    auto result = s.calls.list(ctx.who(), std::get<domain::PageRequest>(page), status);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& c : result.items) items.push_back(to_json(c));
    return json_response(200, page_json(std::move(items), result.next_after));
  });

  router.add("GET", base + "/calls/{id}", readers, [&s, render](RequestContext& ctx) {
    return respond(s.calls.get(ctx.who(), ctx.request_id(), ctx.param("id")), ctx, render(200));
  });

  router.add("PATCH", base + "/calls/{id}", writers, [&s, render](RequestContext& ctx) {
    auto patch = read_body(ctx, parse_call_patch);
    if (auto* r = std::get_if<HttpResponse>(&patch)) return *r;
    return respond(s.calls.patch(domain::Actor::of(ctx.who(), ctx.request_id()), ctx.param("id"),
                                 std::get<domain::CallPatch>(patch), if_match_version(ctx.request)),
                   ctx, render(200));
  });

  router.add("POST", base + "/calls/{id}/open", writers, [&s, render](RequestContext& ctx) {
    return respond(s.calls.open(domain::Actor::of(ctx.who(), ctx.request_id()), ctx.param("id")), ctx, render(200));
  });

  router.add("POST", base + "/calls/{id}/close", writers, [&s, render](RequestContext& ctx) {
    return respond(s.calls.close(domain::Actor::of(ctx.who(), ctx.request_id()), ctx.param("id")), ctx, render(200));
  });
}

}  // namespace mswa::api
