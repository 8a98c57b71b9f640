// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_SCHEMA_HPP
#define TENTED_CONTRACT_DETAIL_SCHEMA_HPP

#include <tented/contract/schema.hpp>

#include <tented/contract/detail/shadow.hpp>
#include <tented/contract/types.hpp>
#include <tented/contract/version.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cstdint>
#include <string>
#include <type_traits>

namespace tented::contract {

constexpr bool schema_expresses(rule r, const options& opts) noexcept
{
    switch (r) {
    case rule::json_syntax: case rule::schema_required: case rule::schema_type: case rule::schema_null:
    case rule::schema_enum: case rule::schema_integer: case rule::schema_unknown_field:
    case rule::format_ulid: case rule::format_uuid: case rule::format_timestamp: case rule::format_url:
    case rule::format_template_id: case rule::format_error_code: case rule::limits_total:
    case rule::item_tent_id: case rule::item_tent_name: case rule::item_error_code: case rule::item_message:
        return opts.effective(r) == severity::error;
    default: return false;
    }
}

namespace detail {

namespace json = boost::json;

// The largest integer every JSON reader holds exactly (`schema/integer`).
inline constexpr std::int64_t max_exact_integer = (std::int64_t{1} << 53) - 1;

template <class T>
json::object schema_of(const options& opts);

/// Says that a value has JSON type `name`: `type` when `schema/type` is expressed, else only
/// "not null" when `schema/null` is.
inline void set_type(json::object& schema, const char* name, const options& opts)
{
    if (schema_expresses(rule::schema_type, opts)) schema["type"] = name;
    else if (schema_expresses(rule::schema_null, opts)) schema["not"] = {{"type", "null"}};
}

template <class T>
json::array wire_names()
{
    json::array names;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<T>>([&](auto e) { names.push_back(json::string(e.name)); });
    return names;
}

/// The `required` / `not required` constraint of an item member that its status decides.
inline json::object item_condition(const char* rule_id, json::array statuses, const char* member, bool present)
{
    // `type` in the condition: without `schema/type` an item that is no object must not meet it.
    json::object when{{"type", "object"},
                      {"properties", {{"status", {{"enum", std::move(statuses)}}}}},
                      {"required", {"status"}}};
    // `properties` names the member beside `required` for ajv's strict mode (strictRequired).
    json::object must{{"properties", {{member, true}}}, {"required", {member}}};
    json::object then = present ? must : json::object{{"not", std::move(must)}};
    return {{"$comment", rule_id}, {"if", std::move(when)}, {"then", std::move(then)}};
}

// What a type's description alone cannot say: which members an item's status requires.
inline void refine(json::object& schema, const bulk_job_item*, const options& opts)
{
    const json::array accepted{"queued", "generating", "completed", "failed"};
    json::array conditions;
    if (schema_expresses(rule::item_tent_id, opts)) {
        conditions.push_back(item_condition("item/tent-id", accepted, "tent_id", true));
        conditions.push_back(item_condition("item/tent-id", {"rejected"}, "tent_id", false));
    }
    if (schema_expresses(rule::item_tent_name, opts))
        conditions.push_back(item_condition("item/tent-name", accepted, "tent_name", true));
    if (schema_expresses(rule::item_error_code, opts))
        conditions.push_back(item_condition("item/error-code", {"rejected"}, "error_code", true));
    if (schema_expresses(rule::item_message, opts))
        conditions.push_back(item_condition("item/message", {"rejected", "failed"}, "message", true));
    if (!conditions.empty()) schema["allOf"] = std::move(conditions);
}

// `total` is bounded by the item limit (`limits/total`), not only by `schema/integer`.
inline void refine(json::object& schema, const bulk_job*, const options& opts)
{
    if (!schema_expresses(rule::limits_total, opts)) return;
    auto& total = schema["properties"].as_object()["total"].as_object();
    total["minimum"] = 1;
    total["maximum"] = opts.max_items < max_exact_integer ? opts.max_items : max_exact_integer;
}

inline void refine(json::object&, const void*, const options&) {}

template <class T>
json::object struct_schema(const options& opts)
{
    json::object properties;
    json::array required;
    boost::mp11::mp_for_each<members_of<T>>([&](auto d) {
        using M = std::remove_cv_t<std::remove_reference_t<decltype(std::declval<T&>().*d.pointer)>>;
        properties[d.name] = schema_of<M>(opts);
        if (!is_optional<M>::value) required.push_back(json::string(d.name));
    });
    json::object schema;
    set_type(schema, "object", opts);
    schema["properties"] = std::move(properties);
    if (schema_expresses(rule::schema_required, opts)) schema["required"] = std::move(required);
    if (schema_expresses(rule::schema_unknown_field, opts)) schema["additionalProperties"] = false;
    refine(schema, static_cast<const T*>(nullptr), opts);
    return schema;
}

/// The schema of a member of type `T`; an optional member has its value's schema (absent is
/// allowed, null is not: `schema/null`).
template <class T>
json::object schema_of(const options& opts)
{
    json::object schema;
    const auto type = [&](const char* name) { set_type(schema, name, opts); };
    if constexpr (is_optional<T>::value) {
        return schema_of<typename T::value_type>(opts);
    } else if constexpr (is_described_struct<T>::value) {
        return struct_schema<T>(opts);
    } else if constexpr (is_vector<T>::value) {
        type("array");
        schema["items"] = schema_of<typename T::value_type>(opts);
    } else if constexpr (std::is_enum_v<T>) {
        type("string");
        // Without `type` a number would meet `enum` too, where the kit reports only its type.
        if (schema_expresses(rule::schema_enum, opts) && schema_expresses(rule::schema_type, opts))
            schema["enum"] = wire_names<T>();
        else if (schema_expresses(rule::schema_enum, opts))
            schema["if"] = {{"type", "string"}}, schema["then"] = {{"enum", wire_names<T>()}};
    } else if constexpr (std::is_same_v<T, bool>) {
        type("boolean");
    } else if constexpr (std::is_integral_v<T>) {
        type("integer");
        if (schema_expresses(rule::schema_integer, opts)) {
            schema["minimum"] = 0;
            schema["maximum"] = max_exact_integer;
            // `type: integer` says "no fraction" too; without it, a number must still be whole.
            if (!schema_expresses(rule::schema_type, opts)) schema["multipleOf"] = 1;
        }
    } else if constexpr (std::is_same_v<T, std::string>) {
        type("string");
    } else if constexpr (std::is_same_v<T, json::object>) {
        type("object");
    } else {
        static_assert(is_formatted<T>::value, "schema_of: a member type the schema generator does not know");
        type("string");
        if (schema_expresses(T::tag::invalid_rule, opts)) schema["pattern"] = json::string(T::tag::pattern);
    }
    return schema;
}

// A mock server such as Prism answers the example of a response; without one it invents a body
// from the schema ("string" for a ULID, null members) that the schema itself rejects.
inline boost::json::value documented_example()
{
    return boost::json::parse(R"({"bulk_job_id":"01JQZB4H8A7T5B3R2W1X9Y6Z0K","status":"completed_with_failures",
"template_id":"tpl_01JABC123XYZ","auto_publish":true,"total":3,"queued":0,"generating":0,"completed":1,"failed":1,
"items":[{"index":0,"client_item_id":"acme-row-001","tent_id":"b6f8d617-7cfe-4d63-a8e9-5d971780d57f",
"tent_name":"Acme Onboarding Page 1","status":"completed","publication_status":"published",
"published_url":"https://your-workspace.tented-pages.com/acme-onboarding-jane"},
{"index":1,"client_item_id":"acme-row-002","tent_id":"85833f2b-40ba-4af4-b820-cf13f7356d7a",
"tent_name":"Acme onboarding 2","status":"failed","message":"Upstream generation failed"},
{"index":2,"client_item_id":"acme-row-003","status":"rejected","error_code":"INSUFFICIENT_CREDITS",
"message":"Insufficient credits for generation"}],
"credits":{"reserved":2,"consumed":1,"refunded":1,"pending_reconciliation":0},
"created_at":"2026-03-25T14:30:00.000Z","updated_at":"2026-03-25T14:32:10.000Z"})");
}

} // namespace detail

inline boost::json::object json_schema(const options& opts)
{
    namespace json = boost::json;
    json::object schema{{"$schema", "https://json-schema.org/draft/2020-12/schema"},
                        {"$id", std::string("https://tented.ai/schemas/tented-contract/") + version + "/bulk-job.json"},
                        {"title", "GET /v1/bulk-jobs/{bulkJobId} response"},
                        {"description", "Generated by tented-contract " + std::string(version) +
                                            " from its described types; the rules no schema can say are checked "
                                            "by the kit (tented-contract validate)."}};
    for (auto& [key, value] : detail::schema_of<bulk_job>(opts)) schema[key] = value;
    return schema;
}

inline boost::json::object openapi(const options& opts)
{
    namespace json = boost::json;
    auto body = json_schema(opts);
    body.erase("$schema");
    body.erase("$id");
    // The reference gives an error's status and cause, not its body's members: a JSON object.
    const auto plain = [](const char* why) {
        return json::object{{"description", why}, {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
    };
    json::object get{
        {"operationId", "getBulkJob"},
        {"summary", "Monitor a bulk tent creation request"},
        {"parameters",
         {{{"name", "bulkJobId"},
           {"in", "path"},
           {"required", true},
           {"description", "The bulk job's identifier, a ULID"},
           {"schema", {{"type", "string"}, {"pattern", json::string(ulid_format::pattern)}}}}}},
        {"security", {{{"bearer", json::array{}}}}},
        {"responses",
         {{"200",
           {{"description", "The bulk job"},
            {"content", {{"application/json",
                          {{"schema", {{"$ref", "#/components/schemas/bulk_job"}}},
                           {"example", detail::documented_example()}}}}}}},
          {"400", plain("bulkJobId is missing or malformed")},
          {"401", plain("Missing or invalid bearer token")},
          {"404", plain("The bulk job does not exist in the workspace associated with your API key")}}}};
    return {{"openapi", "3.1.0"},
            {"info", {{"title", "Tented bulk jobs"}, {"version", version}}},
            {"jsonSchemaDialect", "https://json-schema.org/draft/2020-12/schema"},
            {"servers", {{{"url", "https://api.tented.ai"}}}},
            {"paths", {{"/v1/bulk-jobs/{bulkJobId}", {{"get", std::move(get)}}}}},
            {"components",
             {{"schemas", {{"bulk_job", std::move(body)}}},
              {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
}

} // namespace tented::contract

#endif
