#pragma once
// Inside publish(): the results and the money each go through the disclosure
// tables (reports/disclosure.hpp) against the previous edition, if any.
#include <map>
#include <optional>
#include <string>

#include "reports/disclosure.hpp"
#include "reports/published_summary.hpp"

namespace mswa::reports::detail {

// The previous edition, looked up by what this one needs of it.
class Prior {
 public:
  explicit Prior(const std::optional<PriorEdition>& prior);

  bool exists() const { return facts_ != nullptr; }
  const domain::SummaryFacts* facts() const { return facts_; }
  const DisclosureState* state() const { return state_; }

  // Published in the previous edition; a figure it did not have was a published zero.
  bool published(const std::string& key) const { return exists() && !state_->withheld.count(key); }
  // The award as it stood then, if it existed.
  const domain::SummaryAward* award(const std::string& id) const;
  // Its money was shown: it did not exist yet (a zero), or it was listed with its money.
  bool award_money_published(const std::string& id) const;
  // Listed then, so that its own figures (targets) could be shown.
  bool award_listed(const std::string& id) const;

 private:
  const domain::SummaryFacts* facts_ = nullptr;
  const DisclosureState* state_ = nullptr;
  std::map<std::string, const domain::SummaryAward*> awards_;
};

// What the results section publishes: indicators with actuals (counts
// through the small-cell and remainder rules, percentages by the
// organisation rule) and targets (against the listed awards' targets).
void publish_results(const domain::SummaryFacts& f, const Prior& prior, PublishedSummary& s, DisclosureState& state);

// The money by award, the row of unlisted awards, the countries and the
// months. Awards must be listed in s.awards already.
void publish_money(const domain::SummaryFacts& f, const Prior& prior, PublishedSummary& s, DisclosureState& state);

// numerator / denominator as a percentage with one decimal, half up ("83.3");
// none when the denominator is not positive or the numerator is negative.
std::optional<std::string> percent(std::int64_t numerator, std::int64_t denominator);

// An amount in the source's currency.
inline domain::Money in(std::int64_t minor, const domain::Currency& currency) { return {minor, currency}; }

// A figure of an award's own, for one organisation.
inline disclosure::Contributions of(const std::string& organisation, const disclosure::Values& values) {
  disclosure::Contributions c;
  c.add(organisation, values);
  return c;
}

}  // namespace mswa::reports::detail
