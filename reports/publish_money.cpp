// The source's money as it may leave the alliance. The donor's own accounts
// (the totals) are always published; what they must not give away is the
// money of the awards not listed. Listed awards' money is published award by
// award, so a reader can subtract it from any total, a country row or a
// month: what is left over - the unlisted awards and any listed award whose
// money is withheld - must come from no organisation or from three or more,
// in this edition and in its change since the previous one.
#include <algorithm>
#include <set>

#include "reports/publish_parts.hpp"

namespace mswa::reports::detail {

namespace {

using disclosure::Contributions;
using disclosure::Part;
using disclosure::Rule;
using disclosure::Table;
using disclosure::Values;

constexpr Rule kMoney{3, false};   // allocated, disbursed, spent
constexpr Rule kMonthly{2, false}; // disbursed, spent

Values money_of(const domain::SummaryAward& a) { return {a.allocated, a.disbursed, a.spent}; }

std::string month_of(const std::string& date) { return date.substr(0, 7); }

// Each award's payments and expenditure by month, from its bookings.
using MonthlyMoney = std::map<std::string, std::map<std::string, Values>>;  // award id -> month -> values

MonthlyMoney monthly(const domain::SummaryFacts& f) {
  MonthlyMoney out;
  for (const auto& t : f.transactions) {
    if (t.kind == domain::LedgerKind::payment) out[t.award_id][month_of(t.booked_on)][0] += t.amount;
    if (t.kind == domain::LedgerKind::expenditure) out[t.award_id][month_of(t.booked_on)][1] += t.amount;
  }
  return out;
}

class MoneyTables {
 public:
  MoneyTables(const domain::SummaryFacts& f, const Prior& prior) : f_(f), prior_(prior) {
    for (const auto& a : f.awards)
      if (recipient_of(a).listed) listed_.insert(a.id);
  }

  // Rule 2 on the source's totals: the unlisted awards' money is published
  // as one row only when it comes from three organisations or more, and
  // listed awards' money is withheld until what is left over does too.
  void close_awards(DisclosureState& state) {
    Table t{kMoney, prior_.exists(), prior_.exists(), true, false, {}};
    Part unlisted{"unlisted", {}, {}, prior_.published("unlisted"), false, true};
    for (const auto& a : f_.awards) {
      if (listed_.count(a.id)) {
        // An award whose money the previous edition did not show stays so:
        // showing it now would give its old figures away, and with them what
        // the rows it was hidden in held of the others.
        const bool shown_before = prior_.award_money_published(a.id);
        Part p{"award/" + a.id, of(a.organisation_id, money_of(a)), before(a), shown_before, !shown_before,
               shown_before};
        t.parts.push_back(std::move(p));
      } else {
        unlisted.now.add(a.organisation_id, money_of(a));
        unlisted.before.add(before(a));
        // An organisation that has just chosen confidentiality: the previous
        // edition showed its money, which the row would let a reader take out again.
        if (prior_.award(a.id) && prior_.award_money_published(a.id)) unlisted.choosable = false;
      }
    }
    unlisted.withheld = !unlisted.choosable || !disclosure::safe(unlisted.now, kMoney) ||
                        (unlisted.published_before && !disclosure::safe(unlisted.now.minus(unlisted.before), kMoney));
    t.parts.push_back(std::move(unlisted));
    disclosure::protect(t);
    for (const auto& p : t.parts) {
      if (!p.withheld) continue;
      if (p.key == "unlisted") {
        unlisted_withheld_ = true;
        state.withheld.insert(p.key);
      } else {
        closed_.insert(p.key.substr(6));
      }
    }
    state.closed_awards = closed_;
  }

  bool unlisted_withheld() const { return unlisted_withheld_; }
  bool closed(const std::string& award_id) const { return closed_.count(award_id) > 0; }
  bool hidden(const domain::SummaryAward& a) const { return !listed_.count(a.id) || closed_.count(a.id); }

  // Whether a country (or the row of countries not named) may be shown: a
  // country must hold no confidential organisation or three or more, what
  // its listed awards leave over must be safe, and so must its change
  // since the previous edition - unless every award whose money is not shown
  // is in it, when that change is the change of the source's totals, which
  // are published whatever (rule 5).
  bool countries_safe(const std::set<std::string>& countries, bool published_before) const {
    // Naming a country with one or two confidential organisations would place them (rule 6).
    if (countries.size() == 1) {
      std::set<std::string> confidential;
      for (const auto& a : f_.awards)
        if (countries.count(a.country) && !listed_.count(a.id)) confidential.insert(a.organisation_id);
      if (!confidential.empty() && confidential.size() < disclosure::kMinOrganisations) return false;
    }
    Table t{kMoney, prior_.exists(), published_before, false, false, {}};
    bool holds_every_hidden_award = true;
    for (const auto& a : f_.awards) {
      if (countries.count(a.country))
        t.parts.push_back(award_part(a, of(a.organisation_id, money_of(a)), before(a)));
      else if (hidden(a) || !prior_.award_money_published(a.id))
        holds_every_hidden_award = false;
    }
    return holds_every_hidden_award ? disclosure::remainder_safe(t) : disclosure::table_safe(t);
  }

  // A month against the listed awards' payments and expenditure in it.
  Table month_table(const std::string& month, bool published_before, const MonthlyMoney& now,
                    const MonthlyMoney& then) const {
    Table t{kMonthly, prior_.exists(), published_before, false, false, {}};
    for (const auto& a : f_.awards) {
      const auto n = in_month(now, a.id, month), b = in_month(then, a.id, month);
      if (n == Values{} && b == Values{}) continue;
      t.parts.push_back(award_part(a, of(a.organisation_id, n), of(a.organisation_id, b)));
    }
    return t;
  }

  // What a month's row says of the awards whose money is not published: now,
  // in the previous edition, and what of it the previous edition showed (an
  // award it listed with its money, hidden now).
  struct Hidden {
    Contributions now, before, known_before;
  };
  Hidden hidden_in_month(const std::string& month, const MonthlyMoney& now, const MonthlyMoney& then) const {
    Hidden h;
    for (const auto& a : f_.awards) {
      if (!hidden(a)) continue;
      h.now.add(a.organisation_id, in_month(now, a.id, month));
      const bool shown_before = prior_.exists() && prior_.award(a.id) && prior_.award_money_published(a.id);
      (shown_before ? h.known_before : h.before).add(a.organisation_id, in_month(then, a.id, month));
    }
    return h;
  }

 private:
  static Values in_month(const MonthlyMoney& m, const std::string& award_id, const std::string& month) {
    const auto a = m.find(award_id);
    if (a == m.end()) return {};
    const auto v = a->second.find(month);
    return v == a->second.end() ? Values{} : v->second;
  }

  Contributions before(const domain::SummaryAward& a) const {
    const auto* then = prior_.award(a.id);
    return then ? of(a.organisation_id, money_of(*then)) : Contributions{};
  }

  // An award inside a country's or a month's row: withheld as decided for
  // the totals, never withheld here (the row itself is, instead).
  Part award_part(const domain::SummaryAward& a, Contributions now, Contributions then) const {
    return Part{"award/" + a.id, std::move(now), std::move(then), prior_.award_money_published(a.id), hidden(a), false};
  }

  const domain::SummaryFacts& f_;
  const Prior& prior_;
  std::set<std::string> listed_, closed_;
  bool unlisted_withheld_ = false;
};


// Countries whose row would leave one or two organisations' unlisted money
// over join the row of countries not named, which must itself span two
// countries and pass the same rule, else no breakdown by country is
// published. A country not named in the previous edition stays unnamed, so
// the row of countries not named only grows and can be compared.
void publish_countries(const domain::SummaryFacts& f, const Prior& prior, const MoneyTables& tables,
                       PublishedSummary& s, DisclosureState& state) {
  const auto currency = f.source.fields.amount.currency;
  std::map<std::string, Values> totals;
  std::map<std::string, std::int64_t> hidden_money;
  for (const auto& a : f.awards) {
    auto& v = totals[a.country];
    v[0] += a.allocated, v[1] += a.disbursed, v[2] += a.spent;
    if (tables.hidden(a)) hidden_money[a.country] += a.allocated;
  }
  const bool breakdown_before = prior.exists() && prior.state()->country_breakdown;
  std::set<std::string> unnamed;
  if (breakdown_before) unnamed = prior.state()->unnamed_countries;
  std::set<std::string> named;
  for (const auto& [country, v] : totals) {
    if (unnamed.count(country)) continue;
    const bool before = breakdown_before && !prior.state()->unnamed_countries.count(country);
    if (tables.countries_safe({country}, before))
      named.insert(country);
    else
      unnamed.insert(country);
  }
  std::set<std::string> present_unnamed;
  for (const auto& c : unnamed)
    if (totals.count(c)) present_unnamed.insert(c);
  // Complete the row of countries not named: those with money not shown first, then the smallest.
  while (!present_unnamed.empty() && !named.empty() &&
         (present_unnamed.size() < 2 || !tables.countries_safe(present_unnamed, breakdown_before))) {
    const auto next = std::min_element(named.begin(), named.end(), [&](const std::string& a, const std::string& b) {
      const bool ha = hidden_money[a] != 0, hb = hidden_money[b] != 0;
      if (ha != hb) return ha;
      return totals[a][0] < totals[b][0] || (totals[a][0] == totals[b][0] && a < b);
    });
    present_unnamed.insert(*next);
    unnamed.insert(*next);
    named.erase(next);
  }
  if (named.empty() && !totals.empty()) {
    s.countries_withheld = true;
    state.country_breakdown = false;
    return;
  }
  state.unnamed_countries = unnamed;
  PublishedCountry other{"", in(0, currency), in(0, currency), in(0, currency)};
  for (const auto& [country, v] : totals) {
    if (named.count(country)) {
      s.countries.push_back({country, in(v[0], currency), in(v[1], currency), in(v[2], currency)});
    } else {
      other.allocated.minor += v[0];
      other.disbursed.minor += v[1];
      other.spent.minor += v[2];
    }
  }
  if (!present_unnamed.empty()) s.countries.push_back(other);
}

// Each month's row against the listed awards' bookings in it, then the months
// against the source's totals: the months withheld must not leave one or two
// organisations' money over either.
void publish_months(const domain::SummaryFacts& f, const Prior& prior, const MoneyTables& tables, PublishedSummary& s,
                    DisclosureState& state) {
  const auto currency = f.source.fields.amount.currency;
  const auto now = monthly(f);
  const auto then = prior.exists() ? monthly(*prior.facts()) : MonthlyMoney{};
  std::map<std::string, Values> totals;
  for (const auto& [award, months] : now)
    for (const auto& [month, v] : months) totals[month][0] += v[0], totals[month][1] += v[1];
  for (const auto& [award, months] : then)
    for (const auto& [month, v] : months) totals.try_emplace(month);

  Table months{kMonthly, prior.exists(), prior.exists(), true, false, {}};
  for (const auto& [month, v] : totals) {
    const std::string key = "month/" + month;
    auto hidden = tables.hidden_in_month(month, now, then);
    Part p{key, std::move(hidden.now), std::move(hidden.before), prior.published(key), false, true,
           std::move(hidden.known_before)};
    p.withheld = !disclosure::table_safe(tables.month_table(month, p.published_before, now, then));
    months.parts.push_back(std::move(p));
  }
  disclosure::protect(months);
  std::size_t i = 0;
  for (const auto& [month, v] : totals) {
    const auto& p = months.parts[i++];
    if (p.withheld) {
      state.withheld.insert(p.key);
      s.months.push_back({month, true, in(0, currency), in(0, currency)});
    } else if (v != Values{}) {
      s.months.push_back({month, false, in(v[0], currency), in(v[1], currency)});
    }
  }
}

}  // namespace

void publish_money(const domain::SummaryFacts& f, const Prior& prior, PublishedSummary& s, DisclosureState& state) {
  const auto currency = f.source.fields.amount.currency;
  MoneyTables tables(f, prior);
  tables.close_awards(state);

  const auto zero = in(0, currency);
  for (auto& a : s.awards) {
    if (!tables.closed(a.id)) continue;
    a.money_withheld = true;
    a.amount = {0, a.amount.currency};
    a.share = {0, a.share.currency};
    a.allocated = a.disbursed = a.spent = zero;
  }
  std::map<std::string, PublishedAward*> by_id;
  for (auto& a : s.awards) by_id[a.id] = &a;
  for (const auto& t : f.transactions)
    if (const auto it = by_id.find(t.award_id); it != by_id.end() && !it->second->money_withheld)
      it->second->transactions.push_back(t);

  // The number of unlisted awards is a count: withheld from 1 to 9 or from fewer than three organisations.
  disclosure::Contributions count_now, count_then;
  for (const auto& a : f.awards)
    if (!recipient_of(a).listed) {
      count_now.add(a.organisation_id, 0, 10000);
      if (prior.award(a.id)) count_then.add(a.organisation_id, 0, 10000);
    }
  const disclosure::Rule counts{1, true};
  s.unlisted = {{}, tables.unlisted_withheld(), zero, zero, zero};
  if (disclosure::safe(count_now, counts) &&
      (!prior.published("unlisted_count") || disclosure::safe(count_now.minus(count_then), counts)))
    s.unlisted.count.e4 = count_now.total(0);
  else
    state.withheld.insert("unlisted_count");
  if (!s.unlisted.money_withheld)
    for (const auto& a : f.awards)
      if (!recipient_of(a).listed) {
        s.unlisted.allocated.minor += a.allocated;
        s.unlisted.disbursed.minor += a.disbursed;
        s.unlisted.spent.minor += a.spent;
      }

  publish_countries(f, prior, tables, s, state);
  publish_months(f, prior, tables, s, state);
}

}  // namespace mswa::reports::detail
