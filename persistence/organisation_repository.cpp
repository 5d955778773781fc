#include <soci/soci.h>

#include "persistence/ids.hpp"
#include "persistence/paging.hpp"
#include "persistence/repositories.hpp"

namespace mswa::persistence {

using domain::EpochMs;
using domain::Organisation;

namespace {

constexpr const char* kColumns =
    "id, name, name_en, kind, country, sex_worker_led, publication, iati_ref, version, created_at, updated_at";

// One row as SOCI reads it; nullable columns carry indicators.
struct OrganisationRow {
  std::string id, name, name_en, kind, country, publication, iati_ref;
  int sex_worker_led = 0;
  long long version = 0, created_at = 0, updated_at = 0;
  soci::indicator name_en_ind = soci::i_null, iati_ref_ind = soci::i_null;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(name));
    st.exchange(soci::into(name_en, name_en_ind));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(country));
    st.exchange(soci::into(sex_worker_led));
    st.exchange(soci::into(publication));
    st.exchange(soci::into(iati_ref, iati_ref_ind));
    st.exchange(soci::into(version));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(updated_at));
  }

  Organisation to_domain() const {
    Organisation o;
    o.id = id;
    o.fields.name = name;
    if (name_en_ind == soci::i_ok) o.fields.name_en = name_en;
    o.fields.kind = domain::parse_org_kind(kind).value_or(domain::OrgKind::member);
    o.fields.country = country;
    o.fields.sex_worker_led = sex_worker_led != 0;
    o.fields.publication = domain::parse_publication(publication).value_or(domain::Publication::confidential);
    if (iati_ref_ind == soci::i_ok) o.fields.iati_ref = iati_ref;
    o.version = version;
    o.created_at = created_at;
    o.updated_at = updated_at;
    return o;
  }
};

// Values to write, with indicators for the nullable ones.
struct OrganisationParams {
  std::string name, name_en, kind, country, publication, iati_ref;
  int sex_worker_led;
  soci::indicator name_en_ind, iati_ref_ind;

  explicit OrganisationParams(const domain::OrganisationFields& f)
      : name(f.name),
        name_en(f.name_en.value_or("")),
        kind(domain::to_string(f.kind)),
        country(f.country),
        publication(domain::to_string(f.publication)),
        iati_ref(f.iati_ref.value_or("")),
        sex_worker_led(f.sex_worker_led ? 1 : 0),
        name_en_ind(f.name_en ? soci::i_ok : soci::i_null),
        iati_ref_ind(f.iati_ref ? soci::i_ok : soci::i_null) {}
};

}  // namespace

Organisation SociOrganisationRepository::insert(const domain::OrganisationFields& fields, EpochMs now) {
  return guarded(ctx_, [&] {
    OrganisationParams p(fields);
    Organisation org{new_uuid(), fields, 1, now, now};
    ctx_.sql << "INSERT INTO organisations (" << kColumns
             << ") VALUES (:id, :name, :name_en, :kind, :country, :swl, :publication, :iati_ref, 1, :now, :now2)",
        soci::use(org.id, "id"), soci::use(p.name, "name"), soci::use(p.name_en, p.name_en_ind, "name_en"),
        soci::use(p.kind, "kind"), soci::use(p.country, "country"), soci::use(p.sex_worker_led, "swl"),
        soci::use(p.publication, "publication"), soci::use(p.iati_ref, p.iati_ref_ind, "iati_ref"),
        soci::use(now, "now"), soci::use(now, "now2");
    return org;
  });
}

std::optional<Organisation> SociOrganisationRepository::find(const std::string& id) {
  return guarded(ctx_, [&]() -> std::optional<Organisation> {
    OrganisationRow row;
    soci::statement st(ctx_.sql);
    row.bind(st);
    st.exchange(soci::use(id, "id"));
    st.alloc();
    st.prepare(std::string("SELECT ") + kColumns + " FROM organisations WHERE id = :id");
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    return row.to_domain();
  });
}

domain::Page<Organisation> SociOrganisationRepository::list(const domain::PageRequest& page,
                                                            const std::optional<std::string>& only_id) {
  return guarded(ctx_, [&] {
    CreatedKeyset keyset(page);
    std::string sql = std::string("SELECT ") + kColumns + " FROM organisations WHERE 1 = 1";
    if (only_id) sql += " AND id = :only_id";
    sql += keyset.condition("") + keyset.order_and_limit("");
    OrganisationRow row;
    soci::statement st(ctx_.sql);
    row.bind(st);
    if (only_id) st.exchange(soci::use(*only_id, "only_id"));
    keyset.bind(st);
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    return keyset.fetch(st, row);
  });
}

bool SociOrganisationRepository::update(const Organisation& org, long long expected_version) {
  return guarded(ctx_, [&] {
    OrganisationParams p(org.fields);
    soci::statement st = (ctx_.sql.prepare << "UPDATE organisations SET name = :name, name_en = :name_en, kind = :kind, "
                                              "country = :country, sex_worker_led = :swl, publication = :publication, "
                                              "iati_ref = :iati_ref, version = :version, updated_at = :updated "
                                              "WHERE id = :id AND version = :expected",
                          soci::use(p.name, "name"), soci::use(p.name_en, p.name_en_ind, "name_en"),
                          soci::use(p.kind, "kind"), soci::use(p.country, "country"),
                          soci::use(p.sex_worker_led, "swl"), soci::use(p.publication, "publication"),
                          soci::use(p.iati_ref, p.iati_ref_ind, "iati_ref"), soci::use(org.version, "version"),
                          soci::use(org.updated_at, "updated"), soci::use(org.id, "id"),
                          soci::use(expected_version, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

}  // namespace mswa::persistence
