// From the facts the database added up to what may leave the alliance:
// recipients by their publication choice, indicator counts through the
// small-cell rules, and nothing else of an unlisted award.
#include <map>
#include <string>

#include "domain/country.hpp"
#include "domain/wide_int.hpp"
#include "reports/published_summary.hpp"

namespace mswa::reports {

using domain::i128;
using domain::Money;

std::string country_label(const PublishedCountry& c) {
  return c.country.empty() ? "Other countries" : domain::country_name(c.country);
}

std::string format_e4(std::int64_t e4) {
  const bool negative = e4 < 0;
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(e4) : static_cast<std::uint64_t>(e4);
  std::string out = std::to_string(magnitude / 10000);
  if (const auto fraction = magnitude % 10000; fraction != 0) {
    std::string digits = std::to_string(fraction);
    digits.insert(0, 4 - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return negative ? "-" + out : out;
}

namespace {

constexpr int kNarrativesShown = 10;

// numerator / denominator as a percentage with one decimal, half up; none
// when the denominator is not positive.
std::optional<std::string> percent(std::int64_t numerator, std::int64_t denominator) {
  if (denominator <= 0 || numerator < 0) return std::nullopt;
  const i128 tenths = (static_cast<i128>(numerator) * 2000 + denominator) / (2 * static_cast<i128>(denominator));
  const auto t = static_cast<long long>(tenths);
  return std::to_string(t / 10) + "." + std::to_string(t % 10);
}

// An average of `values` figures whose sum is sum_e4, times 10^4 (half up).
std::int64_t average_e4(std::int64_t sum_e4, long long values) {
  if (values <= 0) return 0;
  return static_cast<std::int64_t>((static_cast<i128>(sum_e4) * 2 + values) / (2 * static_cast<i128>(values)));
}

CountFigure figure(const domain::IndicatorSum& s) { return {s.sum_e4, s.organisations}; }

// Counts go through the additive-table rules, each breakdown a partition of
// the same total; a total one breakdown has to withhold is withheld for all.
void publish_counts(const domain::SummaryIndicator& in, PublishedIndicator& out) {
  std::vector<Withheld> withheld;
  bool total_withheld = is_small(figure(in.actual));
  for (const auto& b : in.breakdowns) {
    AdditiveTable table{figure(in.actual), {}};
    for (const auto& c : b.categories) table.parts.push_back(figure(c.sum));
    withheld.push_back(protect(table));
    total_withheld = total_withheld || withheld.back().total;
  }
  if (!total_withheld) out.actual.e4 = in.actual.sum_e4;
  for (std::size_t i = 0; i < in.breakdowns.size(); ++i) {
    PublishedBreakdown b{in.breakdowns[i].dimension, {}};
    for (std::size_t j = 0; j < in.breakdowns[i].categories.size(); ++j) {
      const auto& c = in.breakdowns[i].categories[j];
      PublishedCategory pc{c.category.empty() ? "not_recorded" : c.category, {}};
      if (!total_withheld && !withheld[i].parts[j]) pc.value.e4 = c.sum.sum_e4;
      b.categories.push_back(std::move(pc));
    }
    out.breakdowns.push_back(std::move(b));
  }
}

// Percentages are averages, not counts: each cell needs three organisations,
// and none can be worked out from the others without the numbers of values.
void publish_averages(const domain::SummaryIndicator& in, PublishedIndicator& out) {
  const auto average = [](const domain::IndicatorSum& s) {
    Cell c;
    if (!is_small(figure(s), false)) c.e4 = average_e4(s.sum_e4, s.values);
    return c;
  };
  out.actual = average(in.actual);
  for (const auto& b : in.breakdowns) {
    PublishedBreakdown pb{b.dimension, {}};
    for (const auto& c : b.categories)
      pb.categories.push_back({c.category.empty() ? "not_recorded" : c.category, average(c.sum)});
    out.breakdowns.push_back(std::move(pb));
  }
}

PublishedIndicator publish_indicator(const domain::SummaryIndicator& in) {
  const auto& f = in.indicator.fields;
  PublishedIndicator out{f.code, f.title, f.measure, f.ascending, in.baseline_e4, in.target_e4, {}, std::nullopt, {}};
  switch (f.measure) {
    case domain::Measure::unit:
      publish_counts(in, out);
      break;
    case domain::Measure::percentage:
      out.baseline_e4 = average_e4(in.baseline_e4, in.targets);
      out.target_e4 = average_e4(in.target_e4, in.targets);
      publish_averages(in, out);
      break;
    case domain::Measure::qualitative:
      return out;  // words, not numbers: nothing to add up
  }
  if (out.actual.e4) {
    // More is better: actual against target; less is better: target against actual.
    out.achievement_percent =
        f.ascending ? percent(*out.actual.e4, out.target_e4) : percent(out.target_e4, *out.actual.e4);
  }
  return out;
}

Money in(std::int64_t minor, const domain::Currency& c) { return {minor, c}; }

long long months_between(const std::string& start, const std::string& as_of) {
  const auto year = [](const std::string& d) { return std::stoll(d.substr(0, 4)); };
  const auto month = [](const std::string& d) { return std::stoll(d.substr(5, 2)); };
  const long long months = (year(as_of) - year(start)) * 12 + (month(as_of) - month(start)) + 1;
  return months < 1 ? 1 : months;
}

}  // namespace

PublishedSummary publish(const domain::SummaryFacts& f, const std::string& generated_at) {
  const auto& source = f.source.fields;
  const auto currency = source.amount.currency;
  PublishedSummary s;
  s.as_of = f.as_of;
  s.generated_at = generated_at;
  s.alliance_name = f.alliance.fields.name_en.value_or(f.alliance.fields.name);
  s.alliance_ref = f.alliance.fields.iati_ref.value_or("XI-MSWA");
  s.source_id = f.source.id;
  s.source_reference = source.reference;
  s.source_title = source.title;
  s.source_amount = source.amount;
  s.source_start_date = source.start_date;
  s.source_end_date = source.end_date;
  s.source_result_codes = source.result_codes;
  s.donor_id = f.donor.id;
  s.donor_name = f.donor.fields.name_en.value_or(f.donor.fields.name);
  s.donor_iati_ref = f.donor.fields.iati_ref.value_or("");
  s.donor_country = f.donor.fields.country;
  s.currency = currency;

  s.received = in(f.totals.received, currency);
  s.allocated = in(f.totals.allocated, currency);
  s.disbursed = in(f.totals.disbursed, currency);
  s.spent = in(f.totals.spent, currency);
  s.available = in(f.totals.available, currency);
  s.burn_rate.spent_of_disbursed_percent = percent(f.totals.spent, f.totals.disbursed);
  s.burn_rate.disbursed_of_allocated_percent = percent(f.totals.disbursed, f.totals.allocated);
  s.burn_rate.months_elapsed = months_between(source.start_date, f.as_of);
  s.burn_rate.average_monthly_spent =
      in(static_cast<std::int64_t>((static_cast<i128>(f.totals.spent) * 2 + s.burn_rate.months_elapsed) /
                                   (2 * static_cast<i128>(s.burn_rate.months_elapsed))),
         currency);
  s.receipts = f.receipts;

  PublishedCountry unnamed{"", in(0, currency), in(0, currency), in(0, currency)};
  for (const auto& c : f.countries) {
    if (c.confidential_organisations == 0 || c.organisations >= kMinOrganisations) {
      s.countries.push_back({c.country, in(c.allocated, currency), in(c.disbursed, currency), in(c.spent, currency)});
    } else {
      unnamed.allocated.minor += c.allocated;
      unnamed.disbursed.minor += c.disbursed;
      unnamed.spent.minor += c.spent;
    }
  }
  if (s.countries.size() < f.countries.size()) s.countries.push_back(unnamed);
  for (const auto& m : f.months) s.months.push_back({m.month, in(m.disbursed, currency), in(m.spent, currency)});
  for (const auto& r : f.results) {
    PublishedResult pr{r.result.code, r.result.title, r.result.kind, {}};
    for (const auto& i : r.indicators) pr.indicators.push_back(publish_indicator(i));
    s.results.push_back(std::move(pr));
  }

  // Confidential organisations' awards: in the totals, in no listing.
  for (const auto& a : f.awards) {
    auto recipient = recipient_of(a);
    if (!recipient.listed) continue;
    PublishedAward p;
    p.id = a.id;
    p.reference = a.reference;
    // A pseudonymous organisation's own title could name it.
    p.title = recipient.named ? a.title : "Sub-grant " + a.reference + " to " + recipient.label;
    p.recipient = std::move(recipient);
    p.start_date = a.start_date;
    p.end_date = a.end_date;
    p.decided_on = a.decided_on;
    p.amount = a.amount;
    p.share = a.share;
    p.allocated = in(a.allocated, currency);
    p.disbursed = in(a.disbursed, currency);
    p.spent = in(a.spent, currency);
    s.awards.push_back(std::move(p));
  }
  std::map<std::string, PublishedAward*> by_id;
  for (auto& a : s.awards) by_id[a.id] = &a;
  for (const auto& t : f.transactions)
    if (auto it = by_id.find(t.award_id); it != by_id.end()) it->second->transactions.push_back(t);
  for (const auto& t : f.targets)
    if (auto it = by_id.find(t.award_id); it != by_id.end()) it->second->targets.push_back(t);

  // No confidential award at all is a count of zero, which says nothing about anyone.
  s.unlisted = {{0}, in(0, currency), in(0, currency), in(0, currency)};
  for (const auto& g : f.publication_groups) {
    if (g.publication != domain::Publication::confidential) continue;
    s.unlisted.count.e4 =
        is_small({g.awards * 10000, g.organisations}) ? std::nullopt : std::optional(g.awards * 10000);
    s.unlisted.allocated = in(g.allocated, currency);
    s.unlisted.disbursed = in(g.disbursed, currency);
    s.unlisted.spent = in(g.spent, currency);
  }

  // Free text can name its author, so only public organisations' words are quoted.
  for (const auto& n : f.narratives) {
    if (static_cast<int>(s.narratives.size()) == kNarrativesShown) break;
    const auto it = by_id.find(n.award_id);
    if (it == by_id.end() || !it->second->recipient.named) continue;
    s.narratives.push_back(
        {it->second->reference, it->second->recipient.label, n.period_start, n.period_end, n.text, n.truncated});
  }
  return s;
}

}  // namespace mswa::reports
