// Indicator results as they may leave the alliance. Counts are broken down by
// organisation from the reported cells, so that every table - the actual and
// its categories in each dimension, the target and the listed awards'
// targets - can be checked for what subtraction would reveal, in this
// edition and against the previous one.
#include <algorithm>
#include <set>

#include "domain/wide_int.hpp"
#include "reports/publish_parts.hpp"

namespace mswa::reports::detail {

namespace {

using disclosure::Contributions;
using disclosure::Part;
using disclosure::Rule;
using disclosure::Table;

constexpr Rule kCounts{1, true};
constexpr Rule kAverages{2, false};  // sum and number of values: only the organisation rule binds

// An average of `values` figures whose sum is sum_e4, times 10^4 (half up).
std::int64_t average_e4(std::int64_t sum_e4, long long values) {
  if (values <= 0) return 0;
  return static_cast<std::int64_t>((static_cast<domain::i128>(sum_e4) * 2 + values) /
                                   (2 * static_cast<domain::i128>(values)));
}
const std::string& category_of(const domain::IndicatorCell& c, domain::Dimension d) {
  switch (d) {
    case domain::Dimension::gender:
      return c.gender;
    case domain::Dimension::migrant_status:
      return c.migrant_status;
    case domain::Dimension::age_group:
      break;
  }
  return c.age_group;
}

std::string shown_category(const std::string& category) { return category.empty() ? "not_recorded" : category; }

// One indicator's reported values by organisation: the total, and each
// category of each dimension.
struct IndicatorFigures {
  Contributions total;
  std::map<std::pair<domain::Dimension, std::string>, Contributions> categories;
};

std::map<std::string, IndicatorFigures> by_indicator(const std::vector<domain::IndicatorCell>& cells) {
  std::map<std::string, IndicatorFigures> out;
  for (const auto& c : cells) {
    auto& f = out[c.indicator_code];
    const disclosure::Values v{c.sum_e4, c.values, 0};
    f.total.add(c.organisation_id, v);
    for (const auto d : {domain::Dimension::gender, domain::Dimension::migrant_status, domain::Dimension::age_group})
      f.categories[{d, category_of(c, d)}].add(c.organisation_id, v);
  }
  return out;
}

const Contributions& figure_in(const std::map<std::pair<domain::Dimension, std::string>, Contributions>& m,
                               domain::Dimension d, const std::string& category) {
  static const Contributions none;
  const auto it = m.find({d, category});
  return it == m.end() ? none : it->second;
}

// The categories of a dimension in their defined order, then "not recorded".
std::vector<std::string> categories_of(domain::Dimension d, const IndicatorFigures& now) {
  std::vector<std::string> out;
  for (const auto v : domain::dimension_values(d))
    if (now.categories.count({d, std::string(v)})) out.emplace_back(v);
  if (now.categories.count({d, ""})) out.emplace_back("");
  return out;
}

// Only counts: a part not withheld on its own may still be withheld to
// protect the others.
Part part_of(const std::string& key, const Contributions& now, const Contributions& before, const Prior& prior,
             const Rule& rule) {
  Part p{key, now, before, prior.published(key), false, true};
  p.withheld = !disclosure::safe(now, rule) || (p.published_before && !disclosure::safe(now.minus(before), rule));
  return p;
}

void publish_counts(const domain::SummaryIndicator& in, const IndicatorFigures& now, const IndicatorFigures& before,
                    const Prior& prior, PublishedIndicator& out, DisclosureState& state) {
  const std::string key = "actual/" + in.indicator.fields.code;
  const auto& dimensions = in.indicator.fields.dimensions;
  bool total_withheld = !disclosure::safe(now.total, kCounts) ||
                        (prior.published(key) && !disclosure::safe(now.total.minus(before.total), kCounts));
  std::vector<Table> tables;
  std::vector<std::vector<std::string>> categories;
  for (const auto d : dimensions) {
    Table t{kCounts, prior.exists(), prior.published(key), false, false, {}};
    categories.push_back(categories_of(d, now));
    for (const auto& c : categories.back()) {
      const auto ckey = key + "/" + std::string(domain::to_string(d)) + "/" + shown_category(c);
      t.parts.push_back(part_of(ckey, figure_in(now.categories, d, c), figure_in(before.categories, d, c), prior, kCounts));
    }
    tables.push_back(std::move(t));
  }
  // A total one dimension has to withhold is withheld in all of them.
  for (bool changed = true; changed;) {
    changed = false;
    for (auto& t : tables) {
      t.total_withheld = t.total_withheld || total_withheld;
      disclosure::protect(t);
      if (t.total_withheld && !total_withheld) total_withheld = changed = true;
    }
  }
  if (total_withheld)
    state.withheld.insert(key);
  else
    out.actual.e4 = now.total.total(0);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    PublishedBreakdown b{dimensions[i], {}};
    for (std::size_t j = 0; j < tables[i].parts.size(); ++j) {
      const auto& p = tables[i].parts[j];
      PublishedCategory pc{shown_category(categories[i][j]), {}};
      if (p.withheld)
        state.withheld.insert(p.key);
      else
        pc.value.e4 = p.now.total(0);
      b.categories.push_back(std::move(pc));
    }
    out.breakdowns.push_back(std::move(b));
  }
}

// Percentages are averages, not counts: each cell needs three organisations
// (and so does its change since the previous edition), and none can be
// worked out from the others without the numbers of values.
void publish_averages(const domain::SummaryIndicator& in, const IndicatorFigures& now, const IndicatorFigures& before,
                      const Prior& prior, PublishedIndicator& out, DisclosureState& state) {
  const std::string key = "actual/" + in.indicator.fields.code;
  const auto average = [&](const std::string& k, const Contributions& n, const Contributions& b) {
    Cell c;
    // An average of nothing is no figure at all.
    const bool ok = n.total(1) > 0 && disclosure::safe(n, kAverages) &&
                    (!prior.published(k) || disclosure::safe(n.minus(b), kAverages));
    if (ok)
      c.e4 = average_e4(n.total(0), n.total(1));
    else
      state.withheld.insert(k);
    return c;
  };
  out.actual = average(key, now.total, before.total);
  for (const auto d : in.indicator.fields.dimensions) {
    PublishedBreakdown pb{d, {}};
    for (const auto& c : categories_of(d, now)) {
      const auto ckey = key + "/" + std::string(domain::to_string(d)) + "/" + shown_category(c);
      pb.categories.push_back(
          {shown_category(c), average(ckey, figure_in(now.categories, d, c), figure_in(before.categories, d, c))});
    }
    out.breakdowns.push_back(std::move(pb));
  }
}

// The summed (or, for percentages, averaged) targets and baselines against
// the listed awards' own, which the IATI file shows: what is left over
// belongs to the awards not listed and must not size one or two of them.
void publish_targets(const domain::SummaryFacts& f, const domain::SummaryIndicator& in, const Prior& prior,
                     PublishedIndicator& out, DisclosureState& state) {
  const auto& code = in.indicator.fields.code;
  const std::string key = "target/" + code;
  const Rule rule{2, in.indicator.fields.measure == domain::Measure::unit};
  Table t{rule, prior.exists(), prior.published(key), false, false, {}};
  std::map<std::string, const domain::SummaryAward*> awards;
  for (const auto& a : f.awards) awards[a.id] = &a;
  std::map<std::string, const domain::SummaryTarget*> targets_before;
  if (prior.exists())
    for (const auto& target : prior.facts()->targets)
      if (target.indicator_code == code) targets_before[target.award_id] = &target;
  long long count = 0;
  for (const auto& target : f.targets) {
    if (target.indicator_code != code) continue;
    const auto* award = awards.at(target.award_id);
    ++count;
    const auto part_key = key + "/" + award->id;
    Part p{part_key, of(award->organisation_id, {target.baseline_e4, target.target_e4, 0}), {}, true, false, true};
    if (const auto it = targets_before.find(award->id); it != targets_before.end()) {
      p.before = of(award->organisation_id, {it->second->baseline_e4, it->second->target_e4, 0});
      p.published_before = prior.award_listed(award->id) && prior.published(part_key);
    }
    if (!recipient_of(*award).listed) p.withheld = true, p.choosable = false;
    t.parts.push_back(std::move(p));
  }
  disclosure::protect(t);
  if (t.total_withheld) {
    state.withheld.insert(key);
  } else if (in.indicator.fields.measure == domain::Measure::percentage) {
    out.baseline.e4 = average_e4(in.baseline_e4, count);
    out.target.e4 = average_e4(in.target_e4, count);
  } else {
    out.baseline.e4 = in.baseline_e4;
    out.target.e4 = in.target_e4;
  }
  for (const auto& p : t.parts)
    if (p.withheld && p.choosable) state.withheld.insert(p.key);
}

}  // namespace

void publish_results(const domain::SummaryFacts& f, const Prior& prior, PublishedSummary& s, DisclosureState& state) {
  const auto now = by_indicator(f.cells);
  const auto before = prior.exists() ? by_indicator(prior.facts()->cells) : std::map<std::string, IndicatorFigures>{};
  static const IndicatorFigures nothing;
  for (const auto& r : f.results) {
    PublishedResult pr{r.result.code, r.result.title, r.result.kind, {}};
    for (const auto& in : r.indicators) {
      const auto& fields = in.indicator.fields;
      PublishedIndicator out{fields.code, fields.title, fields.measure, fields.ascending, {}, {}, {}, std::nullopt, {}};
      if (fields.measure != domain::Measure::qualitative) {  // words, not numbers: nothing to add up
        const auto n = now.find(fields.code);
        const auto b = before.find(fields.code);
        const auto& n_figures = n == now.end() ? nothing : n->second;
        const auto& b_figures = b == before.end() ? nothing : b->second;
        publish_targets(f, in, prior, out, state);
        if (fields.measure == domain::Measure::unit)
          publish_counts(in, n_figures, b_figures, prior, out, state);
        else
          publish_averages(in, n_figures, b_figures, prior, out, state);
        if (out.actual.e4 && out.target.e4) {
          // More is better: actual against target; less is better: target against actual.
          out.achievement_percent =
              fields.ascending ? percent(*out.actual.e4, *out.target.e4) : percent(*out.target.e4, *out.actual.e4);
        }
      }
      pr.indicators.push_back(std::move(out));
    }
    s.results.push_back(std::move(pr));
  }
  // The listed awards' targets that may be shown (the IATI file lists them).
  std::map<std::string, PublishedAward*> listed;
  for (auto& a : s.awards) listed[a.id] = &a;
  for (const auto& t : f.targets) {
    const auto it = listed.find(t.award_id);
    if (it == listed.end()) continue;
    if (state.withheld.count("target/" + t.indicator_code) || state.withheld.count("target/" + t.indicator_code + "/" + t.award_id))
      continue;
    it->second->targets.push_back(t);
  }
}

}  // namespace mswa::reports::detail
