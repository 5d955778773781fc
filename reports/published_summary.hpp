#pragma once
// A funding source's summary as it may leave the alliance: what every
// renderer (JSON, CSV, HTML, IATI XML, 360Giving JSON) draws from, so all of
// them agree to the minor unit and none can skip the privacy rules.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/donor_summary.hpp"
#include "reports/privacy.hpp"

namespace mswa::reports {

// A figure that may be withheld; the value is times 10^4 (indicator values
// are decimals with up to four places).
struct Cell {
  std::optional<std::int64_t> e4;
  bool suppressed() const { return !e4.has_value(); }
};

struct PublishedCategory {
  std::string category;  // a dimension value, or "not_recorded" for values reported without this breakdown
  Cell value;
};

struct PublishedBreakdown {
  domain::Dimension dimension = domain::Dimension::gender;
  std::vector<PublishedCategory> categories;
};

struct PublishedIndicator {
  std::string code, title;
  domain::Measure measure = domain::Measure::unit;
  bool ascending = true;
  // Sums over the funded awards' targets (averages for percentages), times 10^4.
  std::int64_t baseline_e4 = 0;
  std::int64_t target_e4 = 0;
  Cell actual;  // empty for qualitative indicators
  // actual / target as a percentage with one decimal ("83.3"); none when
  // the actual is withheld, the target is zero, or the measure is qualitative.
  std::optional<std::string> achievement_percent;
  std::vector<PublishedBreakdown> breakdowns;
};

struct PublishedResult {
  std::string code, title;
  domain::ResultKind kind = domain::ResultKind::output;
  std::vector<PublishedIndicator> indicators;
};

// A country's money, or (country empty) that of the countries that cannot
// be named: where fewer than 3 organisations were funded and one of them is
// confidential, naming the country would place a confidential organisation.
struct PublishedCountry {
  std::string country;
  domain::Money allocated, disbursed, spent;
};

// "Thailand", or "Other countries" for the row of countries not named.
std::string country_label(const PublishedCountry& c);

struct PublishedMonth {
  std::string month;  // YYYY-MM
  domain::Money disbursed, spent;
};

// An award of a public or pseudonymous organisation, with this source's share.
struct PublishedAward {
  std::string id, reference;
  std::string title;  // the application's title when the recipient is named, else a neutral one
  Recipient recipient;
  std::string start_date, end_date, decided_on;
  domain::Money amount;  // whole award, award currency
  domain::Money share;   // this source's part of it, award currency
  domain::Money allocated, disbursed, spent;  // this source's money, source currency
  std::vector<domain::SummaryTransaction> transactions;  // only when asked for
  std::vector<domain::SummaryTarget> targets;            // only when asked for
};

// Awards of confidential organisations: counted in every total, listed nowhere.
struct UnlistedAwards {
  Cell count;
  domain::Money allocated, disbursed, spent;
};

struct PublishedNarrative {
  std::string award_reference;
  std::string recipient;  // a public organisation's name
  std::string period_start, period_end;
  std::string text;
  bool truncated = false;
};

struct BurnRate {
  std::optional<std::string> spent_of_disbursed_percent;    // "41.2"; none before anything is paid
  std::optional<std::string> disbursed_of_allocated_percent;
  long long months_elapsed = 0;  // from the source's start to as_of, at least 1
  domain::Money average_monthly_spent;
};

struct PublishedSummary {
  std::string as_of;
  std::string generated_at;  // RFC 3339 UTC
  std::string alliance_name;
  std::string alliance_ref;  // MSWA's organisation identifier: its iati_ref, else "XI-MSWA"
  std::string source_id, source_reference, source_title;
  domain::Money source_amount;
  std::string source_start_date, source_end_date;
  std::vector<std::string> source_result_codes;
  std::string donor_id, donor_name;
  std::string donor_iati_ref;  // empty when unknown
  std::string donor_country;
  domain::Currency currency;

  domain::Money received, allocated, disbursed, spent, available;
  BurnRate burn_rate;
  std::vector<domain::Receipt> receipts;
  std::vector<PublishedCountry> countries;
  std::vector<PublishedMonth> months;
  std::vector<PublishedResult> results;
  std::vector<PublishedAward> awards;
  UnlistedAwards unlisted;
  std::vector<PublishedNarrative> narratives;
};

PublishedSummary publish(const domain::SummaryFacts& facts, const std::string& generated_at);

// "120", "12.5", "0.0825": a value times 10^4 as a plain decimal.
std::string format_e4(std::int64_t e4);

}  // namespace mswa::reports
