#include "domain/disbursement_service.hpp"

#include "domain/calendar_date.hpp"
#include "domain/source_shares.hpp"
#include "domain/text.hpp"
#include "domain/visibility.hpp"
#include "domain/visible_read.hpp"

namespace mswa::domain {

DisbursementService::DisbursementService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

namespace {

// The disbursement with its award locked, read after the lock so that its
// status and the sums checked next are the latest committed ones.
std::optional<Disbursement> find_locked(UnitOfWork& uow, const std::string& id) {
  const auto first = uow.disbursements().find(id);
  if (!first) return std::nullopt;
  uow.awards().lock(first->award_id);
  return uow.disbursements().find(id);
}

// Approved and paid money may never pass the tranche or the award.
std::optional<Error> beyond_limits(UnitOfWork& uow, const Award& award, const Tranche& tranche, std::int64_t amount) {
  const auto& c = award.amount.currency;
  const auto in_tranche = uow.disbursements().committed_for_tranche(tranche.id).binding();
  if (in_tranche + amount > tranche.amount.minor)
    return conflict("Tranche " + std::to_string(tranche.seq) + " has " +
                        money_text(tranche.amount.minor - in_tranche, c) + " left of " +
                        money_text(tranche.amount.minor, c) + "; " + money_text(amount, c) + " does not fit.",
                    "exceeds_tranche",
                    {{"tranche", std::to_string(tranche.seq)},
                     {"left", money_text(tranche.amount.minor - in_tranche, c)},
                     {"amount", money_text(amount, c)}});
  const auto in_award = uow.disbursements().committed_for_award(award.id).binding();
  if (in_award + amount > award.amount.minor)
    return conflict("Award " + award.reference + " has " + money_text(award.amount.minor - in_award, c) + " left; " +
                        money_text(amount, c) + " does not fit.",
                    "exceeds_award",
                    {{"award", award.reference},
                     {"left", money_text(award.amount.minor - in_award, c)},
                     {"amount", money_text(amount, c)}});
  return std::nullopt;
}

std::optional<Error> condition_unmet(UnitOfWork& uow, const Tranche& tranche, const std::string& award_id) {
  if (tranche.condition != TrancheCondition::report_accepted) return std::nullopt;
  const auto schedule = uow.progress_reports().schedule(award_id);
  const ProgressReport* report = unlocking_report(tranche, schedule);
  if (!report)
    return conflict("Tranche " + std::to_string(tranche.seq) + " waits for a report, and no reporting period ends before " +
                        tranche.due_on + ".",
                    "condition_unmet", {{"tranche", std::to_string(tranche.seq)}});
  if (report->status == ReportStatus::accepted) return std::nullopt;
  return conflict("Tranche " + std::to_string(tranche.seq) + " waits for the report for " + report->period.period_start +
                      " to " + report->period.period_end + " to be accepted; it is " +
                      std::string(to_string(report->status)) + ".",
                  "condition_unmet",
                  {{"tranche", std::to_string(tranche.seq)},
                   {"period_start", report->period.period_start},
                   {"period_end", report->period.period_end},
                   {"status", std::string(to_string(report->status))}});
}

AuditEvent money_event(EpochMs now, const Actor& actor, const char* action, const Disbursement& d,
                       std::vector<std::pair<std::string, std::string>> details) {
  details.insert(details.begin(), {"amount", money_text(d.amount)});
  details.insert(details.begin(), {"award_id", d.award_id});
  return {now, actor, action, "disbursement", d.id, "success", std::move(details)};
}

Result<Disbursement> changed_meanwhile() { return stale("The disbursement changed meanwhile; try again."); }

}  // namespace

Result<IdempotentOutcome> DisbursementService::request(const Actor& actor, const std::string& award_id,
                                                       const DisbursementInput& input, const IdempotencyKey& key,
                                                       const RenderDisbursement& render) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  if (auto earlier = uow->idempotency().claim(key, now, now - kKeyLifetimeMs)) {
    if (earlier->fingerprint != key.fingerprint)
      return invalid_field("", "This Idempotency-Key was first used with a different request; use a new key.",
                           "idempotency_key_reused");
    return IdempotentOutcome{earlier->response, true};
  }
  if (!uow->awards().find(award_id)) return not_found();
  uow->awards().lock(award_id);
  const auto award = uow->awards().find(award_id);
  if (auto errors = validate(input, *award); !errors.empty()) return invalid(std::move(errors));
  const Tranche& tranche = *find_tranche(*award, input.tranche_id);
  if (auto unmet = condition_unmet(*uow, tranche, award_id)) return *unmet;
  if (auto over = beyond_limits(*uow, *award, tranche, input.amount.minor)) return *over;

  Disbursement d;
  d.award_id = award_id;
  d.organisation_id = award->organisation_id;
  d.tranche_id = tranche.id;
  d.amount = input.amount;
  d.note = input.note;
  d.requested_by = actor.user_id.value_or("");
  d.requested_at = d.created_at = d.updated_at = now;
  uow->disbursements().insert(d);
  uow->audit().append(money_event(now, actor, "disbursement.request", d,
                                  {{"tranche", std::to_string(tranche.seq)}, {"status", "requested"}}));
  StoredResponse response = render(d);
  uow->idempotency().complete(key, response);
  uow->commit();
  return IdempotentOutcome{std::move(response), false};
}

Result<Disbursement> DisbursementService::approve(const Actor& actor, const std::string& id) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  auto d = find_locked(*uow, id);
  if (!d) return not_found();
  if (actor.user_id == d->requested_by) {
    uow->audit().append({now, actor, "disbursement.approve", "disbursement", id, "denied"});
    uow->commit();
    return forbidden("Four eyes: the person who requested a disbursement cannot approve it.", "same_person");
  }
  if (d->status != DisbursementStatus::requested)
    return wrong_state("The disbursement is " + std::string(to_string(d->status)) + "; only a requested one can be approved.",
                       to_string(d->status));
  const auto award = uow->awards().find(d->award_id);
  if (auto over = beyond_limits(*uow, *award, *find_tranche(*award, d->tranche_id), d->amount.minor)) return *over;
  const long long before = d->version;
  d->status = DisbursementStatus::approved;
  d->approved_by = actor.user_id;
  d->approved_at = d->updated_at = now;
  d->version = before + 1;
  if (!uow->disbursements().update(*d, before)) return changed_meanwhile();
  uow->audit().append(money_event(now, actor, "disbursement.approve", *d, {{"status", change_text("requested", "approved")}}));
  uow->commit();
  return *d;
}

Result<Disbursement> DisbursementService::pay(const Actor& actor, const std::string& id, const PaymentInput& input) {
  const EpochMs now = clock_.now_ms();
  if (auto errors = validate(input, date_of(now)); !errors.empty()) return invalid(std::move(errors));
  auto uow = store_.begin(Access::write);
  auto d = find_locked(*uow, id);
  if (!d) return not_found();
  if (d->status != DisbursementStatus::approved)
    return wrong_state("The disbursement is " + std::string(to_string(d->status)) + "; only an approved one can be paid.",
                       to_string(d->status));
  const auto award = uow->awards().find(d->award_id);
  // Each source carries the payment in proportion to what it has yet to pay.
  const auto paid = uow->disbursements().paid_by_source(award->id);
  std::vector<std::int64_t> remaining;
  for (const auto& a : award->allocations) {
    const auto it = paid.find(a.funding_source_id);
    remaining.push_back(a.amount.minor - (it == paid.end() ? 0 : it->second));
  }
  auto shares = source_shares(*uow, *award, d->amount.minor, remaining, input.paid_on, "/paid_on");
  if (!shares) return std::move(shares).error();
  auto booking = payment_posting(d->id, award->id, shares.value(), input.paid_on, now);
  uow->ledger().post(booking);

  const long long before = d->version;
  d->status = DisbursementStatus::paid;
  d->paid_by = actor.user_id;
  d->paid_at = d->updated_at = now;
  d->paid_on = input.paid_on;
  d->payment_reference = input.payment_reference;
  d->portions = std::move(shares).value();
  d->version = before + 1;
  try {
    if (!uow->disbursements().update(*d, before)) return changed_meanwhile();
  } catch (const Failure& f) {
    // The one unique value a payment writes: a bank transfer is recorded once.
    if (f.error().code != ErrorCode::conflict) throw;
    return conflict("Payment reference " + input.payment_reference + " is already recorded for another disbursement.",
                    "payment_reference_taken", {{"payment_reference", input.payment_reference}});
  }
  uow->audit().append(money_event(now, actor, "disbursement.pay", *d,
                                  {{"status", change_text("approved", "paid")},
                                   {"paid_on", input.paid_on},
                                   {"payment_reference", input.payment_reference},
                                   {"ledger_transaction_id", booking.id}}));
  uow->commit();
  return *d;
}

Result<Disbursement> DisbursementService::cancel(const Actor& actor, const std::string& id, const std::string& reason) {
  const EpochMs now = clock_.now_ms();
  if (auto bad = check_text(reason, "/reason", 1, 2000, Lines::multi)) return invalid({*bad});
  auto uow = store_.begin(Access::write);
  auto d = find_locked(*uow, id);
  if (!d) return not_found();
  const auto from = d->status;
  if (from != DisbursementStatus::requested && from != DisbursementStatus::approved &&
      from != DisbursementStatus::paid)
    return wrong_state("The disbursement is " + std::string(to_string(from)) +
                           "; only a requested, approved or paid one can be cancelled.",
                       to_string(from));
  const long long before = d->version;
  const char* action = "disbursement.cancel";
  if (from == DisbursementStatus::paid) {
    // Money has left: one person may only ask for it to be undone.
    action = "disbursement.reversal_request";
    d->status = DisbursementStatus::reversal_requested;
    d->reversal_requested_by = actor.user_id;
    d->reversal_requested_at = now;
    d->reversal_reason = reason;
  } else {
    d->status = DisbursementStatus::cancelled;
    d->cancelled_by = actor.user_id;
    d->cancelled_at = now;
    d->cancel_reason = reason;
  }
  d->updated_at = now;
  d->version = before + 1;
  if (!uow->disbursements().update(*d, before)) return changed_meanwhile();
  uow->audit().append(money_event(now, actor, action, *d,
                                  {{"status", change_text(to_string(from), to_string(d->status))}, {"reason", reason}}));
  uow->commit();
  return *d;
}

namespace {

// The disbursement, locked, when its reversal is asked for; else why not.
Result<Disbursement> find_awaiting_reversal(UnitOfWork& uow, const std::string& id, const std::string& refusal) {
  auto d = find_locked(uow, id);
  if (!d) return not_found();
  if (d->status != DisbursementStatus::reversal_requested)
    return wrong_state("The disbursement is " + std::string(to_string(d->status)) + "; " + refusal,
                       to_string(d->status));
  return *d;
}

}  // namespace

Result<Disbursement> DisbursementService::reverse(const Actor& actor, const std::string& id) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  auto found = find_awaiting_reversal(*uow, id, "only one whose reversal was asked for can be reversed.");
  if (!found) return std::move(found).error();
  auto* d = &found.value();
  if (actor.user_id == d->reversal_requested_by) {
    uow->audit().append({now, actor, "disbursement.reverse", "disbursement", id, "denied"});
    uow->commit();
    return forbidden("Four eyes: the person who asked for a reversal cannot confirm it.", "same_person");
  }
  const auto payment = uow->ledger().standing(d->id, LedgerKind::payment);
  if (!payment) throw std::logic_error("a paid disbursement has no standing payment in the ledger");
  auto reversal = reversal_of(*payment, date_of(now), now);
  uow->ledger().post(reversal);
  const long long before = d->version;
  d->status = DisbursementStatus::reversed;
  d->reversed_by = actor.user_id;
  d->reversed_at = d->updated_at = now;
  d->version = before + 1;
  if (!uow->disbursements().update(*d, before)) return changed_meanwhile();
  uow->audit().append(money_event(now, actor, "disbursement.reverse", *d,
                                  {{"status", change_text("reversal_requested", "reversed")},
                                   {"reason", d->reversal_reason.value_or("")},
                                   {"ledger_transaction_id", reversal.id}}));
  uow->commit();
  return *d;
}

Result<Disbursement> DisbursementService::withdraw_reversal(const Actor& actor, const std::string& id) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  auto found = find_awaiting_reversal(*uow, id, "there is no reversal request to withdraw.");
  if (!found) return std::move(found).error();
  auto* d = &found.value();
  const long long before = d->version;
  // The request is forgotten on the row (the audit trail keeps it), so a
  // later request starts afresh.
  d->status = DisbursementStatus::paid;
  d->reversal_requested_by.reset();
  d->reversal_requested_at.reset();
  d->reversal_reason.reset();
  d->updated_at = now;
  d->version = before + 1;
  if (!uow->disbursements().update(*d, before)) return changed_meanwhile();
  uow->audit().append(
      money_event(now, actor, "disbursement.withdraw_reversal", *d, {{"status", change_text("reversal_requested", "paid")}}));
  uow->commit();
  return *d;
}

Result<Disbursement> DisbursementService::get(const Principal& who, const std::string& request_id, const std::string& id) {
  return read_visible<Disbursement>(store_, clock_, {who, request_id, "disbursement.read", "disbursement", id},
                                    [&](UnitOfWork& uow) {
                                      return sight(uow.disbursements().find(id),
                                                   [&](const Disbursement& d) { return can_see(who, d); });
                                    });
}

Page<Disbursement> DisbursementService::list(const Principal& who, const PageRequest& page,
                                             const DisbursementListFilter& filter) {
  DisbursementFilter f{filter.award_id, std::nullopt, filter.status};
  if (!is_staff(who.role)) {
    if (who.role != Role::member || !who.organisation_id) return {};
    f.organisation_id = who.organisation_id;
  }
  auto uow = store_.begin(Access::read);
  auto result = uow->disbursements().list(page, f);
  uow->commit();
  return result;
}

std::vector<CurrencyTotals> DisbursementService::trial_balance() {
  auto uow = store_.begin(Access::read);
  auto totals = uow->ledger().totals();
  uow->commit();
  return totals;
}

}  // namespace mswa::domain
