#include "domain/funding_service.hpp"

#include "domain/calendar_date.hpp"
#include "domain/visibility.hpp"
#include "domain/visible_read.hpp"

namespace mswa::domain {

FundingService::FundingService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

Result<FundingSource> FundingService::create(const Actor& actor, const FundingSourceFields& fields) {
  if (auto errors = validate(fields); !errors.empty()) return invalid(std::move(errors));
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  const auto donor = uow->organisations().find(fields.donor_organisation_id);
  if (!donor || donor->fields.kind != OrgKind::donor)
    return invalid_field("/donor_organisation_id", "must name a donor organisation", "not_a_donor_organisation");
  FundingSource created = uow->funding().insert(fields, now);
  uow->audit().append({now, actor, "funding_source.create", "funding_source", created.id, "success",
                       {{"reference", fields.reference},
                        {"amount", money_text(fields.amount)}}});
  uow->commit();
  return created;
}

Page<FundingSource> FundingService::list(const Principal& who, const PageRequest& page) {
  auto uow = store_.begin(Access::read);
  Page<FundingSource> result;
  if (is_staff(who.role)) result = uow->funding().list(page, {});
  else if (who.role == Role::donor && who.organisation_id) result = uow->funding().list(page, {who.organisation_id});
  uow->commit();
  return result;
}

Result<FundingSourceView> FundingService::get(const Principal& who, const std::string& request_id,
                                              const std::string& id) {
  return read_visible<FundingSourceView>(
      store_, clock_, {who, request_id, "funding_source.read", "funding_source", id}, [&](UnitOfWork& uow) {
        std::optional<FundingSourceView> view;
        if (auto source = uow.funding().find(id); source && can_see(who, *source))
          view = FundingSourceView{*source, uow.funding().balances(id)};
        return source_sighting(who, std::move(view));
      });
}

Result<Receipt> FundingService::add_receipt(const Actor& actor, const std::string& funding_source_id,
                                            const Money& amount, const std::string& received_on) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  const auto source = uow->funding().find(funding_source_id);
  if (!source) return not_found();
  if (auto errors = validate_receipt(amount, received_on, *source); !errors.empty()) return invalid(std::move(errors));
  Receipt receipt = uow->funding().add_receipt(funding_source_id, amount, received_on, now);
  auto booking = receipt_posting(receipt.id, funding_source_id, amount, received_on, now);
  uow->ledger().post(booking);
  uow->audit().append({now, actor, "funding_source.receipt", "funding_source", funding_source_id, "success",
                       {{"receipt_id", receipt.id},
                        {"amount", money_text(amount)},
                        {"received_on", received_on}}});
  uow->commit();
  return receipt;
}

Result<FundingService::PutOutcome> FundingService::put_fx_rate(const Actor& actor, FxRate rate) {
  if (auto errors = validate(rate); !errors.empty()) return invalid(std::move(errors));
  rate.updated_at = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  const bool created = uow->fx_rates().put(rate);
  uow->audit().append({rate.updated_at, actor, "fx_rate.put", "fx_rate", rate.currency + "/" + rate.base + "/" + rate.date,
                       "success", {{"rate", format_decimal(rate.rate)}}});
  uow->commit();
  return PutOutcome{rate, created};
}

std::vector<FxRate> FundingService::fx_rates(const FxFilter& filter) {
  auto uow = store_.begin(Access::read);
  auto rates = uow->fx_rates().list(filter);
  uow->commit();
  return rates;
}

}  // namespace mswa::domain
