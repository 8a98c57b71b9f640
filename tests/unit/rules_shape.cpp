// The rules of docs/contract.md sections 1 and 2 (the JSON text, the shape, the formats), through
// validate: each on a hand-made payload, with its exact findings (rule id, JSON Pointer, line,
// column and the key words of the message).
#include "job_text.hpp"

#include <catch2/catch.hpp>

using Catch::Matchers::Contains;
using namespace rule_tests;

// ---- schema ------------------------------------------------------------------------------------

TEST_CASE("a missing top-level member is reported at the root object's brace", "[validate][schema]")
{
    job_text j;
    j.template_id.clear();
    const auto r = check(j);
    const auto d = only(r);
    CHECK(d.rule == "schema/required");
    CHECK(d.severity == tc::severity::error);
    CHECK(d.pointer == "/template_id");
    CHECK(d.offset == 0);
    CHECK(d.line == 1);
    CHECK(d.column == 1);
    CHECK(d.message == "missing required member \"template_id\" (a string)");
    CHECK_FALSE(r.ok());
}

TEST_CASE("a member missing from an item or from credits points at that object's brace", "[validate][schema]")
{
    SECTION("an item without index")
    {
        job_text j;
        j.items[2] = R"({"tent_id": "53e8237e-0c87-495d-8d10-946db64dbf8d", "tent_name": "Page 3", "status": "queued", "publication_status": "pending"})";
        const auto d = only(check(j));
        CHECK(d.rule == "schema/required");
        CHECK(d.pointer == "/items/2/index");
        CHECK(d.line == 14);
        CHECK(d.column == 5);
        CHECK_THAT(d.message, Contains("\"index\"") && Contains("an integer"));
    }
    SECTION("credits without refunded")
    {
        job_text j;
        j.credits = R"({"reserved": 3, "consumed": 1, "pending_reconciliation": 2})";
        const auto d = only(check(j));
        CHECK(d.rule == "schema/required");
        CHECK(d.pointer == "/credits/refunded");
        CHECK(d.line == 16);
        CHECK(d.column == 14);
    }
    SECTION("no items member at all: the item rules are skipped")
    {
        job_text j;
        j.items_member = false;
        const auto d = only(check(j));
        CHECK(d.rule == "schema/required");
        CHECK(d.pointer == "/items");
        CHECK(d.message == "missing required member \"items\" (an array)");
    }
}

TEST_CASE("a member of the wrong JSON type is schema/type at its value, and its rules are skipped", "[validate][schema]")
{
    SECTION("total as a string: no items/count, counts, limits, status or credits finding")
    {
        job_text j;
        j.total = R"("3")";
        const auto d = only(check(j));
        CHECK(d.rule == "schema/type");
        CHECK(d.pointer == "/total");
        CHECK(d.line == 6);
        CHECK(d.column == 12);
        CHECK(d.message == "expected an integer, got a string");
    }
    SECTION("auto_publish as a string: publication/requires-auto-publish is skipped")
    {
        job_text j;
        j.auto_publish = R"("false")";
        const auto d = only(check(j));
        CHECK(d.rule == "schema/type");
        CHECK(d.pointer == "/auto_publish");
        CHECK(d.line == 5);
        CHECK(d.column == 19);
        CHECK(d.message == "expected a boolean, got a string");
    }
    SECTION("items as an object")
    {
        job_text j;
        j.items_member = false;
        j.extra = {R"("items": {"0": {"index": 0}})"};
        const auto d = only(check(j));
        CHECK(d.rule == "schema/type");
        CHECK(d.pointer == "/items");
        CHECK(d.message == "expected an array, got an object");
    }
    SECTION("an item that is a number")
    {
        job_text j;
        j.items[2] = "2";
        const auto d = only(check(j));
        CHECK(d.rule == "schema/type");
        CHECK(d.pointer == "/items/2");
        CHECK(d.line == 14);
        CHECK(d.column == 5);
        CHECK(d.message == "expected an object, got a number");
    }
}

TEST_CASE("null where the table gives a type is schema/null, not schema/type", "[validate][schema]")
{
    SECTION("a required member")
    {
        job_text j;
        j.template_id = "null";
        const auto d = only(check(j));
        CHECK(d.rule == "schema/null");
        CHECK(d.pointer == "/template_id");
        CHECK(d.line == 4);
        CHECK(d.column == 18);
        CHECK_THAT(d.message, Contains("expected a string, got null"));
    }
    SECTION("an optional member of an item")
    {
        job_text j;
        j.items[0] = R"({"client_item_id": null, "index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "tent_name": "Page 1", "status": "completed", "publication_status": "published", "published_url": "https://example.com/1"})";
        const auto d = only(check(j));
        CHECK(d.rule == "schema/null");
        CHECK(d.pointer == "/items/0/client_item_id");
        CHECK(d.line == 12);
        CHECK(d.column == 24);
    }
}

TEST_CASE("a status outside its set is schema/enum and the message lists the allowed values", "[validate][schema]")
{
    SECTION("the job status, which then skips status/consistent-with-counts")
    {
        job_text j;
        j.status = R"("processing")";
        const auto d = only(check(j));
        CHECK(d.rule == "schema/enum");
        CHECK(d.pointer == "/status");
        CHECK(d.line == 3);
        CHECK(d.column == 13);
        CHECK(d.message ==
              R"(expected one of "accepted", "running", "completed", "completed_with_failures", "failed", got "processing")");
    }
    SECTION("an item status, which then skips the counts")
    {
        job_text j;
        j.items[1] = R"({"status": "done", "index": 1, "tent_id": "85833f2b-40ba-4af4-b820-cf13f7356d7a", "tent_name": "Page 2", "publication_status": "pending"})";
        const auto d = only(check(j));
        CHECK(d.rule == "schema/enum");
        CHECK(d.pointer == "/items/1/status");
        CHECK(d.line == 13);
        CHECK(d.column == 16);
        CHECK_THAT(d.message, Contains(R"("rejected", "queued", "generating", "completed", "failed")") &&
                                  Contains(R"(got "done")"));
    }
    SECTION("a publication_status")
    {
        job_text j;
        j.items[2] = R"({"publication_status": "queued", "index": 2, "tent_id": "53e8237e-0c87-495d-8d10-946db64dbf8d", "tent_name": "Page 3", "status": "queued"})";
        const auto d = only(check(j));
        CHECK(d.rule == "schema/enum");
        CHECK(d.pointer == "/items/2/publication_status");
        CHECK(d.line == 14);
        CHECK(d.column == 28);
        CHECK_THAT(d.message, Contains(R"("pending", "published", "published_with_warnings", "failed")"));
    }
}

TEST_CASE("a negative, fractional or too large count is schema/integer and its rules are skipped", "[validate][schema]")
{
    SECTION("generating -1")
    {
        job_text j;
        j.generating = "-1";
        const auto d = only(check(j));
        CHECK(d.rule == "schema/integer");
        CHECK(d.pointer == "/generating");
        CHECK(d.line == 8);
        CHECK(d.column == 17);
        CHECK(d.message == "expected a non-negative integer, got -1");
    }
    SECTION("an index of 2^53")
    {
        job_text j;
        j.items[2] = R"({"index": 9007199254740992, "tent_id": "53e8237e-0c87-495d-8d10-946db64dbf8d", "tent_name": "Page 3", "status": "queued", "publication_status": "pending"})";
        const auto d = only(check(j));
        CHECK(d.rule == "schema/integer");
        CHECK(d.pointer == "/items/2/index");
        CHECK(d.line == 14);
        CHECK(d.column == 15);
        CHECK(d.message == "expected an integer at most 2^53-1, got 9007199254740992");
    }
    SECTION("consumed 1.5")
    {
        job_text j;
        j.credits = R"({"reserved": 3, "consumed": 1.5, "refunded": 0, "pending_reconciliation": 2})";
        const auto d = only(check(j));
        CHECK(d.rule == "schema/integer");
        CHECK(d.pointer == "/credits/consumed");
        CHECK(d.line == 16);
        CHECK(d.column == 42);
        CHECK(d.message == "expected a whole number, got 1.5");
    }
}

TEST_CASE("an integral count written 3.0 or 3E0 is schema/integer-notation and still counts", "[validate][schema]")
{
    SECTION("total 3.0")
    {
        job_text j;
        j.total = "3.0";
        const auto d = only(check(j));
        CHECK(d.rule == "schema/integer-notation");
        CHECK(d.pointer == "/total");
        CHECK(d.line == 6);
        CHECK(d.column == 12);
        CHECK_THAT(d.message, Contains("got 3.0") && Contains("typed clients"));
    }
    SECTION("reserved 3E0")
    {
        job_text j;
        j.credits = R"({"reserved": 3E0, "consumed": 1, "refunded": 0, "pending_reconciliation": 2})";
        const auto d = only(check(j));
        CHECK(d.rule == "schema/integer-notation");
        CHECK(d.pointer == "/credits/reserved");
        CHECK(d.column == 27);
        CHECK_THAT(d.message, Contains("got 3E0"));
    }
}

TEST_CASE("a member the contract does not name is a warning at its name, wherever it is", "[validate][schema]")
{
    job_text j;
    j.extra = {R"("priority": 1)"};
    j.items[0] = R"({"retry_count": 0, "index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "tent_name": "Page 1", "status": "completed", "publication_status": "published", "published_url": "https://example.com/1"})";
    j.credits = R"({"currency": "EUR", "reserved": 3, "consumed": 1, "refunded": 0, "pending_reconciliation": 2})";
    const auto r = check(j);
    CHECK(r.ok());
    const auto found = of(r, "schema/unknown-field");
    REQUIRE(found.size() == 3);
    CHECK(r.diagnostics.size() == 3);
    CHECK(found[0].pointer == "/items/0/retry_count");
    CHECK(found[0].line == 12);
    CHECK(found[0].column == 6);
    CHECK(found[1].pointer == "/credits/currency");
    CHECK(found[1].line == 16);
    CHECK(found[1].column == 15);
    CHECK(found[2].pointer == "/priority");
    CHECK(found[2].line == 19);
    CHECK(found[2].column == 3);
    CHECK(found[2].message == "member \"priority\" is not in the contract");
    for (const auto& d : found) CHECK(d.severity == tc::severity::warning);
}

TEST_CASE("a key is the member expected next only when every byte and the length agree, at every length",
          "[validate][schema]")
{
    // The decoder compares each key with the name of the member expected next as words made at
    // compile time (its first and last four or eight bytes, and those between): every byte must
    // count, whatever the length, the words overlapping or not.
    const std::string source = "pending_reconciliation_publication_status";
    for (std::size_t n = 0; n <= source.size(); ++n) {
        const std::string name = source.substr(0, n);
        const tc::detail::text_words words(name);
        INFO("name " << name);
        CHECK(tc::detail::same_text(words, name));
        CHECK_FALSE(tc::detail::same_text(words, name + 'n'));
        if (n > 0) CHECK_FALSE(tc::detail::same_text(words, name.substr(0, n - 1)));
        for (std::size_t at = 0; at < n; ++at) {
            std::string key = name;
            key[at] = static_cast<char>(key[at] ^ 0x20);
            INFO("key " << key);
            CHECK_FALSE(tc::detail::same_text(words, key));
        }
    }
}

TEST_CASE("a misspelt member is named with the member it most likely means", "[validate][schema]")
{
    const auto r = tc::validate(R"({"queud": 1, "credits": {"refundd": 0}})");
    const auto found = of(r, "schema/unknown-field");
    REQUIRE(found.size() == 2);
    CHECK(found[0].message == "member \"queud\" is not in the contract (did you mean \"queued\"?)");
    CHECK(found[1].message == "member \"refundd\" is not in the contract (did you mean \"refunded\"?)");
}

TEST_CASE("a member name in other letter case is named with the member it means, however many letters differ",
          "[validate][schema]")
{
    const auto r = tc::validate(R"({"STATUS": "running", "credits": {"REFUNDD": 0}})");
    const auto found = of(r, "schema/unknown-field");
    REQUIRE(found.size() == 2);
    CHECK(found[0].message == "member \"STATUS\" is not in the contract (did you mean \"status\"?)");
    CHECK(found[1].message == "member \"REFUNDD\" is not in the contract (did you mean \"refunded\"?)");
}

TEST_CASE("a member name holding a quote or a backslash is escaped in the message, so its quotes end where it does",
          "[validate][schema][json]")
{
    const auto r = tc::validate(R"({"a\"b": 1, "metadata": {"c\\d": 1, "c\\d": 2}, "x\"y": 2, "x\"y": 3})");
    const auto unknown = of(r, "schema/unknown-field");
    REQUIRE(unknown.size() == 2);
    CHECK(unknown[0].message == R"(member "a\"b" is not in the contract)");
    CHECK(unknown[1].message == R"(member "x\"y" is not in the contract)");
    const auto twice = of(r, "json/duplicate-key");
    REQUIRE(twice.size() == 2);
    CHECK(twice[0].message == R"(member "c\\d" appears twice in one object (which value a consumer sees depends on its parser))");
    CHECK(twice[1].message == R"(member "x\"y" appears twice in one object (which value a consumer sees depends on its parser))");
}

TEST_CASE("a member name holding / or ~ is escaped in the JSON Pointer", "[validate][schema]")
{
    job_text j;
    j.extra = {R"("a/b~c": true)"};
    const auto d = only(check(j));
    CHECK(d.rule == "schema/unknown-field");
    CHECK(d.pointer == "/a~1b~0c");
}

TEST_CASE("a null tent_id is schema/null alone, not also item/tent-id", "[validate][schema][cascade]")
{
    job_text j;
    j.items[2] = R"({"tent_id": null, "index": 2, "tent_name": "Page 3", "status": "queued", "publication_status": "pending"})";
    const auto d = only(check(j));
    CHECK(d.rule == "schema/null");
    CHECK(d.pointer == "/items/2/tent_id");
    CHECK(d.line == 14);
    CHECK(d.column == 17);
}

TEST_CASE("positions stay right after escaped names and long escaped strings", "[validate][locate]")
{
    SECTION("a value after a name spelled with an escape")
    {
        job_text j;
        j.status.clear();
        j.extra = {R"("st\u0061tus": "processing")"};
        const auto d = only(check(j));
        CHECK(d.rule == "schema/enum");
        CHECK(d.pointer == "/status");
        CHECK(d.line == 18);
        CHECK(d.column == 18);
    }
    SECTION("a value after a 6000-byte string full of escapes, on the same line")
    {
        std::string name;
        for (int i = 0; i < 1000; ++i) name += R"(a\\b\")"; // JSON: a, an escaped backslash, b, an escaped quote
        job_text j;
        j.items[2] = "{\"tent_name\": \"" + name + "\", \"index\": \"2\", \"tent_id\": \"" + tent_c +
                     "\", \"status\": \"queued\", \"publication_status\": \"pending\"}";
        const auto d = only(check(j));
        CHECK(d.rule == "schema/type");
        CHECK(d.pointer == "/items/2/index");
        CHECK(d.line == 14);
        CHECK(d.column == 5 + j.items[2].find("\"2\""));
    }
    SECTION("a value after a long string without escapes")
    {
        job_text j;
        j.items[2] = "{\"tent_name\": \"" + std::string(70000, 'x') + "\", \"index\": -2, \"tent_id\": \"" + tent_c +
                     "\", \"status\": \"queued\", \"publication_status\": \"pending\"}";
        const auto d = only(check(j));
        CHECK(d.rule == "schema/integer");
        CHECK(d.column == 5 + j.items[2].find("-2"));
    }
}

TEST_CASE("a duplicate name inside an array of metadata is pointed at through the array index", "[validate][json]")
{
    job_text j;
    j.extra = {R"("metadata": {"rows": [{"x": 1}, {"x": 1, "x": 2}]})"};
    const auto d = only(check(j));
    CHECK(d.rule == "json/duplicate-key");
    CHECK(d.pointer == "/metadata/rows/1/x");
    CHECK(d.line == 19);
    CHECK(d.column == 3 + j.extra[0].rfind("\"x\""));
}

TEST_CASE("a name repeated in metadata under another escape is json/duplicate-key at the repeat", "[validate][json]")
{
    job_text j; // "\u0061" is "a": the names are equal once read, though their texts differ
    j.extra = {R"("metadata": {"a": 1, "b": 2, "\u0061": 3, "b\/": 4})"};
    const auto d = only(check(j));
    CHECK(d.rule == "json/duplicate-key");
    CHECK(d.pointer == "/metadata/a");
    CHECK(d.message == "member \"a\" appears twice in one object (which value a consumer sees depends on its parser)");
    CHECK(d.column == 3 + j.extra[0].find("\"\\u0061\""));
}

TEST_CASE("every repeat of a metadata name is json/duplicate-key, in the input's order", "[validate][json]")
{
    job_text j;
    j.extra = {R"("metadata": {"a": 1, "b": 2, "a": 3, "c": 4, "a": 5, "b": 6})"};
    const auto r = check(j);
    REQUIRE(r.diagnostics.size() == 3);
    const auto at = [&](std::size_t n, const char* name) {
        std::size_t p = 0;
        for (std::size_t i = 0; i <= n; ++i) p = j.extra[0].find(std::string("\"") + name + "\"", p + 1);
        return p + 3;
    };
    CHECK(r.diagnostics[0].pointer == "/metadata/a");
    CHECK(r.diagnostics[0].column == at(1, "a"));
    CHECK(r.diagnostics[1].pointer == "/metadata/a");
    CHECK(r.diagnostics[1].column == at(2, "a"));
    CHECK(r.diagnostics[2].pointer == "/metadata/b");
    CHECK(r.diagnostics[2].column == at(1, "b"));
    for (const auto& d : r.diagnostics) CHECK(d.rule == "json/duplicate-key");
}

TEST_CASE("a repeated items member is checked as its last occurrence, its counts too", "[validate][json][items]")
{
    // The first `items` holds one item, the second the job's three: the counts follow the second.
    const auto text = job_text{}.text();
    const auto first_item = text.find("{\"index\": 0");
    const std::string one_item = "\"items\": [" + text.substr(first_item, text.find('}', first_item) + 1 - first_item) + "],\n";
    const auto repeated = text.substr(0, text.find("\"items\"")) + one_item + text.substr(text.find("\"items\""));
    const auto d = only(tc::validate(repeated));
    CHECK(d.rule == "json/duplicate-key");
    CHECK(d.pointer == "/items");
    CHECK(d.offset == repeated.rfind("\"items\""));
}

TEST_CASE("a repeated items member drops the findings and the counts of the earlier ones", "[validate][json][items]")
{
    // The rules read the last `items`, as the parsed value (which keeps only the last) does.
    const auto text = job_text{}.text();
    const auto at = text.find("\"items\"");
    const auto with_before = [&](const std::string& member) { return text.substr(0, at) + member + text.substr(at); };
    const auto with_after = [&](const std::string& member) {
        const auto end = text.find(']', at) + 1;
        return text.substr(0, end) + ",\n" + member + text.substr(end);
    };
    for (const auto& repeated : {with_after(R"("items": [])"), with_before(R"("items": [{"index": 7, "status": "failed"}],)")}) {
        INFO(repeated);
        tc::options no_duplicate;
        no_duplicate.disable("json/duplicate-key");
        const auto from_text = tc::validate(repeated, no_duplicate);
        const auto from_value = tc::validate(boost::json::parse(repeated), no_duplicate);
        CHECK(from_text.rule_ids() == from_value.rule_ids());
        CHECK(from_text.diagnostics.size() == from_value.diagnostics.size());
    }
    CHECK(tc::validate(with_after(R"("items": [])")).rule_ids() == ids{"items/count", "json/duplicate-key"});
    CHECK(tc::validate(with_before(R"("items": [{"index": 7, "status": "failed"}],)")).rule_ids() ==
          ids{"json/duplicate-key"});
}

TEST_CASE("a repeated items member that is not an array drops the items of the earlier ones too", "[validate][json][items]")
{
    // Any value of a repeated member replaces what the earlier ones held: a later null, number or
    // object leaves no item of the first array to the item rules, nor to the job's (a hostile-input
    // finding: the first array's item/tent-id and requires-auto-publish findings survived).
    job_text j;
    j.auto_publish = "false";
    j.items = {R"({"index": 0, "status": "completed", "publication_status": "pending"})"};
    const auto text = j.text();
    const auto end = text.find(']', text.find("\"items\"")) + 1;
    struct later { const char* value; const char* rule; };
    for (const auto& l : {later{"null", "schema/null"}, later{"5", "schema/type"}, later{"{}", "schema/type"}}) {
        const auto repeated = text.substr(0, end) + ",\n  \"items\": " + l.value + text.substr(end);
        INFO(repeated);
        const auto from_text = tc::validate(repeated);
        INFO(describe(from_text));
        CHECK(from_text.rule_ids() == ids{"json/duplicate-key", l.rule});
        CHECK(from_text.diagnostics.size() == 2);
        CHECK(tc::validate(boost::json::parse(repeated)).rule_ids() == ids{l.rule});
        const auto decoded = tc::decode(repeated);
        REQUIRE(decoded.job);
        CHECK(decoded.job->items.empty());
    }
}

TEST_CASE("tent_ids equal ignoring case are repeats of the first, and only those", "[validate][items]")
{
    // '@' and '`' differ in the case bit but are not letters: not equal ignoring case.
    job_text j;
    j.items[0] = R"({"index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d5@f", "tent_name": "Page 1", "status": "completed", "publication_status": "published", "published_url": "https://example.com/1"})";
    j.items[1] = R"({"index": 1, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d5`f", "tent_name": "Page 2", "status": "generating"})";
    j.items[2] = R"({"index": 2, "tent_id": "B6F8D617-7CFE-4D63-A8E9-5D971780D5@F", "tent_name": "Page 3", "status": "queued", "publication_status": "pending"})";
    const auto r = check(j);
    INFO(describe(r));
    const auto repeats = of(r, "items/tent-id-unique");
    REQUIRE(repeats.size() == 1);
    CHECK(repeats[0].pointer == "/items/2/tent_id");
    CHECK(repeats[0].message == "tent_id B6F8D617-7CFE-4D63-A8E9-5D971780D5@F is also the tent_id of /items/0");
}

TEST_CASE("members read alike in any order: reversed items give the findings of the documented order", "[validate][schema]")
{
    // The decoder tries the member after the previous one first: an order of its own must cost
    // nothing but that guess.
    const auto reversed = [](const std::string& item) {
        const auto v = boost::json::parse(item).as_object();
        std::string out = "{";
        for (auto it = v.end(); it != v.begin();) {
            --it;
            out += (out.size() > 1 ? ", " : "") + boost::json::serialize(boost::json::value(it->key())) + ": " +
                   boost::json::serialize(it->value());
        }
        return out + "}";
    };
    job_text documented = job_with_rejected_item(
        R"({"index": 2, "client_item_id": "c", "tent_id": "53e8237e-0c87-495d-8d10-946db64dbf8d", "status": "rejected", "error_code": "INVALID_DATA", "message": "m"})");
    job_text turned = documented;
    for (auto& item : turned.items) item = reversed(item);
    const auto a = check(documented), b = check(turned);
    REQUIRE(a.rule_ids() == ids{"item/tent-id"});
    CHECK(b.rule_ids() == a.rule_ids());
    CHECK(of(b, "item/tent-id")[0].pointer == "/items/2/tent_id");
    CHECK(of(b, "item/tent-id")[0].message == of(a, "item/tent-id")[0].message);
}

TEST_CASE("a member repeated right after the one the decoder guessed is still json/duplicate-key", "[validate][json]")
{
    job_text j;
    j.items[1] = R"({"index": 1, "index": 1, "tent_id": "85833f2b-40ba-4af4-b820-cf13f7356d7a", "tent_name": "Page 2", "status": "generating", "status": "generating", "publication_status": "pending"})";
    const auto r = check(j);
    const auto repeats = of(r, "json/duplicate-key");
    REQUIRE(repeats.size() == 2);
    CHECK(repeats[0].pointer == "/items/1/index");
    CHECK(repeats[0].column == 18);
    CHECK(repeats[1].pointer == "/items/1/status");
    CHECK(r.diagnostics.size() == 2); // nothing else: the last of each is read, and is right
}

TEST_CASE("a tent_id written with escapes is read as its value: repeats, formats and messages", "[validate][items]")
{
    // Escapes move a string out of the input into the parser's buffer: validation then keeps a
    // copy of it, where a plain one is read in place.
    job_text j;
    j.items[2] = R"({"index": 2, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "tent_name": "Page 3", "status": "queued", "publication_status": "pending"})";
    const auto d = only(check(j));
    CHECK(d.rule == "items/tent-id-unique");
    CHECK(d.pointer == "/items/2/tent_id");
    CHECK(d.message == "tent_id " + tent_a + " is also the tent_id of /items/0");

    job_text rejected = job_with_rejected_item(
        R"({"index": 2, "tent_id": "53e8237e-0c87-495d-8d10-946db64dbf8d", "status": "rejected", "error_code": "INVALID_DATA", "message": "m"})");
    const auto r = only(check(rejected));
    CHECK(r.rule == "item/tent-id");
    CHECK(r.message == "a rejected item has tent_id " + tent_c + " (rejected items were never queued)");

    job_text upper;
    upper.items[0] = R"({"index": 0, "tent_id": "B6F8D617-7CFE-4D63-A8E9-5D971780D57F", "tent_name": "Page 1", "status": "completed", "publication_status": "published", "published_url": "https://example.com/1"})";
    const auto u = only(check(upper));
    CHECK(u.rule == "format/uuid-canonical");
    CHECK(u.message == R"(expected a lowercase UUID, got "B6F8D617-7CFE-4D63-A8E9-5D971780D57F")");
}

TEST_CASE("timestamps written with escapes are ordered by their values", "[validate][time]")
{
    job_text j;
    j.created_at = R"("2026-03-25T14:30:00.000Z")";
    j.updated_at = R"("2026-03-25T14:29:59.000Z")";
    const auto d = only(check(j));
    CHECK(d.rule == "time/order");
    CHECK(d.message == "updated_at 2026-03-25T14:29:59.000Z is earlier than created_at 2026-03-25T14:30:00.000Z");
}

TEST_CASE("findings past max_findings are counted, not kept: validity and counts stay exact", "[validate][options]")
{
    // Every empty item lacks index and status; the root lacks its 12 other required members.
    std::string text = "{\"items\": [{}";
    for (int i = 1; i < 6000; ++i) text += ", {}";
    text += "]}";
    const std::size_t all = 12 + 2 * 6000;
    const auto r = tc::validate(text);
    CHECK(r.diagnostics.size() == 10000); // the default limit
    CHECK(r.omitted_errors == all - 10000);
    CHECK(r.omitted_warnings == 0);
    CHECK(r.count(tc::severity::error) == all);
    CHECK_FALSE(r.ok());
    tc::options few;
    few.max_findings = 3;
    for (const auto& capped : {tc::validate(text, few), tc::validate(boost::json::parse(text), few)}) {
        CHECK(capped.diagnostics.size() == 3);
        CHECK(capped.omitted() == all - 3);
    }
    // A text that turns out malformed keeps json/syntax alone, whatever was counted before it.
    tc::options one;
    one.max_findings = 1;
    const auto truncated = tc::validate(text.substr(0, text.size() - 2), one);
    REQUIRE(truncated.diagnostics.size() == 1);
    CHECK(truncated.diagnostics[0].rule == "json/syntax");
    CHECK(truncated.omitted() == 0);
}

TEST_CASE("findings at one position come in catalogue order, from text and from a parsed value", "[validate]")
{
    // An item that repeats another's tent_id in uppercase: format/uuid-canonical (section 2),
    // found while decoding, and items/tent-id-unique (section 3), found once the items are read,
    // both point at its tent_id.
    job_text j;
    j.items[2] = R"({"index": 2, "tent_id": "B6F8D617-7CFE-4D63-A8E9-5D971780D57F", "tent_name": "Page 3", "status": "queued", "publication_status": "pending"})";
    const auto text = j.text();
    for (const auto& r : {tc::validate(text), tc::validate(boost::json::parse(text))}) {
        INFO(describe(r));
        REQUIRE(r.diagnostics.size() == 2);
        CHECK(r.diagnostics[0].rule == "format/uuid-canonical");
        CHECK(r.diagnostics[1].rule == "items/tent-id-unique");
        CHECK(r.diagnostics[1].message ==
              "tent_id B6F8D617-7CFE-4D63-A8E9-5D971780D57F is also the tent_id of /items/0");
        for (const auto& d : r.diagnostics) CHECK(d.pointer == "/items/2/tent_id");
    }
}

// ---- formats, through validate -----------------------------------------------------------------

TEST_CASE("each format rule is raised at the value that breaks it", "[validate][formats]")
{
    struct example
    {
        const char* what;
        job_text job;
        const char* rule;
        const char* pointer;
        std::size_t line, column;
        tc::severity sev;
    };
    auto with = [](auto change) {
        job_text j;
        change(j);
        return j;
    };
    const std::vector<example> examples = {
        {"a 25-character ULID", with([](job_text& j) { j.bulk_job_id = R"("01JQZB4H8A7T5B3R2W1X9Y6Z0")"; }),
         "format/ulid", "/bulk_job_id", 2, 18, tc::severity::error},
        {"a lowercase ULID", with([](job_text& j) { j.bulk_job_id = R"("01jqzb4h8a7t5b3r2w1x9y6z0k")"; }),
         "format/ulid-canonical", "/bulk_job_id", 2, 18, tc::severity::warning},
        {"a template id with a hyphen", with([](job_text& j) { j.template_id = R"("tpl-01JABC")"; }),
         "format/template-id", "/template_id", 4, 18, tc::severity::warning},
        {"created_at on February 30", with([](job_text& j) { j.created_at = R"("2026-02-30T14:30:00.000Z")"; }),
         "format/timestamp", "/created_at", 17, 17, tc::severity::error},
        {"updated_at without fraction", with([](job_text& j) { j.updated_at = R"("2026-03-25T14:31:10Z")"; }),
         "format/timestamp-canonical", "/updated_at", 18, 17, tc::severity::warning},
        {"a tent_id without hyphens", with([](job_text& j) {
             j.items[1] = R"({"tent_id": "85833f2b40ba4af4b820cf13f7356d7a", "index": 1, "tent_name": "Page 2", "status": "generating", "publication_status": "pending"})";
         }),
         "format/uuid", "/items/1/tent_id", 13, 17, tc::severity::error},
        {"an uppercase tent_id", with([](job_text& j) {
             j.items[1] = R"({"tent_id": "85833F2B-40BA-4AF4-B820-CF13F7356D7A", "index": 1, "tent_name": "Page 2", "status": "generating", "publication_status": "pending"})";
         }),
         "format/uuid-canonical", "/items/1/tent_id", 13, 17, tc::severity::warning},
        {"an http published_url", with([](job_text& j) {
             j.items[0] = R"({"published_url": "http://example.com/1", "index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "tent_name": "Page 1", "status": "completed", "publication_status": "published"})";
         }),
         "format/url", "/items/0/published_url", 12, 23, tc::severity::error},
    };
    for (const auto& e : examples) {
        INFO(e.what);
        const auto d = only(check(e.job));
        CHECK(d.rule == e.rule);
        CHECK(d.pointer == e.pointer);
        CHECK(d.line == e.line);
        CHECK(d.column == e.column);
        CHECK(d.severity == e.sev);
        CHECK_FALSE(d.message.empty());
    }
}

TEST_CASE("a lowercase error_code of a rejected item is format/error-code, a warning", "[validate][formats]")
{
    const auto r = check(job_with_rejected_item(
        R"({"error_code": "insufficient_credits", "index": 2, "status": "rejected", "message": "Not enough credits"})"));
    const auto d = only(r);
    CHECK(d.rule == "format/error-code");
    CHECK(d.pointer == "/items/2/error_code");
    CHECK(d.line == 14);
    CHECK(d.column == 20);
    CHECK(d.severity == tc::severity::warning);
    CHECK_THAT(d.message, Contains("UPPER_SNAKE_CASE") && Contains("insufficient_credits"));
    CHECK(r.ok());
}
