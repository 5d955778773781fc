#include "reports/edition_renderer.hpp"

#include "domain/calendar_date.hpp"
#include "reports/renderers.hpp"

namespace mswa::reports {

domain::RenderedEdition EditionFilesRenderer::render(const domain::SummaryFacts& facts,
                                                     const std::optional<domain::PriorEditionFacts>& prior,
                                                     const domain::Edition& edition) const {
  using domain::EditionFormat;
  std::optional<DisclosureState> prior_state;
  std::optional<PriorEdition> previous;
  if (prior) {
    prior_state = disclosure_state_from_json(prior->disclosure_state);
    previous.emplace(PriorEdition{prior->facts, *prior_state});
  }
  const auto published_at = domain::instant_text(edition.published_at);
  auto publication = publish(facts, published_at, previous);
  auto& s = publication.summary;
  s.preview = false;
  s.edition = EditionInfo{edition.period_end, published_at, edition.previous_period_end};

  domain::RenderedEdition out;
  out.files[EditionFormat::summary_json] = summary_json(s);
  out.files[EditionFormat::summary_csv] = summary_csv(s);
  out.files[EditionFormat::summary_html] = summary_html(s);
  out.files[EditionFormat::iati_xml] = iati_activities_xml(s);
  if (giving360_has_grants(s)) out.files[EditionFormat::giving360_json] = giving360_json(s);
  out.disclosure_state = to_json(publication.state);
  return out;
}

}  // namespace mswa::reports
