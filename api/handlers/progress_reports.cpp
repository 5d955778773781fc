#include <nlohmann/json.hpp>

#include "api/dto/disbursement_json.hpp"
#include "api/dto/progress_report_json.hpp"
#include "api/handlers/handlers.hpp"
#include "api/problem.hpp"
#include "api/request_body.hpp"
#include "api/responses.hpp"

namespace mswa::api {

void add_progress_report_routes(Router& router, Services& s) {
  const std::string base = kBase;
  using domain::Role;
  const domain::RoleSet members{Role::member};
  const domain::RoleSet programme{Role::programme};
  const domain::RoleSet readers{Role::admin, Role::programme, Role::finance, Role::member};
  const auto render = [](const domain::ProgressReport& r) { return versioned_response(200, to_json(r), r.version); };

  router.add("GET", base + "/progress-reports/{id}", readers, [&s, render](RequestContext& ctx) {
    return respond(s.progress_reports.get(ctx.who(), ctx.request_id(), ctx.param("id")), ctx, render);
  });

  // The whole content each time; If-Match is required (428 without).
  router.add("PUT", base + "/progress-reports/{id}", members, [&s, render](RequestContext& ctx) {
    if (!ctx.request.header("if-match"))
      return if_match_required_problem(ctx.route);
    auto content = read_body(ctx, parse_report_content);
    if (auto* r = std::get_if<HttpResponse>(&content)) return *r;
    return respond(s.progress_reports.save(ctx.who(), ctx.request_id(), ctx.param("id"),
                                           std::get<domain::ReportContent>(content), if_match_version(ctx.request)),
                   ctx, render);
  });

  router.add("POST", base + "/progress-reports/{id}/submit", members, [&s, render](RequestContext& ctx) {
    return respond(s.progress_reports.submit(ctx.who(), ctx.request_id(), ctx.param("id")), ctx, render);
  });

  router.add("POST", base + "/progress-reports/{id}/accept", programme, [&s, render](RequestContext& ctx) {
    return respond(s.progress_reports.accept(ctx.who(), ctx.request_id(), ctx.param("id")), ctx, render);
  });

  router.add("POST", base + "/progress-reports/{id}/return", programme, [&s, render](RequestContext& ctx) {
    auto reason = read_body(ctx, parse_reason);
    if (auto* r = std::get_if<HttpResponse>(&reason)) return *r;
    return respond(s.progress_reports.return_report(ctx.who(), ctx.request_id(), ctx.param("id"),
                                                    std::get<std::string>(reason)),
                   ctx, render);
  });
}

}  // namespace mswa::api
