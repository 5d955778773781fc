// The privacy rules of donor reports: small cells, complementary
// suppression and publication choices. The property tests draw thousands of
// random tables and portfolios and check, for every published result, that
// no published count is from 1 to 9 or from fewer than 3 organisations, and
// that no withheld cell can be worked out by subtracting published cells
// from a published total.
#include <gtest/gtest.h>

#include <map>
#include <numeric>
#include <random>
#include <set>

#include "reports/published_summary.hpp"

namespace mswa::reports {
namespace {

constexpr std::int64_t E4 = 10000;

CountFigure count(std::int64_t n, long long organisations) { return {n * E4, organisations}; }

// What someone holding only the published cells of a table can work out
// exactly: a lone withheld part is the total minus the rest, and withheld
// parts that add up to zero must each be zero (counts are never negative).
// Returns the index of a part that can be recovered, if any.
std::optional<std::size_t> recoverable_part(std::int64_t total, const std::vector<std::optional<std::int64_t>>& parts) {
  std::int64_t rest = total;
  std::vector<std::size_t> withheld;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i]) rest -= *parts[i];
    else withheld.push_back(i);
  }
  if (withheld.size() == 1 || (!withheld.empty() && rest == 0)) return withheld.front();
  return std::nullopt;
}

bool publishable(std::int64_t e4, long long organisations) { return !is_small({e4, organisations}); }

TEST(SmallCells, CountsFromOneToNineAndFewerThanThreeOrganisationsAreWithheld) {
  EXPECT_TRUE(is_small(count(1, 5)));
  EXPECT_TRUE(is_small(count(9, 5)));
  EXPECT_TRUE(is_small({9 * E4 + 9999, 5}));  // 9.9999 is still below ten
  EXPECT_FALSE(is_small(count(10, 3)));
  EXPECT_TRUE(is_small(count(500, 2)));       // two organisations: either could be worked out
  EXPECT_FALSE(is_small(count(0, 3)));        // a zero from enough organisations says nothing about anyone
  EXPECT_TRUE(is_small(count(0, 1)));
  EXPECT_FALSE(is_small(count(0, 0)));        // nothing reported at all
  EXPECT_FALSE(is_small({5 * E4, 4}, false)); // a percentage of 5 is not five people
  EXPECT_TRUE(is_small({50 * E4, 2}, false));
}

TEST(ComplementarySuppression, ALoneWithheldPartTakesTheSmallestPublishedOneWithIt) {
  const AdditiveTable t{count(172, 4), {count(116, 4), count(53, 4), count(3, 1)}};
  const auto w = protect(t);
  EXPECT_FALSE(w.total);
  EXPECT_EQ(w.parts, (std::vector<bool>{false, true, true}));
}

TEST(ComplementarySuppression, WithheldZerosTakeAPartAboveZeroWithThem) {
  // A zero from one organisation is withheld; alone it would be 50 - 50.
  const AdditiveTable t{count(50, 4), {count(50, 4), count(0, 1), count(0, 1)}};
  const auto w = protect(t);
  // The only part above zero is withheld with them: the total stays, the split does not.
  EXPECT_FALSE(w.total);
  EXPECT_EQ(w.parts, (std::vector<bool>{true, true, true}));
}

TEST(ComplementarySuppression, WithNothingAboveZeroLeftTheTotalGoes) {
  // 10 = 10 + 0: the zero from one organisation is withheld, and the ten with
  // it, so the published total no longer tells how it splits.
  const AdditiveTable t{count(10, 3), {count(10, 3), count(0, 1)}};
  const auto w = protect(t);
  EXPECT_FALSE(w.total);
  EXPECT_EQ(w.parts, (std::vector<bool>{true, true}));
  const AdditiveTable zeros{count(0, 4), {count(0, 3), count(0, 1)}};
  const auto z = protect(zeros);
  EXPECT_TRUE(z.total);  // withheld parts adding up to zero are all zero: only hiding the total helps
  EXPECT_EQ(z.parts, (std::vector<bool>{true, true}));
}

TEST(ComplementarySuppression, AWithheldTotalWithholdsEveryPart) {
  const AdditiveTable t{count(12, 2), {count(12, 2), count(0, 0)}};
  const auto w = protect(t);
  EXPECT_TRUE(w.total);
  EXPECT_EQ(w.parts, (std::vector<bool>{true, true}));
}

TEST(ComplementarySuppression, NothingSmallNothingWithheld) {
  const AdditiveTable t{count(60, 5), {count(30, 3), count(20, 4), count(10, 3)}};
  const auto w = protect(t);
  EXPECT_FALSE(w.total);
  EXPECT_EQ(w.parts, (std::vector<bool>(3, false)));
}

// Random additive tables: the rules hold whatever the shape.
TEST(ComplementarySuppression, PropertyNoSmallCellPublishedAndNoneRecoverable) {
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<int> parts_n(1, 7), value(0, 30), orgs(0, 6), coin(0, 3);
  int withheld_seen = 0;
  for (int round = 0; round < 20000; ++round) {
    AdditiveTable t;
    long long max_orgs = 0, sum_orgs = 0;
    const int n = parts_n(rng);
    for (int i = 0; i < n; ++i) {
      // Small values often, so suppression is exercised.
      const std::int64_t v = coin(rng) == 0 ? value(rng) % 10 : value(rng);
      const long long o = v == 0 && coin(rng) == 0 ? 0 : std::max(1, orgs(rng));
      t.parts.push_back(count(v, o));
      t.total.e4 += v * E4;
      max_orgs = std::max(max_orgs, o);
      sum_orgs += o;
    }
    // The total's organisations: at least the largest part's, at most all of them.
    t.total.organisations = max_orgs + (sum_orgs > max_orgs ? std::uniform_int_distribution<long long>(0, sum_orgs - max_orgs)(rng) : 0);

    const auto w = protect(t);
    ASSERT_EQ(w.parts.size(), t.parts.size());
    if (!w.total) {
      ASSERT_TRUE(publishable(t.total.e4, t.total.organisations)) << "round " << round;
    }
    std::vector<std::optional<std::int64_t>> seen;
    for (std::size_t i = 0; i < t.parts.size(); ++i) {
      if (w.parts[i]) {
        seen.push_back(std::nullopt);
        ++withheld_seen;
      } else {
        ASSERT_TRUE(publishable(t.parts[i].e4, t.parts[i].organisations)) << "round " << round << " part " << i;
        seen.push_back(t.parts[i].e4);
      }
    }
    if (w.total) {
      // The published parts must not add up to the withheld total.
      ASSERT_TRUE(std::any_of(w.parts.begin(), w.parts.end(), [](bool b) { return b; })) << "round " << round;
    } else {
      ASSERT_EQ(recoverable_part(t.total.e4, seen), std::nullopt) << "round " << round;
    }
  }
  EXPECT_GT(withheld_seen, 1000);  // the property was exercised, not vacuous
}

// One report cell of one organisation.
struct Contribution {
  std::string org, gender, migrant;  // "" when the value is not broken down
  std::int64_t value = 0;
};

// What the database adds up for one indicator (see persistence/summary_queries.cpp).
domain::SummaryIndicator aggregate(const std::vector<Contribution>& cells) {
  domain::SummaryIndicator ind;
  ind.indicator.fields = {"OP1.1", "OP1", "VASW incidents documented", domain::Measure::unit, true,
                          {domain::Dimension::gender, domain::Dimension::migrant_status}};
  ind.targets = 4;
  ind.target_e4 = 480 * E4;
  std::set<std::string> all;
  std::map<std::string, std::pair<std::int64_t, std::set<std::string>>> by_gender, by_migrant;
  for (const auto& c : cells) {
    ind.actual.sum_e4 += c.value * E4;
    ++ind.actual.values;
    all.insert(c.org);
    by_gender[c.gender].first += c.value * E4;
    by_gender[c.gender].second.insert(c.org);
    by_migrant[c.migrant].first += c.value * E4;
    by_migrant[c.migrant].second.insert(c.org);
  }
  ind.actual.organisations = static_cast<long long>(all.size());
  for (auto [dimension, sums] : {std::pair{domain::Dimension::gender, &by_gender},
                                 std::pair{domain::Dimension::migrant_status, &by_migrant}}) {
    domain::IndicatorBreakdown b{dimension, {}};
    for (const auto& [category, sum] : *sums)
      b.categories.push_back({category, {sum.first, 1, static_cast<long long>(sum.second.size())}});
    ind.breakdowns.push_back(std::move(b));
  }
  return ind;
}

domain::SummaryFacts facts_with(domain::SummaryIndicator ind) {
  domain::SummaryFacts f;
  f.source.fields.amount = {0, *domain::find_currency("USD")};
  f.source.fields.start_date = "2027-01-01";
  f.as_of = "2027-12-31";
  f.results.push_back({{"OP1", domain::ResultKind::output, "Monitoring"}, {std::move(ind)}});
  return f;
}

// Random portfolios through publish(): what leaves is safe whatever was reported.
TEST(PublishedIndicators, PropertyNoSmallCellPublishedAndNoneRecoverable) {
  std::mt19937 rng(7);
  const std::vector<std::string> genders{"woman", "trans_woman", "trans_man", "non_binary", "man", ""};
  const std::vector<std::string> migrants{"migrant", "non_migrant", ""};
  std::uniform_int_distribution<int> orgs_n(1, 8), cells_n(1, 6), value(0, 40), pick(0, 100);
  int published_totals = 0, withheld_cells = 0;
  for (int round = 0; round < 3000; ++round) {
    std::vector<Contribution> cells;
    const int orgs = orgs_n(rng);
    for (int o = 0; o < orgs; ++o) {
      const bool broken_down = pick(rng) > 15;  // one report's cells are all broken down, or none
      for (int c = 0, n = cells_n(rng); c < n; ++c)
        cells.push_back({"org" + std::to_string(o), broken_down ? genders[pick(rng) % 5] : "",
                         broken_down ? migrants[pick(rng) % 2] : "", pick(rng) < 40 ? value(rng) % 10 : value(rng)});
    }
    const auto in = aggregate(cells);
    const auto s = publish(facts_with(in), "2027-12-31T00:00:00Z");
    ASSERT_EQ(s.results.size(), 1u);
    const auto& out = s.results[0].indicators.at(0);

    if (out.actual.e4) {
      ++published_totals;
      ASSERT_EQ(*out.actual.e4, in.actual.sum_e4);
      ASSERT_TRUE(publishable(in.actual.sum_e4, in.actual.organisations)) << "round " << round;
      ASSERT_TRUE(out.achievement_percent.has_value());
    } else {
      ASSERT_FALSE(out.achievement_percent.has_value()) << "an achievement would give the actual away";
    }
    ASSERT_EQ(out.breakdowns.size(), in.breakdowns.size());
    for (std::size_t b = 0; b < in.breakdowns.size(); ++b) {
      std::vector<std::optional<std::int64_t>> seen;
      for (std::size_t c = 0; c < in.breakdowns[b].categories.size(); ++c) {
        const auto& raw = in.breakdowns[b].categories[c].sum;
        const auto& cell = out.breakdowns[b].categories[c].value;
        if (cell.e4) {
          ASSERT_EQ(*cell.e4, raw.sum_e4);
          ASSERT_TRUE(publishable(raw.sum_e4, raw.organisations)) << "round " << round;
        } else {
          ++withheld_cells;
        }
        seen.push_back(cell.e4);
      }
      if (out.actual.e4) {
        ASSERT_EQ(recoverable_part(*out.actual.e4, seen), std::nullopt) << "round " << round;
      } else {
        ASSERT_TRUE(std::any_of(seen.begin(), seen.end(), [](const auto& v) { return !v; })) << "round " << round;
      }
    }
  }
  EXPECT_GT(published_totals, 300);
  EXPECT_GT(withheld_cells, 1000);
}

domain::SummaryAward award(const std::string& reference, domain::Publication p, int pseudonym = 0) {
  domain::SummaryAward a;
  a.id = "id-" + reference;
  a.reference = reference;
  a.title = "Peer monitoring by ស្ថាប័នឧទាហរណ៍";
  a.organisation_name = "ស្ថាប័នឧទាហរណ៍";
  a.organisation_name_en = "Example Network";
  a.organisation_iati_ref = "KH-COA-1";
  a.publication = p;
  a.pseudonym_number = pseudonym;
  a.country = "KH";
  a.amount = a.share = {54000000, *domain::find_currency("THB")};
  a.allocated = 1517400;
  return a;
}

TEST(PublishedAwards, NamesOnlyWhoChoseToBeNamedAndListsNoConfidentialOne) {
  auto f = facts_with(aggregate({}));
  f.awards = {award("MSWA-2027-001", domain::Publication::public_),
              award("MSWA-2027-002", domain::Publication::pseudonymous, 2),
              award("MSWA-2027-003", domain::Publication::confidential)};
  f.publication_groups = {{domain::Publication::confidential, 1, 1, 1517400, 0, 0}};
  f.narratives = {{"id-MSWA-2027-002", "2027-04-01", "2027-06-30", "Our network, ...", false},
                  {"id-MSWA-2027-001", "2027-04-01", "2027-06-30", "Monitors documented...", true}};
  const auto s = publish(f, "2027-12-31T00:00:00Z");
  ASSERT_EQ(s.awards.size(), 2u);
  EXPECT_TRUE(s.awards[0].recipient.named);
  EXPECT_EQ(s.awards[0].recipient.label, "ស្ថាប័នឧទាហរណ៍");
  EXPECT_EQ(s.awards[0].recipient.iati_ref, "KH-COA-1");
  EXPECT_EQ(s.awards[0].title, "Peer monitoring by ស្ថាប័នឧទាហរណ៍");
  EXPECT_FALSE(s.awards[1].recipient.named);
  EXPECT_EQ(s.awards[1].recipient.label, "Member organisation KH-2");
  EXPECT_EQ(s.awards[1].recipient.iati_ref, "");
  EXPECT_EQ(s.awards[1].title, "Sub-grant MSWA-2027-002 to Member organisation KH-2");  // its own title could name it
  EXPECT_TRUE(s.unlisted.count.suppressed());  // one award: a small count
  EXPECT_EQ(s.unlisted.allocated.minor, 1517400);
  ASSERT_EQ(s.narratives.size(), 1u);  // free text only from the public organisation
  EXPECT_EQ(s.narratives[0].award_reference, "MSWA-2027-001");
  EXPECT_TRUE(s.narratives[0].truncated);
}

TEST(PublishedCountries, ACountryIsNamedUnlessItWouldPlaceAConfidentialOrganisation) {
  auto f = facts_with(aggregate({}));
  f.countries = {{"KH", 2, 0, 100, 50, 10},    // two listed organisations: named
                 {"LA", 1, 1, 200, 60, 20},    // one confidential organisation: not named
                 {"MM", 2, 1, 300, 70, 30},    // one of two confidential: not named
                 {"TH", 3, 1, 400, 80, 40}};   // three organisations: named
  const auto s = publish(f, "2027-12-31T00:00:00Z");
  ASSERT_EQ(s.countries.size(), 3u);
  EXPECT_EQ(s.countries[0].country, "KH");
  EXPECT_EQ(s.countries[1].country, "TH");
  EXPECT_EQ(s.countries[2].country, "");
  EXPECT_EQ(country_label(s.countries[2]), "Other countries");
  EXPECT_EQ(s.countries[2].allocated.minor, 500);
  EXPECT_EQ(s.countries[2].disbursed.minor, 130);
  EXPECT_EQ(s.countries[2].spent.minor, 50);
}

TEST(PublishedSummary, BurnRateAndAverages) {
  auto f = facts_with(aggregate({}));
  f.totals = {12500000, 5395200, 1537600, 678900, 7104800};
  const auto s = publish(f, "2027-12-31T00:00:00Z");
  EXPECT_EQ(s.burn_rate.spent_of_disbursed_percent, "44.2");       // 6,789.00 / 15,376.00
  EXPECT_EQ(s.burn_rate.disbursed_of_allocated_percent, "28.5");   // 15,376.00 / 53,952.00
  EXPECT_EQ(s.burn_rate.months_elapsed, 12);
  EXPECT_EQ(s.burn_rate.average_monthly_spent.minor, 56575);       // 6,789.00 / 12
  EXPECT_EQ(format_e4(1725000), "172.5");
  EXPECT_EQ(format_e4(825), "0.0825");
  EXPECT_EQ(format_e4(-30000), "-3");
}

}  // namespace
}  // namespace mswa::reports
