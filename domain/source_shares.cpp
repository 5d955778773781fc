#include "domain/source_shares.hpp"

namespace mswa::domain {

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
    Decimal rate{1, 0};
    std::string rate_date = date;
    if (to != part.currency) {
      const auto fx = uow.fx_rates().on_or_before(part.currency.code, to.code, date);
      if (!fx)
        return invalid_field(pointer, "no " + part.currency.code + " to " + to.code + " rate is recorded on or before " +
                                          date + "; finance records it with PUT /fx-rates");
      rate = fx->rate;
      rate_date = fx->date;
    }
    const auto converted = convert(part, rate, to);
    if (!converted) return invalid_field(pointer, "the amount is too large to convert");
    shares.push_back({allocation.funding_source_id, part, *converted, rate, rate_date});
  }
  return shares;
}

}  // namespace mswa::domain
