// From the facts the database added up to what may leave the alliance:
// recipients by their publication choice, the money and the results through
// the disclosure rules (publish_money.cpp, publish_results.cpp), and nothing
// else of an unlisted award.
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/country.hpp"
#include "domain/wide_int.hpp"
#include "reports/publish_parts.hpp"

namespace mswa::reports {

using domain::i128;

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

namespace detail {

Prior::Prior(const std::optional<PriorEdition>& prior) {
  if (!prior) return;
  facts_ = &prior->facts;
  state_ = &prior->state;
  for (const auto& a : facts_->awards) awards_[a.id] = &a;
}

const domain::SummaryAward* Prior::award(const std::string& id) const {
  const auto it = awards_.find(id);
  return it == awards_.end() ? nullptr : it->second;
}

bool Prior::award_money_published(const std::string& id) const {
  if (!exists() || !award(id)) return true;
  return state_->listed_awards.count(id) && !state_->closed_awards.count(id);
}

bool Prior::award_listed(const std::string& id) const { return exists() && state_->listed_awards.count(id); }

std::optional<std::string> percent(std::int64_t numerator, std::int64_t denominator) {
  if (denominator <= 0 || numerator < 0) return std::nullopt;
  const i128 tenths = (static_cast<i128>(numerator) * 2000 + denominator) / (2 * static_cast<i128>(denominator));
  const auto t = static_cast<long long>(tenths);
  return std::to_string(t / 10) + "." + std::to_string(t % 10);
}

}  // namespace detail

namespace {

using detail::in;
using detail::percent;

constexpr int kNarrativesShown = 10;

long long months_between(const std::string& start, const std::string& as_of) {
  const auto year = [](const std::string& d) { return std::stoll(d.substr(0, 4)); };
  const auto month = [](const std::string& d) { return std::stoll(d.substr(5, 2)); };
  const long long months = (year(as_of) - year(start)) * 12 + (month(as_of) - month(start)) + 1;
  return months < 1 ? 1 : months;
}

std::vector<std::string> as_list(const std::set<std::string>& s) { return {s.begin(), s.end()}; }

}  // namespace

std::string to_json(const DisclosureState& state) {
  return nlohmann::json{{"withheld", as_list(state.withheld)},
                        {"listed_awards", as_list(state.listed_awards)},
                        {"closed_awards", as_list(state.closed_awards)},
                        {"unnamed_countries", as_list(state.unnamed_countries)},
                        {"country_breakdown", state.country_breakdown}}
      .dump();
}

DisclosureState disclosure_state_from_json(const std::string& text) {
  const auto j = nlohmann::json::parse(text);
  const auto set_of = [&](const char* name) {
    const auto list = j.at(name).get<std::vector<std::string>>();
    return std::set<std::string>(list.begin(), list.end());
  };
  return {set_of("withheld"), set_of("listed_awards"), set_of("closed_awards"), set_of("unnamed_countries"),
          j.at("country_breakdown").get<bool>()};
}

Publication publish(const domain::SummaryFacts& f, const std::string& generated_at,
                    const std::optional<PriorEdition>& prior_edition) {
  const detail::Prior prior(prior_edition);
  const auto& source = f.source.fields;
  const auto currency = source.amount.currency;
  Publication out;
  auto& s = out.summary;
  auto& state = out.state;
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

  // The donor's own accounts: always published (DESIGN §9 rule 5).
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

  // Confidential organisations' awards: in the totals, in no listing. Awards
  // go by their random public reference: the sequential one would count them.
  for (const auto& a : f.awards) {
    auto recipient = recipient_of(a);
    if (!recipient.listed) continue;
    state.listed_awards.insert(a.id);
    PublishedAward p;
    p.id = a.id;
    p.reference = a.public_ref;
    // A pseudonymous organisation's own title could name it.
    p.title = recipient.named ? a.title : "Sub-grant " + a.public_ref + " to " + recipient.label;
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
  detail::publish_money(f, prior, s, state);
  detail::publish_results(f, prior, s, state);

  // Free text can name its author, so only public organisations' words are quoted.
  std::map<std::string, const PublishedAward*> by_id;
  for (const auto& a : s.awards) by_id[a.id] = &a;
  for (const auto& n : f.narratives) {
    if (static_cast<int>(s.narratives.size()) == kNarrativesShown) break;
    const auto it = by_id.find(n.award_id);
    if (it == by_id.end() || !it->second->recipient.named) continue;
    s.narratives.push_back(
        {it->second->reference, it->second->recipient.label, n.period_start, n.period_end, n.text, n.truncated});
  }
  return out;
}

}  // namespace mswa::reports
