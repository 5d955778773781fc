#include <nlohmann/json.hpp>

#include "api/dto/disbursement_json.hpp"
#include "api/handlers/handlers.hpp"
#include "api/problem.hpp"
#include "api/request_body.hpp"
#include "api/responses.hpp"
#include "domain/sha256.hpp"

namespace mswa::api {

namespace {

// Visible ASCII, 1-255 characters: what clients use (UUIDs, ULIDs, hashes).
bool is_sane_key(const std::string& key) {
  if (key.empty() || key.size() > 255) return false;
  for (unsigned char c : key)
    if (c < 0x21 || c > 0x7e) return false;
  return true;
}

HttpResponse key_problem(const RequestContext& ctx, const std::string& code, const std::string& detail) {
  return problem(400, "idempotency-key", code, "Idempotency-Key required", detail, ctx.route);
}

HttpResponse replayable(const domain::StoredResponse& stored, bool replayed) {
  HttpResponse r;
  r.status = stored.status;
  r.body = stored.body;
  if (replayed) r.set_header("Idempotent-Replayed", "true");
  return r;
}

}  // namespace

void add_disbursement_routes(Router& router, Services& s) {
  const std::string base = kBase;
  using domain::Role;
  const domain::RoleSet finance{Role::finance};
  const domain::RoleSet readers{Role::admin, Role::programme, Role::finance, Role::member};
  const auto render = [](const domain::Disbursement& d) { return versioned_response(200, to_json(d), d.version); };

  // A retried request with the same key gets the first answer byte for byte,
  // so a client that lost the answer can always try again.
  router.add("POST", base + "/awards/{id}/disbursements", domain::RoleSet{Role::programme, Role::finance},
             [&s](RequestContext& ctx) {
               const auto key = ctx.request.header("idempotency-key");
               if (!key)
                 return key_problem(ctx, "idempotency_key_required",
                                    "Send an Idempotency-Key header (for example a random UUID), so that a "
                                    "retried request cannot pay twice.");
               if (!is_sane_key(*key))
                 return key_problem(ctx, "idempotency_key_invalid",
                                    "The Idempotency-Key must be 1 to 255 visible ASCII characters.");
               auto input = read_body(ctx, parse_disbursement);
               if (auto* r = std::get_if<HttpResponse>(&input)) return *r;
               // Same award and same JSON (whatever its spacing or key order) is the same request.
               const std::string fingerprint =
                   domain::sha256_hex(ctx.request.path + "\n" + nlohmann::json::parse(ctx.request.body).dump());
               const domain::IdempotencyKey idempotency{ctx.who().user_id, *key, fingerprint};
               auto outcome = s.disbursements.request(
                   domain::Actor::of(ctx.who(), ctx.request_id()), ctx.param("id"),
                   std::get<domain::DisbursementInput>(input), idempotency,
                   [](const domain::Disbursement& d) { return domain::StoredResponse{201, to_json(d).dump()}; });
               return respond(outcome, ctx, [](const domain::IdempotentOutcome& o) {
                 return replayable(o.response, o.replayed);
               });
             });

  router.add("POST", base + "/disbursements/{id}/approve", finance, [&s, render](RequestContext& ctx) {
    return respond(s.disbursements.approve(domain::Actor::of(ctx.who(), ctx.request_id()), ctx.param("id")), ctx,
                   render);
  });

  router.add("POST", base + "/disbursements/{id}/pay", finance, [&s, render](RequestContext& ctx) {
    auto input = read_body(ctx, parse_payment);
    if (auto* r = std::get_if<HttpResponse>(&input)) return *r;
    return respond(s.disbursements.pay(domain::Actor::of(ctx.who(), ctx.request_id()), ctx.param("id"),
                                       std::get<domain::PaymentInput>(input)),
                   ctx, render);
  });

  // On a paid disbursement this only asks for the reversal: 202, and the
  // money moves when another finance officer confirms it.
  router.add("POST", base + "/disbursements/{id}/cancel", finance, [&s](RequestContext& ctx) {
    auto reason = read_body(ctx, parse_reason);
    if (auto* r = std::get_if<HttpResponse>(&reason)) return *r;
    return respond(s.disbursements.cancel(domain::Actor::of(ctx.who(), ctx.request_id()), ctx.param("id"),
                                          std::get<std::string>(reason)),
                   ctx, [](const domain::Disbursement& d) {
                     const bool asked = d.status == domain::DisbursementStatus::reversal_requested;
                     return versioned_response(asked ? 202 : 200, to_json(d), d.version);
                   });
  });

  router.add("POST", base + "/disbursements/{id}/reverse", finance, [&s, render](RequestContext& ctx) {
    return respond(s.disbursements.reverse(domain::Actor::of(ctx.who(), ctx.request_id()), ctx.param("id")), ctx,
                   render);
  });

  router.add("POST", base + "/disbursements/{id}/withdraw-reversal", finance, [&s, render](RequestContext& ctx) {
    return respond(
        s.disbursements.withdraw_reversal(domain::Actor::of(ctx.who(), ctx.request_id()), ctx.param("id")), ctx,
        render);
  });

  router.add("GET", base + "/disbursements", readers, [&s](RequestContext& ctx) {
    auto page = read_page(ctx);
    if (auto* r = std::get_if<HttpResponse>(&page)) return *r;
    domain::DisbursementListFilter filter;
    const auto& q = ctx.request.query;
    if (auto it = q.find("award_id"); it != q.end()) filter.award_id = it->second;
    if (auto it = q.find("status"); it != q.end()) {
      filter.status = domain::parse_disbursement_status(it->second);
      if (!filter.status)
        return invalid_parameter_problem(ctx.route, "status",
                                         "must be requested, approved, paid, reversal_requested, reversed or cancelled");
    }
    auto result = s.disbursements.list(ctx.who(), std::get<domain::PageRequest>(page), filter);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& d : result.items) items.push_back(to_json(d));
    return json_response(200, page_json(std::move(items), result.next_after));
  });

  router.add("GET", base + "/disbursements/{id}", readers, [&s, render](RequestContext& ctx) {
    return respond(s.disbursements.get(ctx.who(), ctx.request_id(), ctx.param("id")), ctx, render);
  });

  // Finance's check that the books balance: every currency nets to zero.
  router.add("GET", base + "/ledger/trial-balance", domain::RoleSet{Role::finance, Role::admin},
             [&s](RequestContext&) { return json_response(200, to_json(s.disbursements.trial_balance())); });
}

}  // namespace mswa::api
