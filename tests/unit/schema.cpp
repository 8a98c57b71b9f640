// Tests of schema.hpp: the JSON Schema and OpenAPI documents generated from the described types.
// That the schema agrees with the kit on every payload is tests/formats/schema.sh (ajv).
#include "support.hpp"

#include <tented/contract/schema.hpp>
#include <tented/contract/validate.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <regex>
#include <string>

namespace tc = tented::contract;
namespace json = boost::json;

namespace {

const json::object& at(const json::object& o, std::initializer_list<const char*> path)
{
    const json::object* p = &o;
    for (const char* key : path) p = &p->at(key).as_object();
    return *p;
}

} // namespace

TEST_CASE("the schema is draft 2020-12 with every described member, the non-optional ones required", "[schema]")
{
    const auto s = tc::json_schema();
    CHECK(s.at("$schema") == "https://json-schema.org/draft/2020-12/schema");
    CHECK(s.at("type") == "object");
    CHECK(s.at("properties").as_object().size() == 14);
    CHECK(json::serialize(s.at("required")) ==
          R"(["bulk_job_id","status","template_id","auto_publish","total","queued","generating","completed","failed","items","credits","created_at","updated_at"])");
    CHECK(!s.contains("additionalProperties")); // unknown members are a warning
    const auto& item = at(s, {"properties", "items", "items"});
    CHECK(json::serialize(item.at("required")) == R"(["index","status"])");
    CHECK(json::serialize(at(item, {"properties", "status"}).at("enum")) ==
          R"(["rejected","queued","generating","completed","failed"])");
}

TEST_CASE("the timestamp pattern takes a leap second at 23:59:60Z only, and with an offset in any minute", "[schema]")
{
    // docs/formats.md: the one point where the timestamp's pattern is looser than the kit.
    const std::regex pattern{std::string(tc::timestamp_format::pattern)};
    const auto invalid = [](const char* t) { return tc::timestamp_format::check(t).outcome == tc::format_check::invalid; };
    for (const char* t : {"2016-12-31T23:59:60.000Z", "2016-12-31T23:59:60z", "2017-01-01T00:59:60+01:00",
                          "2026-03-25T14:29:59.000Z"}) {
        INFO(t);
        CHECK(std::regex_search(t, pattern));
        CHECK_FALSE(invalid(t));
    }
    for (const char* t : {"2026-03-25T14:29:60.000Z", "2026-03-25T23:58:60Z", "2026-03-25T24:00:00Z"}) {
        INFO(t);
        CHECK_FALSE(std::regex_search(t, pattern));
        CHECK(invalid(t));
    }
    CHECK(std::regex_search("2026-03-25T14:29:60.000+01:00", pattern));
    CHECK(invalid("2026-03-25T14:29:60.000+01:00"));
}

TEST_CASE("integers are bounded, total by the item limit, formats are patterns", "[schema]")
{
    tc::options o;
    o.max_items = 100;
    const auto s = tc::json_schema(o);
    CHECK(json::serialize(at(s, {"properties", "total"})) == R"({"type":"integer","minimum":1,"maximum":100})");
    CHECK(json::serialize(at(s, {"properties", "credits", "properties", "refunded"})) ==
          R"({"type":"integer","minimum":0,"maximum":9007199254740991})");
    CHECK(at(s, {"properties", "bulk_job_id"}).at("pattern") == tc::ulid_format::pattern.data());
    CHECK(at(s, {"properties", "created_at"}).at("pattern") == tc::timestamp_format::pattern.data());
    // format/template-id is a warning: no pattern, unless it is made an error.
    CHECK(!at(s, {"properties", "template_id"}).contains("pattern"));
    o.set_severity("format/template-id", tc::severity::error);
    CHECK(at(tc::json_schema(o), {"properties", "template_id"}).at("pattern") == "^tpl_[A-Za-z0-9]+$");
}

TEST_CASE("an item's status decides its members with if/then, one condition a rule", "[schema]")
{
    const auto schema = tc::json_schema();
    const auto& all = at(schema, {"properties", "items", "items"}).at("allOf").as_array();
    REQUIRE(all.size() == 5);
    CHECK(json::serialize(all[1]) ==
          R"({"$comment":"item/tent-id","if":{"type":"object","properties":{"status":{"enum":["rejected"]}},"required":["status"]},)"
          R"("then":{"not":{"properties":{"tent_id":true},"required":["tent_id"]}}})");
    CHECK(all[4].at("$comment") == "item/message");
    tc::options o;
    o.disable("item/message").disable("item/tent-id");
    CHECK(at(tc::json_schema(o), {"properties", "items", "items"}).at("allOf").as_array().size() == 2);
}

TEST_CASE("without schema/type the schema binds enums to strings and integers to whole numbers", "[schema]")
{
    tc::options o;
    o.disable("schema/type");
    const auto s = tc::json_schema(o);
    CHECK(json::serialize(at(s, {"properties", "status"})) ==
          R"({"not":{"type":"null"},"if":{"type":"string"},"then":{"enum":["accepted","running","completed","completed_with_failures","failed"]}})");
    CHECK(json::serialize(at(s, {"properties", "total"})) == R"({"not":{"type":"null"},"minimum":1,"maximum":25,"multipleOf":1})");
    CHECK(!at(s, {"properties", "items"}).contains("type"));
}

TEST_CASE("the schema expresses the shape rules that are errors, never sums or sequences", "[schema]")
{
    CHECK(tc::schema_expresses(tc::rule::format_uuid));
    CHECK(tc::schema_expresses(tc::rule::item_tent_name));
    CHECK_FALSE(tc::schema_expresses(tc::rule::format_template_id)); // a warning
    CHECK_FALSE(tc::schema_expresses(tc::rule::counts_buckets));
    CHECK_FALSE(tc::schema_expresses(tc::rule::schema_integer_notation)); // JSON readers lose "3.0"
    CHECK_FALSE(tc::schema_expresses(tc::rule::seq_time));
    tc::options o;
    o.warnings_as_errors = true;
    CHECK(tc::schema_expresses(tc::rule::schema_unknown_field, o));
    CHECK(tc::json_schema(o).at("additionalProperties") == false);
}

TEST_CASE("the OpenAPI 3.1 document has the endpoint, its parameter, bearer security and four responses", "[schema]")
{
    const auto d = tc::openapi();
    CHECK(d.at("openapi") == "3.1.0");
    const auto& get = at(d, {"paths", "/v1/bulk-jobs/{bulkJobId}", "get"});
    CHECK(get.at("parameters").as_array()[0].at("name") == "bulkJobId");
    CHECK(json::serialize(get.at("security")) == R"([{"bearer":[]}])");
    CHECK(at(d, {"components", "securitySchemes", "bearer"}).at("scheme") == "bearer");
    const auto& responses = get.at("responses").as_object();
    CHECK(responses.size() == 4);
    CHECK(responses.contains("200"));
    CHECK(responses.contains("404"));
    CHECK(!at(d, {"components", "schemas", "bulk_job"}).contains("$schema"));
}

TEST_CASE("the OpenAPI 200 response carries the reference's example, which the kit finds valid", "[schema]")
{
    // Without it Prism's mock answered "string" as bulk_job_id and nulls as item members.
    const auto d = tc::openapi();
    const auto& media =
        at(d, {"paths", "/v1/bulk-jobs/{bulkJobId}", "get", "responses", "200", "content", "application/json"});
    const auto& example = media.at("example");
    CHECK(example.at("bulk_job_id") == "01JQZB4H8A7T5B3R2W1X9Y6Z0K");
    CHECK(example.at("status") == "completed_with_failures");
    CHECK(example.at("items").as_array().size() == 3);
    CHECK(tc::validate(example).diagnostics.empty());
    // The same example is a corpus case: the two copies must not drift apart.
    CHECK(example == json::parse(support::read(support::corpus_dir() / "valid/completed-with-failures-documented-example-complete.json")));
}

TEST_CASE("the OpenAPI error responses are JSON objects, their members left unsaid as the reference leaves them", "[schema]")
{
    const auto d = tc::openapi();
    const auto& responses = at(d, {"paths", "/v1/bulk-jobs/{bulkJobId}", "get", "responses"});
    for (const char* status : {"400", "401", "404"}) {
        CAPTURE(status);
        CHECK(json::serialize(responses.at(status).at("content")) == R"({"application/json":{"schema":{"type":"object"}}})");
    }
    CHECK(responses.at("401").at("description") == "Missing or invalid bearer token");
}
