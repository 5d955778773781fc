#include "reports/privacy.hpp"

#include <algorithm>
#include <optional>

namespace mswa::reports {

bool is_small(const CountFigure& f, bool is_count) {
  if (f.organisations == 0 && f.e4 == 0) return false;  // nothing reported: says nothing about anyone
  if (f.organisations < kMinOrganisations) return true;
  return is_count && f.e4 > 0 && f.e4 < kSmallCountLimitE4;
}

namespace {

// What could be worked out under a published total: a lone withheld part,
// or withheld parts that add up to zero.
bool recoverable(const AdditiveTable& t, const std::vector<bool>& withheld) {
  std::size_t count = 0;
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < t.parts.size(); ++i)
    if (withheld[i]) {
      ++count;
      sum += t.parts[i].e4;
    }
  return count == 1 || (count > 1 && sum == 0);
}

std::optional<std::size_t> smallest_published_above_zero(const AdditiveTable& t, const std::vector<bool>& withheld) {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < t.parts.size(); ++i)
    if (!withheld[i] && t.parts[i].e4 > 0 && (!best || t.parts[i].e4 < t.parts[*best].e4)) best = i;
  return best;
}

}  // namespace

Withheld protect(const AdditiveTable& t) {
  Withheld w{is_small(t.total), std::vector<bool>(t.parts.size(), false)};
  for (std::size_t i = 0; i < t.parts.size(); ++i) w.parts[i] = is_small(t.parts[i]);
  while (!w.total && recoverable(t, w.parts)) {
    if (const auto next = smallest_published_above_zero(t, w.parts))
      w.parts[*next] = true;
    else
      w.total = true;
  }
  if (w.total) std::fill(w.parts.begin(), w.parts.end(), true);
  return w;
}

std::string pseudonym(const std::string& country, int number) {
  return "Member organisation " + country + "-" + std::to_string(number);
}

Recipient recipient_of(const domain::SummaryAward& a) {
  Recipient r;
  r.country = a.country;
  switch (a.publication) {
    case domain::Publication::public_:
      r.listed = r.named = true;
      r.label = a.organisation_name;
      r.label_en = a.organisation_name_en.value_or(a.organisation_name);
      r.iati_ref = a.organisation_iati_ref.value_or("");
      break;
    case domain::Publication::pseudonymous:
      r.listed = true;
      r.label = r.label_en = pseudonym(a.country, a.pseudonym_number);
      break;
    case domain::Publication::confidential:
      break;
  }
  return r;
}

}  // namespace mswa::reports
