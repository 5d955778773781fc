// Donor editions (DESIGN §9): staff publish a quarter's report once; every
// read gives the stored bytes, with their sha256 as the ETag.
#include <nlohmann/json.hpp>

#include "api/handlers/handlers.hpp"
#include "api/json_body.hpp"
#include "api/responses.hpp"

namespace mswa::api {

namespace {

using domain::EditionFormat;

struct EditionDownload {
  const char* name;  // the last path segment
  EditionFormat format;
  const char* content_type;
  const char* download_as;  // nullptr to show inline
};

constexpr EditionDownload kDownloads[] = {
    {"summary.json", EditionFormat::summary_json, "application/json", nullptr},
    {"summary.csv", EditionFormat::summary_csv, "text/csv; charset=utf-8", "summary.csv"},
    {"summary.html", EditionFormat::summary_html, "text/html; charset=utf-8", nullptr},
    {"iati.xml", EditionFormat::iati_xml, "application/xml; charset=utf-8", "iati.xml"},
    {"360giving.json", EditionFormat::giving360_json, "application/json", "360giving.json"},
};

nlohmann::json to_json(const domain::Edition& e) {
  nlohmann::json files = nlohmann::json::object();
  for (const auto& d : kDownloads)
    if (const auto it = e.sha256.find(d.format); it != e.sha256.end()) files[d.name] = {{"sha256", it->second}};
  const auto summary = e.sha256.find(EditionFormat::summary_json);
  return {{"period_end", e.period_end},
          {"published_at", rfc3339(e.published_at)},
          {"published_by", e.published_by},
          {"previous_period_end", e.previous_period_end ? nlohmann::json(*e.previous_period_end) : nlohmann::json()},
          {"sha256", summary == e.sha256.end() ? "" : summary->second},
          {"files", std::move(files)}};
}

HttpResponse download(Services& s, RequestContext& ctx, const EditionDownload& d) {
  const auto file = s.editions.file(ctx.who(), ctx.request_id(), ctx.param("id"), ctx.param("period_end"), d.format);
  return respond(file, ctx, [&](const domain::EditionFile& f) {
    const std::string etag = "\"" + f.sha256 + "\"";
    HttpResponse r;
    r.set_header("ETag", etag);
    if (if_none_match(ctx.request, etag)) {
      r.status = 304;
      return r;
    }
    r.content_type = d.content_type;
    r.body = f.body;
    if (d.download_as) set_download_name(r, f.source_reference, f.period_end, d.download_as);
    return r;
  });
}

}  // namespace

void add_edition_routes(Router& router, Services& s) {
  using domain::Role;
  const std::string base = std::string(kBase) + "/funding-sources/{id}/editions";
  const domain::RoleSet publishers{Role::admin, Role::programme, Role::finance};
  const domain::RoleSet readers{Role::admin, Role::programme, Role::finance, Role::donor};

  router.add("POST", base, publishers, [&s](RequestContext& ctx) {
    auto parsed = read_json_object(ctx.request, ctx.route);
    if (auto* r = std::get_if<HttpResponse>(&parsed)) return *r;
    FieldReader body(std::get<nlohmann::json>(parsed));
    body.reject_unknown({"period_end"});
    const auto period_end = body.string("period_end", Presence::required);
    if (!body.ok()) return error_response(domain::invalid(body.errors()), ctx);
    return respond(s.editions.publish(domain::Actor::of(ctx.who(), ctx.request_id()), ctx.param("id"), *period_end),
                   ctx, [](const domain::Edition& e) { return json_response(201, to_json(e)); });
  });

  router.add("GET", base, readers, [&s](RequestContext& ctx) {
    return respond(s.editions.list(ctx.who(), ctx.request_id(), ctx.param("id")), ctx,
                   [](const std::vector<domain::Edition>& editions) {
                     nlohmann::json items = nlohmann::json::array();
                     for (const auto& e : editions) items.push_back(to_json(e));
                     return json_response(200, page_json(std::move(items), std::nullopt));
                   });
  });

  for (const auto& d : kDownloads)
    router.add("GET", base + "/{period_end}/" + d.name, readers,
               [&s, &d](RequestContext& ctx) { return download(s, ctx, d); });
}

}  // namespace mswa::api
