#include "domain/decision_service.hpp"

#include <algorithm>

#include <cstdio>

#include "domain/calendar_date.hpp"
#include "domain/source_shares.hpp"
#include "domain/text.hpp"

namespace mswa::domain {

DecisionService::DecisionService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

Result<DecisionOutcome> DecisionService::decide(const Actor& actor, const std::string& application_id,
                                                const DecisionInput& input) {
  if (auto bad = check_text(input.reason, "/reason", 1, 2000, Lines::multi)) return invalid({*bad});
  const EpochMs now = clock_.now_ms();
  const std::string today = date_of(now);
  auto uow = store_.begin(Access::write);
  auto app = uow->applications().find(application_id);
  if (!app) return not_found();
  if (app->status != ApplicationStatus::submitted && app->status != ApplicationStatus::under_review)
    return wrong_state("Only a submitted application can be decided; this one is " + std::string(to_string(app->status)) + ".",
                       to_string(app->status));
  const ApplicationStatus from = app->status;
  const ApplicationStatus to = input.decision == Decision::approve ? ApplicationStatus::approved
                               : input.decision == Decision::reject ? ApplicationStatus::rejected
                                                                    : ApplicationStatus::changes_requested;
  std::optional<Award> award;
  if (input.decision == Decision::approve) {
    const auto call = uow->calls().find(app->call_id);
    if (auto errors = validate_approval(input, *app, *call); !errors.empty()) return invalid(std::move(errors));
    Award a;
    a.application_id = app->id;
    a.call_id = app->call_id;
    a.organisation_id = app->organisation_id;
    a.amount = *input.amount;
    a.start_date = *app->content.start_date;
    a.end_date = add_days(add_months(a.start_date, *app->content.duration_months), -1);
    a.decided_on = today;
    for (std::size_t i = 0; i < input.tranches.size(); ++i) {
      const auto& t = input.tranches[i];
      a.tranches.push_back({"", static_cast<int>(i + 1), t.due_on, t.amount, t.condition});
    }
    a.budget_lines = app->content.budget_lines;
    a.targets = app->content.targets;
    const auto schedule =
        report_schedule(a.start_date, *app->content.duration_months, call->fields.reporting_frequency);
    if (auto errors = validate_tranche_conditions(input, schedule); !errors.empty()) return invalid(std::move(errors));
    // The sources are locked in one order whatever order the request names
    // them in, so two decisions on the same sources never wait on each other.
    std::vector<std::string> sources;
    for (const auto& f : input.funding) sources.push_back(f.funding_source_id);
    std::sort(sources.begin(), sources.end());
    sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
    for (const auto& id : sources) uow->funding().lock(id);
    std::vector<FieldError> errors;
    for (std::size_t i = 0; i < input.funding.size(); ++i) {
      const auto& f = input.funding[i];
      const std::string at = "/funding/" + std::to_string(i);
      const auto source = uow->funding().find(f.funding_source_id);
      const Currency& to_currency = source->fields.amount.currency;
      const auto rate = rate_on(*uow, f.amount.currency, to_currency, today);
      if (!rate) {
        errors.push_back(no_fx_rate(at + "/funding_source_id", f.amount.currency, to_currency, today));
        continue;
      }
      const auto converted = convert(f.amount, rate->rate, to_currency);
      if (!converted) return invalid_field(at + "/amount/amount", "is too large to convert", "too_large_to_convert");
      if (converted->minor <= 0)
        return invalid_field(at + "/amount/amount", "comes to nothing in " + to_currency.code + " at the recorded rate",
                             "converts_to_zero", {{"currency", to_currency.code}});
      const auto available = uow->funding().balances(f.funding_source_id).available;
      if (converted->minor > available)
        return conflict("Funding source " + source->fields.reference + " has " + money_text(available, to_currency) +
                            " available, less than the " + money_text(*converted) + " allocated.",
                        "insufficient_balance",
                        {{"source", source->fields.reference},
                         {"available", money_text(available, to_currency)},
                         {"amount", money_text(*converted)}});
      a.allocations.push_back({"", f.funding_source_id, f.amount, *converted, rate->rate, rate->date});
    }
    if (!errors.empty()) return invalid(std::move(errors));
    const int year = static_cast<int>(parse_date(today)->year());  // today: the clock's date, always valid
    char reference[32];
    std::snprintf(reference, sizeof reference, "MSWA-%04d-%03d", year, uow->awards().next_number(year));
    a.reference = reference;
    a.created_at = now;
    uow->awards().insert(a, schedule);
    std::vector<SourceShare> shares;
    for (const auto& f : a.allocations) shares.push_back({f.funding_source_id, f.amount, f.source_amount, f.rate, f.rate_date});
    auto booking = allocation_posting(a.id, shares, today, now);
    uow->ledger().post(booking);
    uow->audit().append({now, actor, "award.create", "award", a.id, "success",
                         {{"reference", a.reference},
                          {"application_id", app->id},
                          {"amount", money_text(a.amount)}}});
    award = std::move(a);
  }
  const long long before = app->version;
  app->status = to;
  app->version = before + 1;
  app->updated_at = now;
  if (!uow->applications().update(*app, before))
    return stale("The application changed meanwhile; try again.");
  uow->audit().append({now, actor, "application.decide", "application", app->id, "success",
                       {{"decision", std::string(to_string(input.decision))},
                        {"status", change_text(to_string(from), to_string(to))},
                        {"reason", input.reason}}});
  uow->commit();
  if (award) return DecisionOutcome{std::move(*award)};
  return DecisionOutcome{std::move(*app)};
}

}  // namespace mswa::domain
