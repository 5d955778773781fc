// A funding source's live summary in each format: a staff preview of the
// next edition, marked "not for circulation". Donors read editions instead
// (handlers/editions.cpp). The privacy rules run in reports::publish,
// between the facts and every renderer.
#include <functional>

#include "api/handlers/handlers.hpp"
#include "api/responses.hpp"
#include "reports/renderers.hpp"

namespace mswa::api {

namespace {

struct Format {
  const char* path;          // after /funding-sources/{id}
  const char* content_type;
  const char* download_as;   // file extension for Content-Disposition; nullptr to show inline
  bool needs_a_grant;        // 360Giving files hold at least one grant
  std::function<std::string(const reports::PublishedSummary&)> render;
};

HttpResponse summary_response(Services& s, RequestContext& ctx, const Format& format) {
  std::optional<std::string> as_of;
  if (const auto it = ctx.request.query.find("as_of"); it != ctx.request.query.end()) as_of = it->second;
  const auto facts = s.donor_summaries.summary(ctx.who(), ctx.request_id(), ctx.param("id"), as_of);
  return respond(facts, ctx, [&](const domain::SummaryFacts& f) {
    const auto published = reports::publish(f, rfc3339(f.generated_at)).summary;
    if (format.needs_a_grant && !reports::giving360_has_grants(published))
      return error_response(domain::conflict("No award of this funding source can be published yet: "
                                             "a 360Giving file needs at least one grant.",
                                             "no_publishable_award"),
                            ctx);
    HttpResponse r;
    r.content_type = format.content_type;
    r.body = format.render(published);
    if (format.download_as) set_download_name(r, published.source_reference, published.as_of, format.download_as);
    return r;
  });
}

}  // namespace

void add_report_routes(Router& router, Services& s) {
  using domain::Role;
  const domain::RoleSet readers{Role::admin, Role::programme, Role::finance, Role::donor};
  static const Format formats[] = {
      {"/summary", "application/json", nullptr, false, reports::summary_json},
      {"/summary.json", "application/json", nullptr, false, reports::summary_json},
      {"/summary.csv", "text/csv; charset=utf-8", "summary.csv", false, reports::summary_csv},
      {"/summary.html", "text/html; charset=utf-8", nullptr, false, reports::summary_html},
      {"/iati.xml", "application/xml; charset=utf-8", "iati.xml", false, reports::iati_activities_xml},
      {"/360giving.json", "application/json", "360giving.json", true, reports::giving360_json},
  };
  for (const auto& format : formats)
    router.add("GET", std::string(kBase) + "/funding-sources/{id}" + format.path, readers,
               [&s, &format](RequestContext& ctx) { return summary_response(s, ctx, format); });
}

}  // namespace mswa::api
