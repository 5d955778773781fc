#pragma once
// Decisions on applications, and the sub-grant awards an approval creates:
// tranches, funding allocations (converted into each source's currency at
// the decision date's FX rate) and the progress-report schedule.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/application.hpp"
#include "domain/call.hpp"
#include "domain/clock.hpp"
#include "domain/error.hpp"
#include "domain/money.hpp"

namespace mswa::domain {

enum class Decision { approve, reject, request_changes };
enum class TrancheCondition { none, report_accepted };

std::string_view to_string(Decision d);
std::optional<Decision> parse_decision(std::string_view s);
std::string_view to_string(TrancheCondition c);
std::optional<TrancheCondition> parse_tranche_condition(std::string_view s);

struct TrancheInput {
  std::string due_on;
  Money amount;
  TrancheCondition condition = TrancheCondition::none;
};

struct FundingInput {
  std::string funding_source_id;
  Money amount;  // in the call's currency
};

struct DecisionInput {
  Decision decision = Decision::reject;
  std::string reason;
  std::optional<Money> amount;
  std::vector<TrancheInput> tranches;
  std::vector<FundingInput> funding;
};

struct Tranche {
  std::string id;
  int seq = 0;
  std::string due_on;
  Money amount;
  TrancheCondition condition = TrancheCondition::none;
};

struct Allocation {
  std::string id;
  std::string funding_source_id;
  Money amount;         // in the award's currency
  Money source_amount;  // in the funding source's currency
  Decimal rate;         // award currency -> source currency
  std::string rate_date;
};

struct ReportPeriod {
  int seq = 0;
  std::string period_start;
  std::string period_end;
  std::string due_on;
};

struct Award {
  std::string id;
  std::string reference;  // MSWA-2027-001
  std::string application_id;
  std::string call_id;
  std::string organisation_id;
  Money amount;
  std::string start_date;
  std::string end_date;
  std::string decided_on;
  std::vector<Tranche> tranches;
  std::vector<Allocation> allocations;
  std::vector<BudgetLine> budget_lines;  // the application's, ids kept
  std::vector<Target> targets;
  EpochMs created_at = 0;
};

// Where an award's money stands, in its currency. paid and spent come from
// the ledger; requested and approved from disbursements not yet paid.
struct AwardTotals {
  std::int64_t awarded = 0;
  std::int64_t requested = 0;
  std::int64_t approved = 0;
  std::int64_t paid = 0;
  std::int64_t spent = 0;  // reported in accepted progress reports
  std::int64_t remaining() const { return awarded - paid; }
};

// The approval rules of DESIGN §7 that need no database.
std::vector<FieldError> validate_approval(const DecisionInput& d, const Application& app, const Call& call);

// A tranche that waits for a report needs a report period that ends before it is due.
std::vector<FieldError> validate_tranche_conditions(const DecisionInput& d, const std::vector<ReportPeriod>& schedule);

// 'YYYY-MM-DD' plus whole months (the day clamped to the month's end), and plus days.
std::string add_months(const std::string& date, int months);
std::string add_days(const std::string& date, int days);

// Reporting periods from start over duration_months, one per frequency step;
// each report is due 30 days after its period ends.
std::vector<ReportPeriod> report_schedule(const std::string& start_date, int duration_months, ReportingFrequency f);

}  // namespace mswa::domain
