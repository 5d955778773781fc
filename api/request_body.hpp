#pragma once
// One step for every handler that takes a JSON body: media type, syntax and
// shape (415, 400, 422 as problem+json), then the DTO parser's field errors.
#include <nlohmann/json.hpp>
#include <type_traits>
#include <variant>
#include <vector>

#include "api/json_body.hpp"
#include "api/responses.hpp"

namespace mswa::api {

// `parse` maps the body to variant<T, vector<FieldError>>; the answer is T, or
// the problem response to send.
template <class Parse>
auto read_body(const RequestContext& ctx, Parse&& parse)
    -> std::variant<std::variant_alternative_t<0, std::invoke_result_t<Parse, const nlohmann::json&>>, HttpResponse> {
  auto parsed = read_json_object(ctx.request, ctx.route);
  if (auto* r = std::get_if<HttpResponse>(&parsed)) return std::move(*r);
  auto value = parse(std::get<nlohmann::json>(parsed));
  if (auto* errors = std::get_if<std::vector<domain::FieldError>>(&value)) return error_response(domain::invalid(*errors), ctx);
  return std::get<0>(std::move(value));
}

}  // namespace mswa::api
