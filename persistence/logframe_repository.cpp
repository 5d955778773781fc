#include <soci/soci.h>

#include "persistence/repositories.hpp"
#include "persistence/stored_values.hpp"

namespace mswa::persistence {

using domain::Indicator;

namespace {

std::string join_dimensions(const std::vector<domain::Dimension>& dims) {
  std::vector<std::string> words;
  for (auto d : dims) words.emplace_back(domain::to_string(d));
  return join_words(words);
}

std::vector<domain::Dimension> split_dimensions(const std::string& text) {
  std::vector<domain::Dimension> out;
  for (const auto& word : split_words(text))
    if (auto d = domain::parse_dimension(word)) out.push_back(*d);
  return out;
}

}  // namespace

std::vector<domain::LogframeResult> SociLogframeRepository::results() {
  return guarded(ctx_, [&] {
    std::vector<domain::LogframeResult> out;
    std::string code, kind, title;
    soci::statement st = (ctx_.sql.prepare << "SELECT code, kind, title FROM logframe_results ORDER BY position",
                          soci::into(code), soci::into(kind), soci::into(title));
    if (st.execute(true)) {
      do out.push_back({code, kind == "outcome" ? domain::ResultKind::outcome : domain::ResultKind::output, title});
      while (st.fetch());
    }
    return out;
  });
}

std::vector<Indicator> SociLogframeRepository::select_indicators(const std::optional<std::string>& only) {
  return guarded(ctx_, [&] {
    std::vector<Indicator> out;
    std::string code, result_code, title, measure, dimensions;
    int ascending = 0;
    long long created_at = 0;
    soci::statement st(ctx_.sql);
    st.exchange(soci::into(code));
    st.exchange(soci::into(result_code));
    st.exchange(soci::into(title));
    st.exchange(soci::into(measure));
    st.exchange(soci::into(ascending));
    st.exchange(soci::into(dimensions));
    st.exchange(soci::into(created_at));
    if (only) st.exchange(soci::use(*only, "code"));
    st.alloc();
    st.prepare(std::string("SELECT i.code, i.result_code, i.title, i.measure, i.ascending, i.dimensions, i.created_at "
                           "FROM indicators i JOIN logframe_results r ON r.code = i.result_code") +
               (only ? " WHERE i.code = :code" : "") +
               // OP1.2 before OP1.10: shorter codes of one result first.
               " ORDER BY r.position, LENGTH(i.code), i.code");
    st.define_and_bind();
    if (st.execute(true)) {
      do {
        out.push_back({{code, result_code, title, domain::parse_measure(measure).value_or(domain::Measure::unit),
                        ascending != 0, split_dimensions(dimensions)},
                       created_at});
      } while (st.fetch());
    }
    return out;
  });
}

std::vector<Indicator> SociLogframeRepository::indicators() { return select_indicators(std::nullopt); }

std::optional<Indicator> SociLogframeRepository::find_indicator(const std::string& code) {
  auto found = select_indicators(code);
  if (found.empty()) return std::nullopt;
  return found.front();
}

Indicator SociLogframeRepository::insert_indicator(const domain::IndicatorFields& f, domain::EpochMs now) {
  return guarded(ctx_, [&] {
    const std::string measure(domain::to_string(f.measure));
    const std::string dimensions = join_dimensions(f.dimensions);
    const int ascending = f.ascending ? 1 : 0;
    ctx_.sql << "INSERT INTO indicators (code, result_code, title, measure, ascending, dimensions, created_at) "
                "VALUES (:code, :result, :title, :measure, :ascending, :dimensions, :now)",
        soci::use(f.code, "code"), soci::use(f.result_code, "result"), soci::use(f.title, "title"),
        soci::use(measure, "measure"), soci::use(ascending, "ascending"), soci::use(dimensions, "dimensions"),
        soci::use(now, "now");
    return Indicator{f, now};
  });
}

}  // namespace mswa::persistence
