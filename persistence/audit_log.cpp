#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "domain/sha256.hpp"
#include "persistence/paging.hpp"
#include "persistence/repositories.hpp"

namespace mswa::persistence {

using domain::AuditEvent;
using domain::AuditRecord;

namespace {

std::string details_json(const AuditEvent& e) {
  nlohmann::ordered_json details = nlohmann::ordered_json::object();
  for (const auto& [k, v] : e.details) details[k] = v;
  return details.dump();
}

// What the hash covers: every stored field, in a fixed order, plus the previous hash.
std::string chain_input(long long seq, const AuditEvent& e, const std::string& details, const std::string& prev) {
  nlohmann::ordered_json j = {
      {"seq", seq},
      {"at", e.at},
      {"actor_id", e.actor.user_id ? nlohmann::ordered_json(*e.actor.user_id) : nlohmann::ordered_json()},
      {"actor_role", e.actor.role},
      {"actor_organisation_id",
       e.actor.organisation_id ? nlohmann::ordered_json(*e.actor.organisation_id) : nlohmann::ordered_json()},
      {"action", e.action},
      {"entity_type", e.entity_type},
      {"entity_id", e.entity_id ? nlohmann::ordered_json(*e.entity_id) : nlohmann::ordered_json()},
      {"outcome", e.outcome},
      {"request_id", e.actor.request_id},
      {"details", details},
      {"prev_hash", prev},
  };
  return j.dump();
}

}  // namespace

void SociAuditLog::append(const AuditEvent& e) {
  guarded(ctx_, [&] {
    // Advancing the head row first locks it until commit: appends are serial,
    // so the chain has no forks.
    long long seq = 0;
    std::string prev;
    ctx_.sql << "UPDATE audit_chain SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash", soci::into(seq),
        soci::into(prev);
    const std::string details = details_json(e);
    const std::string hash = domain::sha256_hex(chain_input(seq, e, details, prev));
    ctx_.sql << "UPDATE audit_chain SET hash = :hash WHERE id = 1", soci::use(hash, "hash");

    const std::string actor_id = e.actor.user_id.value_or("");
    const std::string actor_org = e.actor.organisation_id.value_or("");
    const std::string entity_id = e.entity_id.value_or("");
    soci::indicator actor_ind = e.actor.user_id ? soci::i_ok : soci::i_null;
    soci::indicator org_ind = e.actor.organisation_id ? soci::i_ok : soci::i_null;
    soci::indicator entity_ind = e.entity_id ? soci::i_ok : soci::i_null;
    ctx_.sql << "INSERT INTO audit_events (seq, at, actor_id, actor_role, actor_organisation_id, action, entity_type, "
                "entity_id, outcome, request_id, details, prev_hash, hash) VALUES (:seq, :at, :actor_id, :role, "
                ":org, :action, :entity_type, :entity_id, :outcome, :request_id, :details, :prev, :hash)",
        soci::use(seq, "seq"), soci::use(e.at, "at"), soci::use(actor_id, actor_ind, "actor_id"),
        soci::use(e.actor.role, "role"), soci::use(actor_org, org_ind, "org"), soci::use(e.action, "action"),
        soci::use(e.entity_type, "entity_type"), soci::use(entity_id, entity_ind, "entity_id"),
        soci::use(e.outcome, "outcome"), soci::use(e.actor.request_id, "request_id"),
        soci::use(details, "details"), soci::use(prev, "prev"), soci::use(hash, "hash");
  });
}

domain::Page<AuditRecord> SociAuditLog::list(const domain::AuditFilter& filter, const domain::PageRequest& page) {
  return guarded(ctx_, [&] {
    long long before = 0;
    const bool has_before = page.after.has_value();
    if (has_before) {
      if (page.after->empty() || page.after->size() > 18 ||
          page.after->find_first_not_of("0123456789") != std::string::npos)
        throw bad_cursor();
      before = std::stoll(*page.after);
    }
    const int fetch = page.limit + 1;

    std::string sql =
        "SELECT seq, at, actor_id, actor_role, actor_organisation_id, action, entity_type, entity_id, outcome, "
        "request_id, details, hash FROM audit_events WHERE 1 = 1";
    if (filter.entity_type) sql += " AND entity_type = :entity_type";
    if (filter.entity_id) sql += " AND entity_id = :entity_id";
    if (has_before) sql += " AND seq < :before";
    sql += " ORDER BY seq DESC LIMIT :lim";

    long long seq = 0, at = 0;
    std::string actor_id, role, org, action, entity_type, entity_id, outcome, request_id, details, hash;
    soci::indicator actor_ind = soci::i_null, org_ind = soci::i_null, entity_ind = soci::i_null;
    soci::statement st(ctx_.sql);
    st.exchange(soci::into(seq));
    st.exchange(soci::into(at));
    st.exchange(soci::into(actor_id, actor_ind));
    st.exchange(soci::into(role));
    st.exchange(soci::into(org, org_ind));
    st.exchange(soci::into(action));
    st.exchange(soci::into(entity_type));
    st.exchange(soci::into(entity_id, entity_ind));
    st.exchange(soci::into(outcome));
    st.exchange(soci::into(request_id));
    st.exchange(soci::into(details));
    st.exchange(soci::into(hash));
    if (filter.entity_type) st.exchange(soci::use(*filter.entity_type, "entity_type"));
    if (filter.entity_id) st.exchange(soci::use(*filter.entity_id, "entity_id"));
    if (has_before) st.exchange(soci::use(before, "before"));
    st.exchange(soci::use(fetch, "lim"));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();

    domain::Page<AuditRecord> result;
    if (st.execute(true)) {
      do {
        AuditRecord r;
        r.seq = seq;
        r.hash = hash;
        r.event.at = at;
        r.event.actor = {actor_ind == soci::i_ok ? std::optional(actor_id) : std::nullopt, role,
                         org_ind == soci::i_ok ? std::optional(org) : std::nullopt, request_id};
        r.event.action = action;
        r.event.entity_type = entity_type;
        if (entity_ind == soci::i_ok) r.event.entity_id = entity_id;
        r.event.outcome = outcome;
        const auto parsed = nlohmann::json::parse(details);
        for (const auto& [k, v] : parsed.items()) r.event.details.emplace_back(k, v.get<std::string>());
        result.items.push_back(std::move(r));
      } while (st.fetch());
    }
    if (static_cast<int>(result.items.size()) > page.limit) {
      result.items.resize(static_cast<std::size_t>(page.limit));
      result.next_after = std::to_string(result.items.back().seq);
    }
    return result;
  });
}

}  // namespace mswa::persistence
