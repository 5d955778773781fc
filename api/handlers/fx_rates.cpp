#include <nlohmann/json.hpp>

#include "api/dto/funding_json.hpp"
#include "api/handlers/handlers.hpp"
#include "api/json_body.hpp"
#include "api/problem.hpp"
#include "api/responses.hpp"
#include "domain/calendar_date.hpp"

namespace mswa::api {

void add_fx_rate_routes(Router& router, Services& s) {
  const std::string base = kBase;
  using domain::Role;

  // PUT /fx-rates/THB/2027-01-15 {"base":"USD","rate":"0.0281"}: 1 THB = 0.0281 USD on that day.
  router.add("PUT", base + "/fx-rates/{currency}/{date}", domain::RoleSet{Role::finance}, [&s](RequestContext& ctx) {
    const auto currency = domain::find_currency(ctx.param("currency"));
    const auto& date = ctx.param("date");
    if (!currency || !domain::is_valid_date(date)) return not_found_problem(ctx.route);
    auto parsed = read_json_object(ctx.request, ctx.route);
    if (auto* r = std::get_if<HttpResponse>(&parsed)) return *r;
    FieldReader body(std::get<nlohmann::json>(parsed));
    body.reject_unknown({"base", "rate"});
    auto base_code = body.string("base", Presence::required);
    auto rate_text = body.string("rate", Presence::required);
    if (base_code && !domain::find_currency(*base_code))
      body.add_unknown_currency("/base");
    std::optional<domain::Decimal> rate;
    if (rate_text && !(rate = domain::parse_decimal(*rate_text)))
      body.add_error("/rate", "must be a decimal string such as \"0.0281\" (at most 12 decimals)", "not_a_decimal");
    if (!body.ok()) {
      auto errors = body.errors();
      if (rate) merge_field_errors(errors, domain::validate(domain::FxRate{currency->code, date, base_code.value_or(""), *rate, 0}));
      return error_response(domain::invalid(errors), ctx);
    }
    return respond(s.funding.put_fx_rate(domain::Actor::of(ctx.who(), ctx.request_id()),
                                         {currency->code, date, *base_code, *rate, 0}),
                   ctx, [](const domain::FundingService::PutOutcome& o) {
                     return json_response(o.created ? 201 : 200, to_json(o.rate));
                   });
  });

  router.add("GET", base + "/fx-rates", domain::RoleSet{Role::admin, Role::programme, Role::finance},
             [&s](RequestContext& ctx) {
               domain::FxFilter filter;
               const auto& q = ctx.request.query;
               if (auto it = q.find("currency"); it != q.end()) filter.currency = it->second;
               if (auto it = q.find("base"); it != q.end()) filter.base = it->second;
               nlohmann::json items = nlohmann::json::array();
               for (const auto& r : s.funding.fx_rates(filter)) items.push_back(to_json(r));
               return json_response(200, page_json(std::move(items), std::nullopt));
             });
}

}  // namespace mswa::api
