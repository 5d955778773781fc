// Donor editions: every format stored with its sha256 in one row, so that
// reading a file is one row read and gives the same bytes every time.
#include <soci/soci.h>

#include "domain/sha256.hpp"
#include "persistence/ids.hpp"
#include "persistence/nullable.hpp"
#include "persistence/repositories.hpp"

namespace mswa::persistence {

using domain::Edition;
using domain::EditionFormat;

namespace {

const char* column(EditionFormat f) {
  switch (f) {
    case EditionFormat::summary_json:
      return "summary_json";
    case EditionFormat::summary_csv:
      return "summary_csv";
    case EditionFormat::summary_html:
      return "summary_html";
    case EditionFormat::iati_xml:
      return "iati_xml";
    case EditionFormat::giving360_json:
      break;
  }
  return "giving360_json";
}

std::string hash_columns() {
  std::string out;
  for (const auto f : domain::kEditionFormats) out += std::string(", e.") + column(f) + "_sha256";
  return out;
}

// Binds the columns of an edition listing, in hash_columns() order after the first five.
struct EditionRow {
  std::string id, source, period_end, published_by;
  NullableColumn<std::string> previous;
  long long published_at = 0;
  NullableColumn<std::string> hashes[std::size(domain::kEditionFormats)];

  static std::string columns() {
    return "e.id, e.funding_source_id, e.period_end, e.previous_period_end, e.published_at, e.published_by" +
           hash_columns();
  }
  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(source));
    st.exchange(soci::into(period_end));
    st.exchange(soci::into(previous.value, previous.ind));
    st.exchange(soci::into(published_at));
    st.exchange(soci::into(published_by));
    for (auto& h : hashes) st.exchange(soci::into(h.value, h.ind));
  }
  Edition to_domain() const {
    Edition e{id, source, period_end, published_at, published_by, previous.get(), {}};
    for (std::size_t i = 0; i < std::size(domain::kEditionFormats); ++i)
      if (const auto h = hashes[i].get()) e.sha256[domain::kEditionFormats[i]] = *h;
    return e;
  }
};

}  // namespace

void SociEditionRepository::insert(Edition& e, const domain::RenderedEdition& r) {
  guarded(ctx_, [&] {
    e.id = new_uuid();
    std::string names = "id, funding_source_id, period_end, previous_period_end, published_at, published_by, "
                        "disclosure_state";
    std::string values = ":id, :source, :period_end, :previous, :published_at, :published_by, :state";
    std::vector<NullableParam<std::string>> bodies, hashes;
    bodies.reserve(std::size(domain::kEditionFormats));
    hashes.reserve(std::size(domain::kEditionFormats));
    for (const auto f : domain::kEditionFormats) {
      const auto it = r.files.find(f);
      const auto body = it == r.files.end() ? std::nullopt : std::optional(it->second);
      const auto hash = body ? std::optional(domain::sha256_hex(*body)) : std::nullopt;
      if (hash) e.sha256[f] = *hash;
      bodies.emplace_back(body);
      hashes.emplace_back(hash);
      names += std::string(", ") + column(f) + ", " + column(f) + "_sha256";
      values += std::string(", :") + column(f) + ", :" + column(f) + "_sha256";
    }
    NullableParam<std::string> previous(e.previous_period_end);
    soci::statement st(ctx_.sql);
    st.exchange(soci::use(e.id, "id"));
    st.exchange(soci::use(e.funding_source_id, "source"));
    st.exchange(soci::use(e.period_end, "period_end"));
    st.exchange(soci::use(previous.value, previous.ind, "previous"));
    st.exchange(soci::use(e.published_at, "published_at"));
    st.exchange(soci::use(e.published_by, "published_by"));
    st.exchange(soci::use(r.disclosure_state, "state"));
    for (std::size_t i = 0; i < std::size(domain::kEditionFormats); ++i) {
      const std::string name = column(domain::kEditionFormats[i]);
      st.exchange(soci::use(bodies[i].value, bodies[i].ind, name));
      st.exchange(soci::use(hashes[i].value, hashes[i].ind, name + "_sha256"));
    }
    st.alloc();
    st.prepare("INSERT INTO editions (" + names + ") VALUES (" + values + ")");
    st.define_and_bind();
    st.execute(true);
  });
}

std::optional<std::pair<Edition, std::string>> SociEditionRepository::latest(const std::string& source_id) {
  return guarded(ctx_, [&]() -> std::optional<std::pair<Edition, std::string>> {
    EditionRow row;
    std::string state;
    soci::statement st(ctx_.sql);
    st.exchange(soci::use(source_id, "source"));
    row.bind(st);
    st.exchange(soci::into(state));
    st.alloc();
    st.prepare("SELECT " + EditionRow::columns() +
               ", e.disclosure_state FROM editions e WHERE e.funding_source_id = :source "
               "ORDER BY e.period_end DESC LIMIT 1");
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    return std::pair{row.to_domain(), state};
  });
}

std::vector<Edition> SociEditionRepository::list(const std::string& source_id) {
  return guarded(ctx_, [&] {
    std::vector<Edition> out;
    EditionRow row;
    soci::statement st(ctx_.sql);
    st.exchange(soci::use(source_id, "source"));
    row.bind(st);
    st.alloc();
    st.prepare("SELECT " + EditionRow::columns() +
               " FROM editions e WHERE e.funding_source_id = :source ORDER BY e.period_end DESC");
    st.define_and_bind();
    if (st.execute(true)) {
      do out.push_back(row.to_domain());
      while (st.fetch());
    }
    return out;
  });
}

// The row that names the file (its sha256) and who may see it; the bytes
// come from memory when this process has read them before.
std::optional<domain::EditionFile> SociEditionRepository::file(const std::string& source_id,
                                                              const std::string& period_end, EditionFormat format) {
  return guarded(ctx_, [&]() -> std::optional<domain::EditionFile> {
    const std::string name = column(format);
    const bool latest = period_end == "latest";
    const std::string where = "FROM editions e JOIN funding_sources s ON s.id = e.funding_source_id "
                              "WHERE e.funding_source_id = :source" +
                              (latest ? std::string(" ORDER BY e.period_end DESC LIMIT 1")
                                      : std::string(" AND e.period_end = :period_end"));
    NullableColumn<std::string> hash;
    domain::EditionFile f;
    {
      soci::statement st(ctx_.sql);
      st.exchange(soci::use(source_id, "source"));
      if (!latest) st.exchange(soci::use(period_end, "period_end"));
      st.exchange(soci::into(hash.value, hash.ind));
      st.exchange(soci::into(f.period_end));
      st.exchange(soci::into(f.source_reference));
      st.exchange(soci::into(f.donor_organisation_id));
      st.alloc();
      st.prepare("SELECT e." + name + "_sha256, e.period_end, s.reference, s.donor_organisation_id " + where);
      st.define_and_bind();
      if (!st.execute(true)) return std::nullopt;
    }
    // A 360Giving file is not stored when no grant could be published.
    if (!hash.get()) return std::nullopt;
    f.sha256 = hash.value;
    if (auto cached = files_.find(f.sha256)) {
      f.body = std::move(*cached);
      return f;
    }
    NullableColumn<std::string> body;
    ctx_.sql << "SELECT " << name << " FROM editions WHERE funding_source_id = :source AND period_end = :period_end",
        soci::use(source_id, "source"), soci::use(f.period_end, "period_end"), soci::into(body.value, body.ind);
    if (!body.get()) return std::nullopt;
    f.body = std::move(body.value);
    files_.put(f.sha256, f.body);
    return f;
  });
}

}  // namespace mswa::persistence
