#pragma once
// What the database adds up for one funding source as of a date, before any
// privacy rule. Nothing here may leave the alliance as it is: reports/
// decides what of it is published (names, small cells) and renders that.
// Money is in the source's currency (minor units) unless it says otherwise.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/funding.hpp"
#include "domain/ledger.hpp"
#include "domain/logframe.hpp"
#include "domain/money.hpp"
#include "domain/organisation.hpp"

namespace mswa::domain {

// An award this source funds, with the source's share of its money.
struct SummaryAward {
  std::string id;
  std::string reference;   // MSWA-2027-001: for staff only, its gaps would count the awards not listed
  std::string public_ref;  // random, fixed when the award was made: what donor files name it by
  std::string title;      // the application's title
  std::string organisation_id;
  std::string organisation_name;  // in the organisation's own script
  std::optional<std::string> organisation_name_en;
  std::optional<std::string> organisation_iati_ref;
  Publication publication = Publication::confidential;
  // Rank of the organisation among the pseudonymous member organisations of
  // its country, by creation: "Member organisation KH-2". 0 when not pseudonymous.
  int pseudonym_number = 0;
  std::string country;
  std::string start_date, end_date, decided_on;
  Money amount;                 // the whole award, in the award's currency
  Money share;                  // the part this source funds, in the award's currency
  std::int64_t allocated = 0;   // this source's money: committed by the decision
  std::int64_t disbursed = 0;   //   paid out (net of reversals)
  std::int64_t spent = 0;       //   reported spent in accepted reports
};

// One indicator the funded awards target or report: their targets added up.
// Its actuals are in SummaryFacts::cells, by organisation.
struct SummaryIndicator {
  Indicator indicator;
  long long targets = 0;         // awards with a target for it
  std::int64_t baseline_e4 = 0;  // sum of the awards' baselines, times 10^4
  std::int64_t target_e4 = 0;    // sum of the awards' targets, times 10^4
};

struct SummaryResult {
  LogframeResult result;
  std::vector<SummaryIndicator> indicators;
};

// The narrative of an accepted report, cut to an excerpt by the database.
struct NarrativeExcerpt {
  std::string award_id;
  std::string period_start, period_end;
  std::string text;
  bool truncated = false;
};

// One booking on this source's accounts for an award: the source's side of
// an allocation, payment or expenditure (or its reversal, with the original
// kind and a negative amount).
struct SummaryTransaction {
  std::string award_id;
  std::string transaction_id;
  LedgerKind kind = LedgerKind::allocation;  // allocation, payment or expenditure
  std::string booked_on;
  std::int64_t amount = 0;
};

// An award's target for one indicator, as the decision fixed it.
struct SummaryTarget {
  std::string award_id;
  std::string indicator_code;
  std::string baseline, target;  // decimal strings
  std::int64_t baseline_e4 = 0, target_e4 = 0;
};

// What one organisation reported for one indicator in one combination of
// categories (empty: not recorded), added up over its accepted reports:
// the finest grain the privacy rules work from.
struct IndicatorCell {
  std::string indicator_code;
  std::string gender, migrant_status, age_group;
  std::string organisation_id;
  std::int64_t sum_e4 = 0;
  long long values = 0;
};

struct SummaryFacts {
  FundingSource source;
  Organisation donor;
  Organisation alliance;              // MSWA: the reporting and funding organisation
  std::string as_of;                  // YYYY-MM-DD: everything booked or accepted on or before it
  std::optional<EpochMs> known_at;    // an edition's: only what was recorded by then, reports of periods ending by as_of
  EpochMs generated_at = 0;
  FundingBalances totals;             // as of that date
  std::vector<Receipt> receipts;      // booked on or before as_of
  std::vector<SummaryAward> awards;   // decided on or before as_of, confidential ones included
  std::vector<SummaryResult> results;  // in logframe order; only indicators the awards target or report
  std::vector<NarrativeExcerpt> narratives;    // newest first
  std::vector<SummaryTransaction> transactions;  // every booking on the source's accounts, by award
  std::vector<SummaryTarget> targets;            // every funded award's targets
  std::vector<IndicatorCell> cells;              // accepted indicator values, by organisation
};

// For staff: the whole pipeline at a glance.
struct StatusCount {
  std::string status;
  long long count = 0;
};

struct CurrencyAmount {
  std::string currency;
  long long count = 0;
  std::int64_t amount = 0;  // minor units
};

struct OverdueReport {
  std::string report_id, award_id, award_reference, organisation_id, organisation_name;
  std::string period_start, period_end, due_on, status;
  long long days_overdue = 0;
};

struct TrancheDue {
  std::string tranche_id, award_id, award_reference, organisation_id, organisation_name;
  int seq = 0;
  std::string due_on, condition;
  Money amount;
  std::int64_t committed = 0;  // requested, approved or paid so far (award currency)
  std::int64_t paid = 0;
};

struct Portfolio {
  std::string as_of;
  std::vector<StatusCount> applications;  // by status
  std::vector<CurrencyAmount> awards;     // count and total per award currency
  std::vector<CurrencyAmount> disbursed;  // paid per award currency
  std::vector<OverdueReport> overdue_reports;
  std::vector<TrancheDue> tranches_due;   // due within 30 days or past due, not fully paid
};

}  // namespace mswa::domain
