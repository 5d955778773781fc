#pragma once
// Renders a donor edition: the disclosure rules against the previous
// edition, then every format, from one published summary.
#include "domain/edition.hpp"

namespace mswa::reports {

class EditionFilesRenderer final : public domain::EditionRenderer {
 public:
  domain::RenderedEdition render(const domain::SummaryFacts& facts,
                                 const std::optional<domain::PriorEditionFacts>& prior,
                                 const domain::Edition& edition) const override;
};

}  // namespace mswa::reports
