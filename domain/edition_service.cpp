#include "domain/edition_service.hpp"

#include "domain/calendar_date.hpp"
#include "domain/visibility.hpp"
#include "domain/visible_read.hpp"

namespace mswa::domain {

EditionService::EditionService(Store& store, const Clock& clock, const EditionRenderer& renderer)
    : store_(store), clock_(clock), renderer_(renderer) {}

namespace {

// What the database adds up for a source as an edition sees it.
SummaryFacts facts_for(UnitOfWork& uow, const FundingSource& source, const std::string& period_end, EpochMs known_at) {
  SummaryFacts f;
  f.source = source;
  f.as_of = period_end;
  f.known_at = known_at;
  f.generated_at = known_at;
  f.donor = uow.organisations().find(source.fields.donor_organisation_id).value_or(Organisation{});
  uow.reporting().summarise({source.id, period_end, known_at}, f);
  return f;
}

Error edition_exists(const std::string& latest) {
  return conflict("An edition for the quarter ending " + latest + " is already published.", "edition_exists");
}

}  // namespace

Result<Edition> EditionService::publish(const Actor& actor, const std::string& funding_source_id,
                                        const std::string& period_end) {
  if (!is_valid_date(period_end)) return invalid_field("/period_end", "must be a date, YYYY-MM-DD", "invalid_date");
  if (!is_quarter_end(period_end))
    return invalid_field("/period_end",
                         "must be the end of a calendar quarter: 31 March, 30 June, 30 September or 31 December",
                         "not_a_quarter_end");
  const EpochMs now = clock_.now_ms();
  if (period_end >= date_of(now)) {
    // An unknown source is a 404 before anything is said about the date.
    auto uow = store_.begin(Access::read);
    const bool exists = uow->funding().find(funding_source_id).has_value();
    uow->commit();
    if (!exists) return not_found();
    return conflict("The quarter ending " + period_end + " has not ended yet.", "period_not_ended");
  }

  // Added up and rendered outside the write transaction, which then only
  // checks that no edition came in between and stores the files.
  Edition edition;
  edition.funding_source_id = funding_source_id;
  edition.period_end = period_end;
  edition.published_at = now;
  edition.published_by = actor.user_id.value_or("");
  std::optional<PriorEditionFacts> prior;
  std::optional<SummaryFacts> facts;
  {
    auto uow = store_.begin(Access::read);
    const auto source = uow->funding().find(funding_source_id);
    if (!source) return not_found();
    if (const auto latest = uow->editions().latest(funding_source_id)) {
      if (latest->first.period_end >= period_end) return edition_exists(latest->first.period_end);
      edition.previous_period_end = latest->first.period_end;
      prior = PriorEditionFacts{facts_for(*uow, *source, latest->first.period_end, latest->first.published_at),
                                latest->second};
    }
    facts = facts_for(*uow, *source, period_end, now);
    uow->commit();
  }
  const auto rendered = renderer_.render(*facts, prior, edition);

  auto uow = store_.begin(Access::write);
  // Two publications of one source queue here; the later finds the earlier's row.
  uow->funding().lock(funding_source_id);
  const auto latest = uow->editions().latest(funding_source_id);
  if (latest && latest->first.period_end >= period_end) return edition_exists(latest->first.period_end);
  if ((latest ? std::optional(latest->first.period_end) : std::nullopt) != edition.previous_period_end)
    return conflict("Another edition of this source was published meanwhile; publish again.", "edition_exists");
  uow->editions().insert(edition, rendered);
  uow->audit().append({now, actor, "edition.publish", "funding_source", funding_source_id, "success",
                       {{"period_end", period_end}}});
  uow->commit();
  return edition;
}

Result<std::vector<Edition>> EditionService::list(const Principal& who, const std::string& request_id,
                                                  const std::string& funding_source_id) {
  return read_visible<std::vector<Edition>>(
      store_, clock_, {who, request_id, "edition.read", "funding_source", funding_source_id}, [&](UnitOfWork& uow) {
        std::optional<std::vector<Edition>> editions;
        const auto source = uow.funding().find(funding_source_id);
        if (source && can_see(who, *source)) editions = uow.editions().list(funding_source_id);
        return source_sighting(who, std::move(editions));
      });
}

Result<EditionFile> EditionService::file(const Principal& who, const std::string& request_id,
                                         const std::string& funding_source_id, const std::string& period_end,
                                         EditionFormat format) {
  // One row read: the file with its source's donor, who alone besides staff may see it.
  if (period_end != "latest" && !is_valid_date(period_end)) return not_found();
  return read_visible<EditionFile>(
      store_, clock_, {who, request_id, "edition.read", "funding_source", funding_source_id}, [&](UnitOfWork& uow) {
        return sight(uow.editions().file(funding_source_id, period_end, format),
                     [&](const EditionFile& f) { return can_see(who, f); });
      });
}

}  // namespace mswa::domain
