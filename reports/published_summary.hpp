#pragma once
// A funding source's summary as it may leave the alliance: what every
// renderer (JSON, CSV, HTML, IATI XML, 360Giving JSON) draws from, so all of
// them agree to the minor unit and none can skip the privacy rules.
#include <cstdint>
#include <optional>
#include <set>
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
  // Sums over the funded awards' targets (averages for percentages), times
  // 10^4; withheld together when the awards left out of the listing could
  // be sized by subtracting the listed awards' targets.
  Cell baseline;
  Cell target;
  Cell actual;  // empty for qualitative indicators
  // actual / target as a percentage with one decimal ("83.3"); none when
  // the actual or the target is withheld, the target is zero, or the
  // measure is qualitative.
  std::optional<std::string> achievement_percent;
  std::vector<PublishedBreakdown> breakdowns;
};

struct PublishedResult {
  std::string code, title;
  domain::ResultKind kind = domain::ResultKind::output;
  std::vector<PublishedIndicator> indicators;
};

// A country's money, or (country empty) that of the countries that cannot
// be named: a country holding one or two confidential organisations, or
// whose row less its listed awards' published money would be one or two
// organisations' money, joins the row of countries not named (which spans
// two countries or more).
struct PublishedCountry {
  std::string country;
  domain::Money allocated, disbursed, spent;
};

// "Thailand", or "Other countries" for the row of countries not named.
std::string country_label(const PublishedCountry& c);

// A month's money; withheld (both figures) when what the listed awards'
// payments in it leave over would come from one or two organisations.
struct PublishedMonth {
  std::string month;  // YYYY-MM
  bool withheld = false;
  domain::Money disbursed, spent;  // zero when withheld
};

// An award of a public or pseudonymous organisation, with this source's share.
// Its money may be withheld (amount, share, allocated, disbursed, spent and
// its transactions) when the awards left out of the listing could otherwise
// be worked out from the totals.
struct PublishedAward {
  std::string id;
  std::string reference;  // the award's random public reference, never MSWA-YYYY-NNN
  std::string title;  // the application's title when the recipient is named, else a neutral one
  Recipient recipient;
  std::string start_date, end_date, decided_on;
  domain::Money amount;  // whole award, award currency
  domain::Money share;   // this source's part of it, award currency
  bool money_withheld = false;  // then every money figure below is zero and not shown
  domain::Money allocated, disbursed, spent;  // this source's money, source currency
  std::vector<domain::SummaryTransaction> transactions;  // empty when the money is withheld
  std::vector<domain::SummaryTarget> targets;            // the targets that may be shown
};

// Awards of confidential organisations: counted in every total, listed
// nowhere; their money shown only when it comes from three organisations or more.
struct UnlistedAwards {
  Cell count;
  bool money_withheld = false;  // then the money below is zero and not shown
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

// What makes a summary an edition: the quarter it covers, frozen when published.
struct EditionInfo {
  std::string period_end;    // YYYY-MM-DD, a quarter end
  std::string published_at;  // RFC 3339 UTC
  std::optional<std::string> previous_period_end;
};

struct PublishedSummary {
  // A staff preview ("Preview — not for circulation") or a donor edition.
  bool preview = true;
  std::optional<EditionInfo> edition;
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
  // Empty with countries_withheld when no breakdown by country is safe.
  bool countries_withheld = false;
  std::vector<PublishedCountry> countries;
  std::vector<PublishedMonth> months;
  std::vector<PublishedResult> results;
  std::vector<PublishedAward> awards;
  UnlistedAwards unlisted;
  std::vector<PublishedNarrative> narratives;
};

// What an edition withheld, kept (inside the alliance) so that the next
// edition of the same source can be checked against it (DESIGN §9 rule 3).
struct DisclosureState {
  std::set<std::string> withheld;           // keys of the figures withheld ("actual/OP1.1/gender/woman", "month/2027-04", ...)
  std::set<std::string> listed_awards;      // awards listed (their organisation public or pseudonymous then)
  std::set<std::string> closed_awards;      // listed awards whose money was withheld
  std::set<std::string> unnamed_countries;  // countries in the "Other countries" row
  bool country_breakdown = true;            // false when no breakdown by country was published
};

std::string to_json(const DisclosureState& state);
DisclosureState disclosure_state_from_json(const std::string& text);

// The previous edition of the same source: the facts it was made from
// (added up again as they stood when it was published) and what it withheld.
struct PriorEdition {
  const domain::SummaryFacts& facts;
  const DisclosureState& state;
};

struct Publication {
  PublishedSummary summary;
  DisclosureState state;
};

// The privacy rules of DESIGN §6 and §9 applied to the facts. Without a
// prior edition this is a staff preview or a source's first edition; with
// one, every figure is also checked against what that edition published.
Publication publish(const domain::SummaryFacts& facts, const std::string& generated_at,
                    const std::optional<PriorEdition>& prior = std::nullopt);

// "120", "12.5", "0.0825": a value times 10^4 as a plain decimal.
std::string format_e4(std::int64_t e4);

}  // namespace mswa::reports
