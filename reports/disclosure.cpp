#include "reports/disclosure.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <set>

#include "domain/wide_int.hpp"

namespace mswa::reports::disclosure {

void Contributions::add(const std::string& organisation, std::size_t measure, std::int64_t value) {
  if (value == 0) return;
  by_org_[organisation][measure] += value;
}

void Contributions::add(const std::string& organisation, const Values& values) {
  for (std::size_t m = 0; m < kMeasures; ++m) add(organisation, m, values[m]);
}

void Contributions::add(const Contributions& other) {
  for (const auto& [org, values] : other.by_org_) add(org, values);
}

Contributions Contributions::minus(const Contributions& other) const {
  Contributions out = *this;
  for (const auto& [org, values] : other.by_org_) {
    Values negated{};
    for (std::size_t m = 0; m < kMeasures; ++m) negated[m] = -values[m];
    out.add(org, negated);
  }
  return out;
}

std::vector<std::string> Contributions::organisations(std::size_t measure) const {
  std::vector<std::string> out;
  for (const auto& [org, values] : by_org_)
    if (values[measure] != 0) out.push_back(org);
  return out;
}

std::int64_t Contributions::total(std::size_t measure) const {
  domain::i128 sum = 0;
  for (const auto& [org, values] : by_org_) sum += values[measure];
  return static_cast<std::int64_t>(sum);
}

bool Contributions::is_zero() const {
  for (const auto& [org, values] : by_org_)
    for (const auto v : values)
      if (v != 0) return false;
  return true;
}

namespace {

// For counts: from 1 to 9 (either way round, for a change).
bool small_count(std::int64_t total, const Rule& rule) {
  return rule.counts && total != 0 && total > -kSmallCountLimitE4 && total < kSmallCountLimitE4;
}

}  // namespace

bool safe(const Contributions& c, const Rule& rule) {
  for (std::size_t m = 0; m < rule.measures; ++m) {
    const auto n = c.organisations(m).size();
    if (n == 0) continue;
    if (n < kMinOrganisations) return false;
    if (small_count(c.total(m), rule)) return false;
  }
  return true;
}

bool remainder_safe(const Table& t) {
  if (t.total_withheld) return true;
  Contributions remainder;
  bool all_withheld = true;
  for (const auto& p : t.parts) {
    if (p.withheld)
      remainder.add(p.now);
    else
      all_withheld = false;
  }
  if (t.total_fixed && all_withheld) return true;
  return safe(remainder, t.rule);
}

namespace {

using OrgSet = std::set<std::string>;

OrgSet organisations_of(const Contributions& c, std::size_t measure) {
  auto list = c.organisations(measure);
  return OrgSet(std::make_move_iterator(list.begin()), std::make_move_iterator(list.end()));
}

OrgSet joined(OrgSet a, const OrgSet& b) {
  a.insert(b.begin(), b.end());
  return a;
}

// A figure a reader can work out, up to what is published: the parts whose
// contribution is fixed, and parts the reader may write one of two ways
// (its value in one edition, or its change, the other edition's value being
// published). It discloses one or two organisations when some way of writing
// it names that few - unless some way names none: then it is known already.
class Workable {
 public:
  void fixed(const OrgSet& orgs) { forced_.insert(orgs.begin(), orgs.end()); }
  void either(OrgSet one, OrgSet other) { choices_.push_back({std::move(one), std::move(other)}); }

  bool isolates() {
    const bool known_already = forced_.empty() && std::all_of(choices_.begin(), choices_.end(), [](const auto& c) {
                                 return c.first.empty() || c.second.empty();
                               });
    if (known_already) return false;
    if (forced_.size() >= kMinOrganisations) return false;
    return search(0, forced_);
  }

 private:
  static constexpr long kMaxSteps = 100000;

  // Whether some writing names one or two organisations. Past the bound it
  // answers yes, which withholds more, never less.
  bool search(std::size_t i, const OrgSet& so_far) {
    if (so_far.size() >= kMinOrganisations) return false;
    if (++steps_ > kMaxSteps) return true;
    if (i == choices_.size()) return !so_far.empty();
    return search(i + 1, joined(so_far, choices_[i].first)) || search(i + 1, joined(so_far, choices_[i].second));
  }

  OrgSet forced_;
  std::vector<std::pair<OrgSet, OrgSet>> choices_;
  long steps_ = 0;
};

}  // namespace

ChangeCheck check_change(const Table& t) {
  ChangeCheck out;
  if (!t.has_prior || !t.total_published_before || t.total_withheld) return out;
  for (std::size_t m = 0; m < t.rule.measures; ++m) {
    // What a reader can work out from the two editions' remainders, once
    // every figure either published is used: the previous remainder, this
    // one, and their difference. A part withheld in both shows its old
    // value, its new one or its change; a part published in one edition
    // only can be written as its value in the other or as its change.
    Workable previous, current, change;
    domain::i128 current_total = 0, change_total = 0;
    for (const auto& p : t.parts) {
      const bool withheld_before = !p.published_before;
      if (!p.withheld && !withheld_before) continue;
      const auto news = p.now.minus(p.known_before);
      const auto delta = news.minus(p.before);
      const auto old_orgs = organisations_of(p.before, m), new_orgs = organisations_of(delta, m);
      const auto both = joined(old_orgs, new_orgs);
      change_total += delta.total(m);
      if (withheld_before && p.withheld) {
        previous.fixed(old_orgs);
        current.fixed(both);
        change.fixed(new_orgs);
        current_total += news.total(m);
      } else if (withheld_before) {
        previous.either(old_orgs, new_orgs);
        change.either(old_orgs, new_orgs);
      } else {
        current.either(both, new_orgs);
        change.either(both, new_orgs);
        current_total += delta.total(m);
      }
    }
    if (previous.isolates()) out.previous_remainder_ok = false;
    if (current.isolates() || change.isolates() || small_count(static_cast<std::int64_t>(current_total), t.rule) ||
        small_count(static_cast<std::int64_t>(change_total), t.rule))
      out.failing_measures.push_back(m);
  }
  return out;
}

bool change_safe(const Table& t) { return check_change(t).ok(); }

bool table_safe(const Table& t) { return t.total_withheld || (remainder_safe(t) && change_safe(t)); }

namespace {

std::int64_t magnitude(const Contributions& c, std::size_t measures) {
  domain::i128 sum = 0;
  for (const auto& [org, values] : c.by_organisation())
    for (std::size_t m = 0; m < measures; ++m) sum += values[m] < 0 ? -static_cast<domain::i128>(values[m]) : values[m];
  return sum > INT64_MAX ? INT64_MAX : static_cast<std::int64_t>(sum);
}

enum class Need { remainder, previous_remainder, change };

// The smallest published part that can help: any that is not zero for this
// edition's remainder; one the previous edition withheld, when that is what
// a reader could rewrite; else one that changed in a measure that fails, as
// withholding an unchanged part hides nothing the previous edition did not show.
std::optional<std::size_t> next_to_withhold(const Table& t, Need need, const std::vector<std::size_t>& measures) {
  std::optional<std::size_t> best;
  std::int64_t best_size = 0;
  for (std::size_t i = 0; i < t.parts.size(); ++i) {
    const auto& p = t.parts[i];
    if (p.withheld || !p.choosable) continue;
    bool useful = false;
    switch (need) {
      case Need::remainder:
        useful = !p.now.is_zero();
        break;
      case Need::previous_remainder:
        useful = !p.published_before;
        break;
      case Need::change: {
        // Withheld again, a part the previous edition withheld shows only its change.
        const auto delta = p.now.minus(p.known_before).minus(p.before);
        useful = !p.published_before;
        for (const auto m : measures) useful = useful || !delta.organisations(m).empty();
        break;
      }
    }
    if (!useful) continue;
    const auto size = magnitude(p.now, t.rule.measures);
    if (!best || size < best_size || (size == best_size && p.key < t.parts[*best].key)) {
      best = i;
      best_size = size;
    }
  }
  return best;
}

}  // namespace

bool protect(Table& t) {
  bool changed = false;
  while (!t.total_withheld) {
    // Every check that fails, in turn, until one has a part that can help.
    std::vector<Need> needs;
    std::vector<std::size_t> measures;
    if (!remainder_safe(t)) needs.push_back(Need::remainder);
    auto c = check_change(t);
    if (!c.previous_remainder_ok) needs.push_back(Need::previous_remainder);
    if (!c.failing_measures.empty()) needs.push_back(Need::change), measures = std::move(c.failing_measures);
    if (needs.empty()) break;
    std::optional<std::size_t> next;
    for (const auto need : needs)
      if ((next = next_to_withhold(t, need, measures))) break;
    if (next) {
      t.parts[*next].withheld = true;
      changed = true;
    } else if (!t.total_fixed) {
      t.total_withheld = true;
      changed = true;
    } else {
      // The donor's own accounts are published (rule 5): with every part that
      // changed withheld, what is left is the change of those totals themselves.
      break;
    }
  }
  if (t.total_withheld)
    for (auto& p : t.parts) {
      changed = changed || !p.withheld;
      p.withheld = true;
    }
  return changed;
}

}  // namespace mswa::reports::disclosure
