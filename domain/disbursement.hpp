#pragma once
// Disbursements: the money of an award's tranche, requested by programme or
// finance staff, approved by a finance officer who did not request it
// (four eyes), then paid. requested -> approved -> paid; cancelled before
// payment. A paid one is undone by two finance officers, one asking and
// another confirming: paid -> reversal_requested -> reversed (or back to
// paid when the request is withdrawn).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/award.hpp"
#include "domain/clock.hpp"
#include "domain/error.hpp"
#include "domain/ledger.hpp"
#include "domain/money.hpp"

namespace mswa::domain {

enum class DisbursementStatus { requested, approved, paid, reversal_requested, reversed, cancelled };

std::string_view to_string(DisbursementStatus s);
std::optional<DisbursementStatus> parse_disbursement_status(std::string_view s);

struct DisbursementInput {
  std::string tranche_id;
  Money amount;
  std::string note;
};

struct PaymentInput {
  std::string paid_on;
  std::string payment_reference;
};

struct Disbursement {
  std::string id;
  std::string award_id;
  std::string organisation_id;  // the award's: whose money it is
  std::string tranche_id;
  Money amount;
  std::string note;
  DisbursementStatus status = DisbursementStatus::requested;
  std::string requested_by;
  EpochMs requested_at = 0;
  std::optional<std::string> approved_by;
  std::optional<EpochMs> approved_at;
  std::optional<std::string> paid_by;
  std::optional<EpochMs> paid_at;
  std::optional<std::string> paid_on;
  std::optional<std::string> payment_reference;
  std::optional<std::string> cancelled_by;
  std::optional<EpochMs> cancelled_at;
  std::optional<std::string> cancel_reason;
  std::optional<std::string> reversal_requested_by;
  std::optional<EpochMs> reversal_requested_at;
  std::optional<std::string> reversal_reason;
  std::optional<std::string> reversed_by;
  std::optional<EpochMs> reversed_at;
  std::vector<SourceShare> portions;  // once paid: the split over funding sources
  long long version = 1;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
};

// What is already spoken for, per tranche or per award, in the award currency.
struct Committed {
  std::int64_t requested = 0;  // requested, not yet approved
  std::int64_t approved = 0;   // approved, not yet paid
  std::int64_t paid = 0;       // paid and not reversed (a reversal only asked for still counts)
  std::int64_t binding() const { return approved + paid; }
};

std::vector<FieldError> validate(const DisbursementInput& input, const Award& award);
std::vector<FieldError> validate(const PaymentInput& input, const std::string& today);

const Tranche* find_tranche(const Award& award, const std::string& tranche_id);

// The report whose acceptance a report_accepted tranche waits for: the one of
// the last period that ends before the tranche is due. nullptr when none does.
template <class Report>
const Report* unlocking_report(const Tranche& tranche, const std::vector<Report>& schedule) {
  const Report* found = nullptr;
  for (const auto& r : schedule)
    if (r.period.period_end < tranche.due_on && (!found || r.period.period_end > found->period.period_end)) found = &r;
  return found;
}

}  // namespace mswa::domain
