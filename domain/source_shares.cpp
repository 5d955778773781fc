#include "domain/source_shares.hpp"

namespace mswa::domain {

std::optional<DatedRate> rate_on(UnitOfWork& uow, const Currency& from, const Currency& to, const std::string& date) {
  if (from == to) return DatedRate{{1, 0}, date};
  const auto fx = uow.fx_rates().on_or_before(from.code, to.code, date);
  if (!fx) return std::nullopt;
  return DatedRate{fx->rate, fx->date};
}

FieldError no_fx_rate(std::string pointer, const Currency& from, const Currency& to, const std::string& date,
                      const std::string& hint) {
  return {std::move(pointer), "no " + from.code + " to " + to.code + " rate is recorded on or before " + date + hint,
          "no_fx_rate", {{"from", from.code}, {"to", to.code}, {"date", date}}};
}

Result<std::vector<SourceShare>> source_shares(UnitOfWork& uow, const Award& award, std::int64_t amount,
                                               const std::vector<std::int64_t>& weights, const std::string& date,
                                               const std::string& pointer) {
  const auto parts = split_pro_rata(amount, weights);
  std::vector<SourceShare> shares;
  for (std::size_t i = 0; i < award.allocations.size() && i < parts.size(); ++i) {
    if (parts[i] == 0) continue;
    const auto& allocation = award.allocations[i];
    const Money part{parts[i], award.amount.currency};
    const Currency& to = allocation.source_amount.currency;
    const auto rate = rate_on(uow, part.currency, to, date);
    if (!rate) return invalid({no_fx_rate(pointer, part.currency, to, date, "; finance records it with PUT /fx-rates")});
    const auto converted = convert(part, rate->rate, to);
    if (!converted) return invalid_field(pointer, "the amount is too large to convert", "too_large_to_convert");
    shares.push_back({allocation.funding_source_id, part, *converted, rate->rate, rate->date});
  }
  return shares;
}

}  // namespace mswa::domain
