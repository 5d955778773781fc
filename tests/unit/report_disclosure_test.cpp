// Disclosure control (DESIGN §9 rules 1-3), attacked as a donor would attack
// it. Random portfolios run through sequences of two to four editions; every
// published figure is rewritten as the sum of the organisations' own
// contributions behind it, and every subtraction of published figures
// within an edition and between consecutive editions is tried: none may
// leave a figure from one or two organisations, or a count from 1 to 9.
//
// A contribution is an "atom": one organisation's money of one award in one
// month and measure, its target for one indicator, or its reported values in
// one combination of categories. Between two editions each atom is split
// into its value in the earlier one and its change since, so that two
// organisations' figures never cancel by chance. What a listed award's own
// figures publish (its money, its dated transactions, its targets) is known
// to the reader and taken out before counting organisations.
#include <gtest/gtest.h>

#include <random>
#include <regex>
#include <set>

#include "reports/disclosure.hpp"
#include "reports/published_summary.hpp"
#include "reports/renderers.hpp"

namespace mswa::reports {
namespace {

using domain::Dimension;
using domain::Publication;
namespace dc = disclosure;

constexpr std::int64_t E4 = 10000;

// ---------------------------------------------------------------- the engine

dc::Contributions from(std::initializer_list<std::pair<const char*, std::int64_t>> values) {
  dc::Contributions c;
  for (const auto& [org, v] : values) c.add(org, 0, v);
  return c;
}

TEST(DisclosureRules, AFigureIsSafeFromNoOrganisationOrFromThreeAndForCountsFromTen) {
  const dc::Rule counts{1, true}, money{1, false};
  EXPECT_TRUE(dc::safe(from({}), counts));
  EXPECT_FALSE(dc::safe(from({{"a", 50 * E4}, {"b", 50 * E4}}), counts));
  EXPECT_FALSE(dc::safe(from({{"a", 3 * E4}, {"b", 3 * E4}, {"c", 3 * E4}}), counts));
  EXPECT_TRUE(dc::safe(from({{"a", 3 * E4}, {"b", 3 * E4}, {"c", 4 * E4}}), counts));
  EXPECT_TRUE(dc::safe(from({{"a", 1}, {"b", 1}, {"c", 1}}), money));
  // An organisation that reported zero is no organisation.
  EXPECT_FALSE(dc::safe(from({{"a", 40 * E4}, {"b", 0}, {"c", 0}}), counts));
}

TEST(DisclosureRules, ALoneWithheldPartIsJoinedByTheSmallestPublishedOne) {
  dc::Table t{{1, true}, false, false, false, false, {}};
  t.parts.push_back({"woman", from({{"a", 40 * E4}, {"b", 30 * E4}, {"c", 20 * E4}}), {}, true, false, true});
  t.parts.push_back({"trans_man", from({{"a", 3 * E4}}), {}, true, true, true});
  t.parts.push_back({"man", from({{"b", 12 * E4}, {"c", 9 * E4}, {"d", 4 * E4}}), {}, true, false, true});
  EXPECT_FALSE(dc::remainder_safe(t));
  dc::protect(t);
  EXPECT_FALSE(t.total_withheld);
  EXPECT_FALSE(t.parts[0].withheld);
  EXPECT_TRUE(t.parts[2].withheld);
  EXPECT_TRUE(dc::table_safe(t));
}

TEST(DisclosureRules, WhenNoPartCanHelpTheTotalGoesAndEveryPartWithIt) {
  dc::Table t{{1, true}, false, false, false, false, {}};
  t.parts.push_back({"woman", from({{"a", 40 * E4}}), {}, true, true, true});
  t.parts.push_back({"man", {}, {}, true, false, true});
  dc::protect(t);
  EXPECT_TRUE(t.total_withheld);
  EXPECT_TRUE(t.parts[1].withheld);
}

TEST(DisclosureRules, TheDonorsOwnTotalStaysWhenEveryPartIsWithheld) {
  dc::Table t{{1, false}, false, false, true, false, {}};
  t.parts.push_back({"unlisted", from({{"z", 400}}), {}, true, true, true});
  t.parts.push_back({"p", from({{"p", 700}}), {}, true, false, true});
  dc::protect(t);
  EXPECT_FALSE(t.total_withheld);
  EXPECT_TRUE(t.parts[1].withheld);
}

TEST(DisclosureRules, AChangeFromOneOrganisationBetweenEditionsIsCaught) {
  // trans_man withheld in both editions; only organisation a reported more of it.
  dc::Table t{{1, true}, true, true, false, false, {}};
  t.parts.push_back({"woman", from({{"a", 50 * E4}, {"b", 50 * E4}, {"c", 50 * E4}}),
                     from({{"a", 40 * E4}, {"b", 40 * E4}, {"c", 40 * E4}}), true, false, true});
  t.parts.push_back({"trans_man", from({{"a", 15 * E4}, {"b", 3 * E4}, {"c", 3 * E4}}),
                     from({{"a", 3 * E4}, {"b", 3 * E4}, {"c", 3 * E4}}), false, true, true});
  EXPECT_TRUE(dc::remainder_safe(t));
  EXPECT_FALSE(dc::check_change(t).ok());
  dc::protect(t);
  // Withholding "woman" too adds the changes of b and c: three organisations.
  EXPECT_TRUE(t.parts[0].withheld);
  EXPECT_TRUE(dc::table_safe(t));
}

TEST(DisclosureRules, WithholdingAPartThePreviousEditionPublishedHidesOnlyItsChange) {
  // Withheld now for the first time and unchanged: it protects nothing.
  dc::Table t{{1, false}, true, true, true, false, {}};
  t.parts.push_back({"z", from({{"z", 500}}), from({{"z", 100}}), false, true, false});
  t.parts.push_back({"p", from({{"p", 700}}), from({{"p", 700}}), true, true, true});
  t.parts.push_back({"q", from({{"q", 900}}), from({{"q", 900}}), true, true, true});
  EXPECT_TRUE(dc::remainder_safe(t));
  EXPECT_FALSE(dc::check_change(t).ok());
}

// ------------------------------------------------------- random portfolios

const std::vector<std::string> kCountries{"KH", "LA", "MM", "TH", "VN"};
const std::vector<std::string> kMonthsOfQuarter[] = {
    {"2027-01", "2027-02", "2027-03"}, {"2027-04", "2027-05", "2027-06"},
    {"2027-07", "2027-08", "2027-09"}, {"2027-10", "2027-11", "2027-12"}};
const std::vector<std::string> kPeriodEnds{"2027-03-31", "2027-06-30", "2027-09-30", "2027-12-31"};

struct Org {
  std::string id, country;
  Publication publication;
  int pseudonym = 0;
};

struct Booking {
  std::string award_id;
  domain::LedgerKind kind;
  std::string month;
  std::int64_t amount;
  int edition;  // the first edition that knows it
};

struct ReportedValue {
  std::string org, indicator, gender, migrant, age;
  std::int64_t value_e4;
  int edition;
};

struct AwardPlan {
  std::string id, org;
  int edition;  // decided in the quarter of this edition
  std::int64_t allocated;
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> targets;  // indicator -> baseline, target (e4)
};

domain::Indicator indicator(const char* code, const char* result, domain::Measure m, std::vector<Dimension> dims) {
  return {{code, result, std::string("Indicator ") + code, m, true, std::move(dims)}, 0};
}

const std::vector<domain::Indicator>& indicators() {
  static const std::vector<domain::Indicator> all{
      indicator("OP1.1", "OP1", domain::Measure::unit, {Dimension::gender, Dimension::migrant_status}),
      indicator("OC4.1", "OC4", domain::Measure::unit,
                {Dimension::gender, Dimension::migrant_status, Dimension::age_group}),
      indicator("OC1.2", "OC1", domain::Measure::percentage, {Dimension::gender})};
  return all;
}

// A made-up source's history: organisations, awards, bookings and reported
// values, each known from some edition on.
struct Portfolio {
  std::vector<Org> orgs;
  std::vector<AwardPlan> awards;
  std::vector<Booking> bookings;
  std::vector<ReportedValue> values;
  int editions = 2;
  // Organisations that turn confidential from this edition on (a choice an organisation may make).
  std::map<std::string, int> turns_confidential;

  const Org& org(const std::string& id) const {
    for (const auto& o : orgs)
      if (o.id == id) return o;
    throw std::logic_error("no such organisation");
  }
  Publication publication_at(const Org& o, int e) const {
    const auto it = turns_confidential.find(o.id);
    return it != turns_confidential.end() && e >= it->second ? Publication::confidential : o.publication;
  }
};

Portfolio random_portfolio(std::mt19937& rng) {
  const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const auto chance = [&](double p) { return std::bernoulli_distribution(p)(rng); };
  Portfolio p;
  p.editions = pick(2, 4);
  const int n = pick(2, 9);
  std::map<std::string, int> pseudonyms;
  for (int i = 0; i < n; ++i) {
    Org o{"org" + std::to_string(i), kCountries[pick(0, 4)], Publication::public_};
    const int kind = pick(0, 9);
    o.publication = kind < 3 ? Publication::public_ : kind < 6 ? Publication::pseudonymous : Publication::confidential;
    if (o.publication == Publication::pseudonymous) o.pseudonym = ++pseudonyms[o.country];
    p.orgs.push_back(o);
    if (o.publication != Publication::confidential && chance(0.05)) p.turns_confidential[o.id] = pick(1, p.editions - 1);
  }
  int award_no = 0;
  for (const auto& o : p.orgs) {
    const int count = pick(1, 2);
    for (int k = 0; k < count; ++k) {
      AwardPlan a{"award" + std::to_string(award_no++), o.id, pick(0, p.editions - 1), pick(20, 400) * 10000LL, {}};
      for (const auto& ind : indicators())
        if (chance(0.7)) a.targets[ind.fields.code] = {pick(0, 20) * E4, pick(10, 300) * E4};
      // Payments and spending in the quarters from the decision on; sometimes late.
      for (int e = a.edition; e < p.editions; ++e) {
        for (int b = pick(0, 2); b > 0; --b) {
          const int quarter = e > a.edition && chance(0.2) ? pick(a.edition, e - 1) : e;
          const auto& month = kMonthsOfQuarter[quarter][static_cast<std::size_t>(pick(0, 2))];
          const auto kind = chance(0.5) ? domain::LedgerKind::payment : domain::LedgerKind::expenditure;
          p.bookings.push_back({a.id, kind, month, pick(1, 500) * 1000LL, e});
        }
      }
      p.awards.push_back(std::move(a));
    }
  }
  // Reports: each organisation with an award reports some quarters, in a few cells.
  static const std::vector<std::string> genders{"woman", "trans_woman", "trans_man", "non_binary", "man", ""};
  static const std::vector<std::string> migrants{"migrant", "non_migrant", ""};
  static const std::vector<std::string> ages{"under_25", "25_to_39", "40_plus", ""};
  for (const auto& a : p.awards)
    for (int e = a.edition; e < p.editions; ++e) {
      if (!chance(0.7)) continue;
      for (const auto& ind : indicators()) {
        if (!a.targets.count(ind.fields.code)) continue;
        for (int c = pick(1, 4); c > 0; --c) {
          const bool percentage = ind.fields.measure == domain::Measure::percentage;
          const std::int64_t v = percentage ? pick(0, 100) * E4 : pick(0, 6) == 0 ? 0 : pick(1, 40) * E4;
          p.values.push_back({a.org, ind.fields.code, genders[static_cast<std::size_t>(pick(0, 5))],
                              ind.fields.dimensions.size() > 1 ? migrants[static_cast<std::size_t>(pick(0, 2))] : "",
                              ind.fields.dimensions.size() > 2 ? ages[static_cast<std::size_t>(pick(0, 3))] : "", v,
                              e});
        }
      }
    }
  return p;
}

const domain::Currency kUsd{"USD", 2};

// The facts of edition e, as the database would add them up.
domain::SummaryFacts facts_of(const Portfolio& p, int e) {
  domain::SummaryFacts f;
  f.source.id = "source";
  f.source.fields = {"donor", "RCF-1", "Core", {100000000, kUsd}, "2027-01-01", "2028-12-31", {"OP1", "OC4", "OC1"}};
  f.donor.id = "donor";
  f.donor.fields.name = "Donor";
  f.alliance.fields.name = "MSWA";
  f.as_of = kPeriodEnds[static_cast<std::size_t>(e)];
  f.known_at = 1;
  std::map<std::string, domain::SummaryAward*> by_id;
  for (const auto& a : p.awards) {
    if (a.edition > e) continue;
    const auto& o = p.org(a.org);
    domain::SummaryAward s;
    s.id = a.id;
    s.reference = "MSWA-2027-" + a.id;
    s.public_ref = "R" + a.id;
    s.title = "Title of " + a.id;
    s.organisation_id = o.id;
    s.organisation_name = "Name of " + o.id;
    s.publication = p.publication_at(o, e);
    s.pseudonym_number = o.pseudonym;
    s.country = o.country;
    s.start_date = "2027-01-01";
    s.end_date = "2027-12-31";
    s.decided_on = "2027-01-01";
    s.amount = s.share = {a.allocated, kUsd};
    s.allocated = a.allocated;
    f.awards.push_back(s);
    f.transactions.push_back({a.id, "alloc-" + a.id, domain::LedgerKind::allocation, "2027-01-01", a.allocated});
    for (const auto& [code, bt] : a.targets)
      f.targets.push_back({a.id, code, format_e4(bt.first), format_e4(bt.second), bt.first, bt.second});
  }
  for (auto& a : f.awards) by_id[a.id] = &a;
  int n = 0;
  for (const auto& b : p.bookings) {
    if (b.edition > e || !by_id.count(b.award_id)) continue;
    auto& a = *by_id[b.award_id];
    if (b.kind == domain::LedgerKind::payment)
      a.disbursed += b.amount;
    else
      a.spent += b.amount;
    f.transactions.push_back({b.award_id, "t" + std::to_string(n++), b.kind, b.month + "-15", b.amount});
  }
  for (const auto& a : f.awards) {
    f.totals.allocated += a.allocated;
    f.totals.disbursed += a.disbursed;
    f.totals.spent += a.spent;
  }
  f.totals.received = 100000000;
  f.totals.available = f.totals.received - f.totals.allocated;
  // Cells: each organisation's values per combination of categories.
  std::map<std::tuple<std::string, std::string, std::string, std::string, std::string>, domain::IndicatorCell> cells;
  for (const auto& v : p.values) {
    if (v.edition > e) continue;
    auto& c = cells[{v.indicator, v.gender, v.migrant, v.age, v.org}];
    c = {v.indicator, v.gender, v.migrant, v.age, v.org, c.sum_e4 + v.value_e4, c.values + 1};
  }
  for (const auto& [key, c] : cells) f.cells.push_back(c);
  // Results: every indicator some award targets.
  for (const auto& ind : indicators()) {
    domain::SummaryIndicator si{ind, 0, 0, 0};
    for (const auto& t : f.targets)
      if (t.indicator_code == ind.fields.code) ++si.targets, si.baseline_e4 += t.baseline_e4, si.target_e4 += t.target_e4;
    if (si.targets == 0) continue;
    f.results.push_back({{ind.fields.result_code, domain::ResultKind::output, "Result"}, {si}});
  }
  return f;
}

// -------------------------------------------------- the reader's arithmetic

// One organisation's contribution to figures: what it is and its value.
struct Atom {
  std::string org;
  std::int64_t value = 0;
};

// A figure or a combination of figures: atom key -> coefficient.
using Form = std::map<std::string, long long>;

// A combination with what the reader knows taken out: fixed atoms, and
// atoms the reader may write either of two ways.
struct Reduced {
  Form fixed;
  std::vector<std::pair<Form, Form>> either;
  bool operator==(const Reduced&) const = default;
};

Form combine(const Form& a, const Form& b, long long sign) {
  Form out = a;
  for (const auto& [k, c] : b)
    if ((out[k] += sign * c) == 0) out.erase(k);
  return out;
}

// The finest facts of an edition: each "leaf" with its organisation and value.
struct Leaf {
  std::string org;
  std::int64_t value = 0;
  std::string award;  // "" for reported values
  std::string country;
  std::string measure;  // allocated, disbursed, spent; baseline, target; or the indicator code
  std::string month;    // money by month
  std::map<std::string, std::string> categories;
};

std::map<std::string, Leaf> leaves_of(const domain::SummaryFacts& f) {
  std::map<std::string, Leaf> out;
  std::map<std::string, const domain::SummaryAward*> awards;
  for (const auto& a : f.awards) awards[a.id] = &a;
  for (const auto& t : f.transactions) {
    const auto& a = *awards.at(t.award_id);
    const char* measure = t.kind == domain::LedgerKind::allocation ? "allocated"
                          : t.kind == domain::LedgerKind::payment  ? "disbursed"
                                                                   : "spent";
    auto& l = out["money|" + a.id + "|" + measure + "|" + t.booked_on.substr(0, 7)];
    l = {a.organisation_id, l.value + t.amount, a.id, a.country, measure, t.booked_on.substr(0, 7), {}};
  }
  for (const auto& t : f.targets) {
    const auto& a = *awards.at(t.award_id);
    out["target|" + a.id + "|" + t.indicator_code + "|baseline"] = {a.organisation_id, t.baseline_e4, a.id, a.country,
                                                                     "baseline:" + t.indicator_code, "", {}};
    out["target|" + a.id + "|" + t.indicator_code + "|target"] = {a.organisation_id, t.target_e4, a.id, a.country,
                                                                   "target:" + t.indicator_code, "", {}};
  }
  for (const auto& c : f.cells)
    out["cell|" + c.organisation_id + "|" + c.indicator_code + "|" + c.gender + "|" + c.migrant_status + "|" +
        c.age_group] = {c.organisation_id, c.sum_e4, "", "", "cell:" + c.indicator_code, "",
                        {{"gender", c.gender}, {"migrant_status", c.migrant_status}, {"age_group", c.age_group}}};
  return out;
}

// One published edition: its facts, its summary, and what the reader knows of
// each listed award (its money by month, its targets).
struct Edition {
  domain::SummaryFacts facts;
  PublishedSummary summary;
  DisclosureState state;
  std::map<std::string, Leaf> leaves;

  bool known(const std::string& leaf_key, const Leaf& l) const {
    if (l.award.empty()) return false;
    for (const auto& a : summary.awards) {
      if (a.id != l.award) continue;
      if (l.measure.rfind("target:", 0) == 0 || l.measure.rfind("baseline:", 0) == 0) {
        const auto code = l.measure.substr(l.measure.find(':') + 1);
        for (const auto& t : a.targets)
          if (t.indicator_code == code) return true;
        return false;
      }
      (void)leaf_key;
      return !a.money_withheld;
    }
    return false;
  }
};

// A table as published: a total and the published parts the reader may subtract.
struct Table {
  std::string key;
  bool counts = false;
  // For money: the measure, whose source totals are published whatever (rule
  // 5), so that what they give away is not counted against the table.
  std::string money;
  std::function<bool(const Leaf&)> total;
  std::vector<std::pair<std::string, std::function<bool(const Leaf&)>>> parts;
};

std::string cat_or_not_recorded(const std::string& c) { return c.empty() ? "not_recorded" : c; }

std::vector<Table> tables_of(const Edition& e) {
  std::vector<Table> out;
  const auto& s = e.summary;
  for (const std::string m : {"allocated", "disbursed", "spent"}) {
    const auto in_measure = [m](const Leaf& l) { return l.measure == m; };
    std::set<std::string> listed;
    for (const auto& a : s.awards) listed.insert(a.id);
    // The totals against the unlisted awards' row (listed awards' money is known anyway).
    Table source{"source/" + m, false, m, in_measure, {}};
    if (!s.unlisted.money_withheld)
      source.parts.push_back({"unlisted", [m, listed](const Leaf& l) { return l.measure == m && !listed.count(l.award); }});
    out.push_back(source);
    // The totals against the country rows, and each row against its listed awards.
    if (!s.countries_withheld && !s.countries.empty()) {
      std::set<std::string> named;
      for (const auto& c : s.countries)
        if (!c.country.empty()) named.insert(c.country);
      Table countries{"countries/" + m, false, m, in_measure, {}};
      for (const auto& c : s.countries) {
        const auto row = [m, named, code = c.country](const Leaf& l) {
          return l.measure == m && (code.empty() ? !named.count(l.country) : l.country == code);
        };
        countries.parts.push_back({c.country.empty() ? "other" : c.country, row});
        out.push_back({"country/" + (c.country.empty() ? std::string("other") : c.country) + "/" + m, false, m, row,
                       {}});
      }
      out.push_back(countries);
    }
    if (m == "allocated") continue;
    // The totals against the month rows, and each row against the listed awards' transactions in it.
    Table months{"months/" + m, false, m, in_measure, {}};
    for (const auto& row : s.months) {
      if (row.withheld) continue;
      const auto in_month = [m, month = row.month](const Leaf& l) { return l.measure == m && l.month == month; };
      months.parts.push_back({row.month, in_month});
      out.push_back({"month/" + row.month + "/" + m, false, m, in_month, {}});
    }
    out.push_back(months);
  }
  for (const auto& r : s.results)
    for (const auto& i : r.indicators) {
      if (i.measure != domain::Measure::unit) continue;
      const std::string cell = "cell:" + i.code;
      if (!i.actual.suppressed())
        for (const auto& b : i.breakdowns) {
          const std::string dim(domain::to_string(b.dimension));
          Table t{"actual/" + i.code + "/" + dim, true, "", [cell](const Leaf& l) { return l.measure == cell; }, {}};
          for (const auto& c : b.categories)
            if (!c.value.suppressed())
              t.parts.push_back({c.category, [cell, dim, cat = c.category](const Leaf& l) {
                                   return l.measure == cell && cat_or_not_recorded(l.categories.at(dim)) == cat;
                                 }});
          out.push_back(t);
        }
      if (!i.target.suppressed())
        for (const std::string m : {"baseline", "target"})
          out.push_back({m + "/" + i.code, true, "",
                         [key = m + ":" + i.code](const Leaf& l) { return l.measure == key; }, {}});
    }
  return out;
}

// The reader's view of one edition, or of two consecutive ones: the atoms
// and which of them they know.
class Reader {
 public:
  explicit Reader(const Edition& only) : later_(only) {
    for (const auto& [k, l] : only.leaves) {
      atoms_[k + "|all"] = {l.org, l.value};
      if (only.known(k, l)) known_.insert(k + "|all");
    }
  }
  Reader(const Edition& earlier, const Edition& later) : earlier_(&earlier), later_(later) {
    for (const auto& [k, l] : later.leaves) {
      const auto old = earlier.leaves.find(k);
      const std::int64_t before = old == earlier.leaves.end() ? 0 : old->second.value;
      atoms_[k + "|old"] = {l.org, before};
      atoms_[k + "|new"] = {l.org, l.value - before};
    }
  }

  Form figure(const Edition& e, const std::function<bool(const Leaf&)>& in) const {
    Form f;
    for (const auto& [k, l] : e.leaves) {
      if (!in(l)) continue;
      if (!earlier_) {
        f[k + "|all"] += 1;
      } else {
        f[k + "|old"] += 1;
        if (&e == &later_) f[k + "|new"] += 1;
      }
    }
    return f;
  }

  // Takes out what the reader knows: a listed award's figures in an edition
  // that showed them. An atom known only as old + new (shown in the later
  // edition alone) leaves the reader a choice of writing: its old value or
  // its change, with the opposite sign.
  Reduced reduce(Form f) const {
    Reduced r;
    if (!earlier_) {
      for (const auto& k : known_) f.erase(k);
      r.fixed = f;
      return simplest(r);
    }
    for (const auto& [k, l] : later_.leaves) {
      const auto old = earlier_->leaves.find(k);
      const bool known_then = old == earlier_->leaves.end() || earlier_->known(k, old->second);
      const bool known_now = later_.known(k, l);
      if (known_then) f.erase(k + "|old");
      if (known_now) {
        const long long o = f.count(k + "|old") ? f[k + "|old"] : 0, n = f.count(k + "|new") ? f[k + "|new"] : 0;
        if (!known_then && o != n) r.either.push_back({Form{{k + "|new", n - o}}, Form{{k + "|old", o - n}}});
        f.erase(k + "|old");
        f.erase(k + "|new");
      }
    }
    r.fixed = f;
    return simplest(r);
  }

  // Atoms worth nothing say nothing of anyone; a choice the reader can write
  // as nothing is best written so.
  Reduced simplest(Reduced r) const {
    const auto worthless = [this](const Form& f) {
      for (const auto& [k, c] : f)
        if (c != 0 && atoms_.at(k).value != 0) return false;
      return true;
    };
    for (auto it = r.fixed.begin(); it != r.fixed.end();)
      it = it->second == 0 || atoms_.at(it->first).value == 0 ? r.fixed.erase(it) : std::next(it);
    std::erase_if(r.either, [&](const auto& e) { return worthless(e.first) || worthless(e.second); });
    return r;
  }

  // The organisations a combination is made of, and whether it is a count of something.
  std::pair<std::set<std::string>, std::optional<std::int64_t>> read(const Form& f) const {
    std::set<std::string> orgs;
    std::int64_t sum = 0;
    bool all_positive = true;
    for (const auto& [k, c] : f) {
      const auto& a = atoms_.at(k);
      if (a.value == 0) continue;
      orgs.insert(a.org);
      sum += c * a.value;
      all_positive = all_positive && c * a.value > 0;
    }
    return {orgs, all_positive ? std::optional(sum) : std::nullopt};
  }

 private:
  const Edition* earlier_ = nullptr;
  const Edition& later_;
  std::map<std::string, Atom> atoms_;
  std::set<std::string> known_;
};

struct Tally {
  long portfolios = 0, editions = 0, attacks = 0, withheld = 0, violations = 0;
  std::string first_violation;
};

// Subsets of the published parts to subtract: all of them for small tables,
// a sample for large ones.
std::vector<std::vector<bool>> subsets(std::size_t n, std::mt19937& rng) {
  std::vector<std::vector<bool>> out;
  if (n <= 7) {
    for (std::size_t mask = 0; mask < (std::size_t{1} << n); ++mask) {
      std::vector<bool> s(n);
      for (std::size_t i = 0; i < n; ++i) s[i] = (mask >> i) & 1;
      out.push_back(s);
    }
    return out;
  }
  out.push_back(std::vector<bool>(n, true));
  out.push_back(std::vector<bool>(n, false));
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<bool> s(n, true);
    s[i] = false;
    out.push_back(s);
  }
  for (int k = 0; k < 64; ++k) {
    std::vector<bool> s(n);
    for (std::size_t i = 0; i < n; ++i) s[i] = std::bernoulli_distribution(0.5)(rng);
    out.push_back(s);
  }
  return out;
}

class Attacker {
 public:
  Attacker(Tally& tally, std::mt19937& rng) : tally_(tally), rng_(rng) {}

  void within(const Edition& e) {
    const Reader reader(e);
    for (const auto& t : tables_of(e)) {
      const auto total = reader.figure(e, t.total);
      std::vector<Form> parts;
      for (const auto& [name, in] : t.parts) parts.push_back(reader.figure(e, in));
      for (const auto& s : subsets(parts.size(), rng_)) {
        Form x = total;
        for (std::size_t i = 0; i < parts.size(); ++i)
          if (s[i]) x = combine(x, parts[i], -1);
        judge(reader, reader.reduce(x), t, own_accounts(reader, {&e}, t), "within " + e.facts.as_of + " " + t.key);
      }
    }
    check_counts(e);
  }

  void between(const Edition& before, const Edition& after) {
    const Reader reader(before, after);
    std::map<std::string, Table> earlier;
    for (auto& t : tables_of(before)) earlier.emplace(t.key, std::move(t));
    for (const auto& t : tables_of(after)) {
      const auto it = earlier.find(t.key);
      if (it == earlier.end()) continue;
      const auto& t1 = it->second;
      const auto total2 = reader.figure(after, t.total), total1 = reader.figure(before, t1.total);
      std::vector<Form> parts2, parts1;
      for (const auto& [name, in] : t.parts) parts2.push_back(reader.figure(after, in));
      for (const auto& [name, in] : t1.parts) parts1.push_back(reader.figure(before, in));
      const auto own = own_accounts(reader, {&before, &after}, t);
      for (const auto& s2 : subsets(parts2.size(), rng_)) {
        Form later = total2;
        for (std::size_t i = 0; i < parts2.size(); ++i)
          if (s2[i]) later = combine(later, parts2[i], -1);
        // The earlier edition: all of its parts, none, the same ones by name, and a few at random.
        std::vector<std::vector<bool>> choices{std::vector<bool>(parts1.size(), true),
                                               std::vector<bool>(parts1.size(), false)};
        std::vector<bool> same(parts1.size(), false);
        for (std::size_t j = 0; j < parts1.size(); ++j)
          for (std::size_t i = 0; i < parts2.size(); ++i)
            if (t1.parts[j].first == t.parts[i].first) same[j] = s2[i];
        choices.push_back(same);
        for (int k = 0; k < 2; ++k) {
          std::vector<bool> r(parts1.size());
          for (std::size_t j = 0; j < r.size(); ++j) r[j] = std::bernoulli_distribution(0.5)(rng_);
          choices.push_back(r);
        }
        for (const auto& s1 : choices) {
          Form earlier_form = total1;
          for (std::size_t j = 0; j < parts1.size(); ++j)
            if (s1[j]) earlier_form = combine(earlier_form, parts1[j], -1);
          std::string detail;
          if (std::getenv("MSWA_DISCLOSURE_DEBUG")) {
            detail = " later parts:";
            for (std::size_t i = 0; i < parts2.size(); ++i) detail += " " + t.parts[i].first + (s2[i] ? "-" : "");
            detail += " earlier parts:";
            for (std::size_t j = 0; j < parts1.size(); ++j) detail += " " + t1.parts[j].first + (s1[j] ? "-" : "");
          }
          judge(reader, reader.reduce(combine(later, earlier_form, -1)), t, own,
                "between " + before.facts.as_of + " and " + after.facts.as_of + " " + t.key + detail);
        }
      }
    }
  }

 private:
  void judge(const Reader& reader, const Reduced& x, const Table& t, const std::vector<Reduced>& donors_own,
             const std::string& where) {
    ++tally_.attacks;
    for (const auto& own : donors_own)
      if (x == own || x == negated(own)) return;  // rule 5: what the donor's own accounts give away
    // Known already when some way of writing it holds no organisation.
    const auto [fixed_orgs, count] = reader.read(x.fixed);
    std::vector<std::pair<std::set<std::string>, std::set<std::string>>> ways;
    bool known = fixed_orgs.empty();
    for (const auto& [one, other] : x.either) {
      ways.push_back({reader.read(one).first, reader.read(other).first});
      known = known && (ways.back().first.empty() || ways.back().second.empty());
    }
    if (known) return;
    const bool few = isolates(fixed_orgs, ways, 0);
    const bool small = t.counts && x.either.empty() && count && *count > 0 && *count < 10 * E4;
    if (few || small) {
      std::string atoms;
      for (const auto& [k, c] : x.fixed) atoms += " " + std::to_string(c) + "*" + k;
      fail(where + (few ? ": one or two organisations" : ": a count below 10") + " [" + atoms + " ]");
    }
  }

  static bool isolates(const std::set<std::string>& so_far,
                       const std::vector<std::pair<std::set<std::string>, std::set<std::string>>>& ways, std::size_t i) {
    if (so_far.size() >= 3) return false;
    if (i == ways.size()) return !so_far.empty();
    for (const auto* way : {&ways[i].first, &ways[i].second}) {
      auto next = so_far;
      next.insert(way->begin(), way->end());
      if (isolates(next, ways, i + 1)) return true;
    }
    return false;
  }

  // The source's totals in the table's measure, in each edition, and their change.
  static std::vector<Reduced> own_accounts(const Reader& reader, const std::vector<const Edition*>& editions,
                                           const Table& t) {
    if (t.money.empty()) return {};
    const auto in_measure = [m = t.money](const Leaf& l) { return l.measure == m; };
    std::vector<Form> totals;
    for (const auto* e : editions) totals.push_back(reader.figure(*e, in_measure));
    std::vector<Reduced> out;
    for (const auto& f : totals) out.push_back(reader.reduce(f));
    if (totals.size() == 2) out.push_back(reader.reduce(combine(totals[1], totals[0], -1)));
    return out;
  }

  static Reduced negated(const Reduced& r) {
    Reduced out{combine({}, r.fixed, -1), {}};
    for (const auto& [one, other] : r.either) out.either.push_back({combine({}, one, -1), combine({}, other, -1)});
    return out;
  }

  // Averages and the count of unlisted awards are checked on their own.
  void check_counts(const Edition& e) {
    for (const auto& r : e.summary.results)
      for (const auto& i : r.indicators) {
        if (i.measure != domain::Measure::percentage || i.actual.suppressed()) continue;
        std::set<std::string> orgs;
        for (const auto& c : e.facts.cells)
          if (c.indicator_code == i.code && c.values > 0) orgs.insert(c.organisation_id);
        if (orgs.size() < 3) fail("percentage " + i.code + " from fewer than three organisations");
      }
    if (e.summary.unlisted.count.e4 && *e.summary.unlisted.count.e4 > 0) {
      std::set<std::string> orgs;
      for (const auto& a : e.facts.awards)
        if (a.publication == Publication::confidential) orgs.insert(a.organisation_id);
      if (orgs.size() < 3 || *e.summary.unlisted.count.e4 < 10 * E4) fail("unlisted count published small");
    }
  }

  void fail(const std::string& what) {
    if (tally_.violations++ == 0) tally_.first_violation = what;
  }

  Tally& tally_;
  std::mt19937& rng_;
};

long withheld_cells(const PublishedSummary& s) {
  long n = 0;
  for (const auto& r : s.results)
    for (const auto& i : r.indicators) {
      n += i.actual.suppressed() + i.target.suppressed();
      for (const auto& b : i.breakdowns)
        for (const auto& c : b.categories) n += c.value.suppressed();
    }
  for (const auto& a : s.awards) n += a.money_withheld;
  for (const auto& m : s.months) n += m.withheld;
  return n + s.unlisted.money_withheld + s.countries_withheld;
}

// Publishes every edition of a portfolio in turn, each against the one before.
std::vector<Edition> publish_all(const Portfolio& p) {
  std::vector<Edition> out;
  out.reserve(static_cast<std::size_t>(p.editions));
  for (int e = 0; e < p.editions; ++e) {
    Edition ed;
    ed.facts = facts_of(p, e);
    std::optional<PriorEdition> prior;
    if (e > 0) prior.emplace(PriorEdition{out.back().facts, out.back().state});
    auto publication = publish(ed.facts, "2027-12-31T00:00:00Z", prior);
    ed.summary = std::move(publication.summary);
    ed.state = std::move(publication.state);
    ed.leaves = leaves_of(ed.facts);
    out.push_back(std::move(ed));
  }
  return out;
}

TEST(DisclosureAttack, NoSubtractionWithinOrBetweenEditionsIsolatesOneOrTwoOrganisations) {
  std::mt19937 rng(20270331);
  Tally tally;
  Attacker attacker(tally, rng);
  constexpr int kPortfolios = 1500;
  // MSWA_DISCLOSURE_SEED tries other portfolios; MSWA_DISCLOSURE_PORTFOLIO replays one.
  const unsigned seed = std::getenv("MSWA_DISCLOSURE_SEED") ? static_cast<unsigned>(std::atol(std::getenv("MSWA_DISCLOSURE_SEED")))
                                                            : 20270331u;
  const int only = std::getenv("MSWA_DISCLOSURE_PORTFOLIO") ? std::atoi(std::getenv("MSWA_DISCLOSURE_PORTFOLIO")) : -1;
  for (int i = 0; i < kPortfolios; ++i) {
    if (only >= 0 && i != only) continue;
    std::mt19937 portfolio_rng(seed + static_cast<unsigned>(i));
    const auto p = random_portfolio(portfolio_rng);
    const auto editions = publish_all(p);
    ++tally.portfolios;
    for (std::size_t e = 0; e < editions.size(); ++e) {
      ++tally.editions;
      tally.withheld += withheld_cells(editions[e].summary);
      attacker.within(editions[e]);
      if (e > 0) attacker.between(editions[e - 1], editions[e]);
    }
    if (tally.violations > 0) {
      if (std::getenv("MSWA_DISCLOSURE_DEBUG"))
        for (const auto& e : editions) {
          std::cout << e.facts.as_of << " months:";
          for (const auto& m : e.summary.months) std::cout << " " << m.month << (m.withheld ? "(w)" : "");
          std::cout << " awards:";
          for (const auto& a : e.facts.awards)
            std::cout << " " << a.id << "/" << a.organisation_id << (recipient_of(a).listed ? "" : "(conf)")
                      << (e.state.closed_awards.count(a.id) ? "(closed)" : "");
          std::cout << " unlisted" << (e.summary.unlisted.money_withheld ? "(w)" : "") << " bookings:";
          for (const auto& t : e.facts.transactions)
            if (t.kind != domain::LedgerKind::allocation)
              std::cout << " " << t.award_id << (t.kind == domain::LedgerKind::payment ? "P" : "S") << "@"
                        << t.booked_on << "=" << t.amount;
          std::cout << "\n";
        }
      ADD_FAILURE() << "portfolio " << i << ": " << tally.first_violation;
      break;
    }
  }
  // The figures the closing note gives.
  std::cout << "[ disclosure ] " << tally.portfolios << " portfolios, " << tally.editions << " editions, "
            << tally.attacks << " subtractions tried, " << tally.withheld << " withheld cells, " << tally.violations
            << " violations\n";
  EXPECT_EQ(tally.violations, 0);
  EXPECT_GT(tally.withheld, 1000);
}

// ------------------------------------------------------ the two known leaks

// Five awards from one source: a public Thai organisation, two pseudonymous
// Cambodian ones, a pseudonymous Vietnamese one and a confidential Lao one,
// as in the demo data.
Portfolio demo_like() {
  Portfolio p;
  p.editions = 2;
  p.orgs = {{"th", "TH", Publication::public_, 0},
            {"kh1", "KH", Publication::pseudonymous, 1},
            {"kh2", "KH", Publication::pseudonymous, 2},
            {"vn", "VN", Publication::pseudonymous, 1},
            {"la", "LA", Publication::confidential, 0}};
  const std::int64_t amounts[] = {1319040, 829760, 989280, 554240, 412200};
  for (std::size_t i = 0; i < p.orgs.size(); ++i) {
    p.awards.push_back({"a" + std::to_string(i), p.orgs[i].id, 0, amounts[i], {{"OP1.1", {0, 240 * E4}}}});
    p.bookings.push_back({"a" + std::to_string(i), domain::LedgerKind::payment, "2027-02", amounts[i] / 2, 0});
  }
  return p;
}

TEST(DisclosureKnownLeaks, OtherCountriesNoLongerEqualsTheUnlistedAwardsMoney) {
  const auto editions = publish_all(demo_like());
  const auto& s = editions[0].summary;
  // Whatever is published, the confidential award's money is never left over alone.
  Tally tally;
  std::mt19937 rng(1);
  Attacker(tally, rng).within(editions[0]);
  EXPECT_EQ(tally.violations, 0) << tally.first_violation;
  std::int64_t listed = 0;
  for (const auto& a : s.awards) listed += a.allocated.minor;
  for (const auto& c : s.countries) EXPECT_NE(c.allocated.minor, 412200) << country_label(c);
  EXPECT_NE(s.allocated.minor - listed, 412200);
  // Awards go by their random reference: the sequential one would count the unlisted award.
  const std::regex sequential("MSWA-\\d{4}-");
  for (const auto& text : {summary_json(s), summary_csv(s), summary_html(s), iati_activities_xml(s)})
    EXPECT_FALSE(std::regex_search(text, sequential));
}

TEST(DisclosureKnownLeaks, ACountryIsNotNamedWhenItsRowLessItsListedAwardsIsOneOrganisation) {
  Portfolio p;
  p.editions = 1;
  p.orgs = {{"th1", "TH", Publication::public_, 0},
            {"th2", "TH", Publication::public_, 0},
            {"th3", "TH", Publication::confidential, 0},
            {"kh", "KH", Publication::public_, 0},
            {"vn", "VN", Publication::public_, 0}};
  for (std::size_t i = 0; i < p.orgs.size(); ++i)
    p.awards.push_back({"a" + std::to_string(i), p.orgs[i].id, 0, 500000 + static_cast<std::int64_t>(i) * 1000, {}});
  const auto editions = publish_all(p);
  for (const auto& c : editions[0].summary.countries) EXPECT_NE(c.country, "TH");
  Tally tally;
  std::mt19937 rng(2);
  Attacker(tally, rng).within(editions[0]);
  EXPECT_EQ(tally.violations, 0) << tally.first_violation;
}

TEST(DisclosureKnownLeaks, OneOrganisationsNewReportDoesNotShowAsTheChangeOfAFigure) {
  Portfolio p;
  p.editions = 2;
  for (int i = 0; i < 4; ++i) p.orgs.push_back({"o" + std::to_string(i), "TH", Publication::public_, 0});
  for (int i = 0; i < 4; ++i) {
    p.awards.push_back({"a" + std::to_string(i), p.orgs[static_cast<std::size_t>(i)].id, 0, 100000, {{"OP1.1", {0, 100 * E4}}}});
    p.values.push_back({"o" + std::to_string(i), "OP1.1", "woman", "migrant", "", 30 * E4, 0});
  }
  // In the second quarter only o0 reports.
  p.values.push_back({"o0", "OP1.1", "woman", "migrant", "", 25 * E4, 1});
  const auto editions = publish_all(p);
  const auto actual = [](const Edition& e) { return e.summary.results.at(0).indicators.at(0).actual; };
  ASSERT_FALSE(actual(editions[0]).suppressed());
  EXPECT_EQ(*actual(editions[0]).e4, 120 * E4);
  EXPECT_TRUE(actual(editions[1]).suppressed());
  Tally tally;
  std::mt19937 rng(3);
  Attacker(tally, rng).between(editions[0], editions[1]);
  EXPECT_EQ(tally.violations, 0) << tally.first_violation;
}

TEST(DisclosureState, SurvivesItsJsonRoundTrip) {
  DisclosureState s{{"actual/OP1.1", "month/2027-04"}, {"a", "b"}, {"b"}, {"LA", "MM"}, true};
  const auto back = disclosure_state_from_json(to_json(s));
  EXPECT_EQ(back.withheld, s.withheld);
  EXPECT_EQ(back.listed_awards, s.listed_awards);
  EXPECT_EQ(back.closed_awards, s.closed_awards);
  EXPECT_EQ(back.unnamed_countries, s.unnamed_countries);
  EXPECT_EQ(back.country_breakdown, s.country_breakdown);
}

}  // namespace
}  // namespace mswa::reports
