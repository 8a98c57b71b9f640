// Unit tests of validate.hpp, and of what it is made of: decode.hpp, encode.hpp, locate.hpp and
// the options and catalogue of rules.hpp. Each rule family gets a hand-made payload and the exact
// findings: rule id, JSON Pointer, line, column and the key words of the message.
#include <tented/contract/validate.hpp>

#include <tented/contract/corpus.hpp>
#include <tented/contract/decode.hpp>
#include <tented/contract/encode.hpp>
#include <tented/contract/locate.hpp>
#include <tented/contract/rules.hpp>

#include "support.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>
#include <catch2/catch.hpp>

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tc = tented::contract;
using Catch::Matchers::Contains;

namespace {

using ids = std::vector<std::string>;

/** A bulk-job response written by the test, one member a line, so that every position is known.

    Members hold their JSON text; an empty string leaves the member out. The layout, 1-based:

        line 1         {
        line 2           "bulk_job_id": ...        value at column 18
        line 3           "status": ...             column 13
        line 4           "template_id": ...        column 18
        line 5           "auto_publish": ...       column 19
        line 6           "total": ...              column 12
        line 7           "queued": ...             column 13
        line 8           "generating": ...         column 17
        line 9           "completed": ...          column 16
        line 10          "failed": ...             column 13
        line 11          "items": [                the '[' at column 12
        line 12..        one item a line, its '{' at column 5
        line 12+n        ]
        line 13+n        "credits": {...}          the '{' at column 14; with one-digit values
                                                   reserved at 27, consumed 42, refunded 57,
                                                   pending_reconciliation 86
        line 14+n        "created_at": ...         column 17
        line 15+n        "updated_at": ...         column 17
        line 16+n...     `extra` members, one a line, at column 3
        last line        }

    Within an item written as `{"name": value, ...}`, the first member's value is at column
    10 + length of its name (`"tent_id"` first: column 17).

    The default is the reference page's in-progress example, 3 items (completed, generating,
    queued), and is valid.
*/
struct job_text
{
    std::string bulk_job_id = R"("01JQZB4H8A7T5B3R2W1X9Y6Z0K")";
    std::string status = R"("running")";
    std::string template_id = R"("tpl_01JABC123XYZ")";
    std::string auto_publish = "true";
    std::string total = "3";
    std::string queued = "1";
    std::string generating = "1";
    std::string completed = "1";
    std::string failed = "0";
    std::vector<std::string> items = {
        R"({"index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "tent_name": "Page 1", "status": "completed", "publication_status": "published", "published_url": "https://example.com/1"})",
        R"({"index": 1, "tent_id": "85833f2b-40ba-4af4-b820-cf13f7356d7a", "tent_name": "Page 2", "status": "generating", "publication_status": "pending"})",
        R"({"index": 2, "tent_id": "53e8237e-0c87-495d-8d10-946db64dbf8d", "tent_name": "Page 3", "status": "queued", "publication_status": "pending"})",
    };
    bool items_member = true;
    std::string credits = R"({"reserved": 3, "consumed": 1, "refunded": 0, "pending_reconciliation": 2})";
    std::string created_at = R"("2026-03-25T14:30:00.000Z")";
    std::string updated_at = R"("2026-03-25T14:31:10.000Z")";
    std::vector<std::string> extra;

    std::string text() const
    {
        std::vector<std::string> members;
        auto add = [&](const char* name, const std::string& value) {
            if (!value.empty()) members.push_back(std::string("  \"") + name + "\": " + value);
        };
        add("bulk_job_id", bulk_job_id);
        add("status", status);
        add("template_id", template_id);
        add("auto_publish", auto_publish);
        add("total", total);
        add("queued", queued);
        add("generating", generating);
        add("completed", completed);
        add("failed", failed);
        if (items_member) {
            std::string list = "  \"items\": [\n";
            for (std::size_t i = 0; i < items.size(); ++i)
                list += "    " + items[i] + (i + 1 < items.size() ? ",\n" : "\n");
            members.push_back(list + "  ]");
        }
        add("credits", credits);
        add("created_at", created_at);
        add("updated_at", updated_at);
        for (const auto& e : extra) members.push_back("  " + e);
        std::string out = "{\n";
        for (std::size_t i = 0; i < members.size(); ++i) out += members[i] + (i + 1 < members.size() ? ",\n" : "\n");
        return out + "}\n";
    }
};

const std::string tent_a = "b6f8d617-7cfe-4d63-a8e9-5d971780d57f";
const std::string tent_c = "53e8237e-0c87-495d-8d10-946db64dbf8d";

/// The reference page's completed example: 3 completed, published items; credits 3, 3, 0, 0.
job_text completed_job()
{
    job_text j;
    j.status = R"("completed")";
    j.queued = "0";
    j.generating = "0";
    j.completed = "3";
    j.items = {
        R"({"index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "tent_name": "Page 1", "status": "completed", "publication_status": "published", "published_url": "https://example.com/1"})",
        R"({"index": 1, "tent_id": "85833f2b-40ba-4af4-b820-cf13f7356d7a", "tent_name": "Page 2", "status": "completed", "publication_status": "published", "published_url": "https://example.com/2"})",
        R"({"index": 2, "tent_id": "53e8237e-0c87-495d-8d10-946db64dbf8d", "tent_name": "Page 3", "status": "completed", "publication_status": "published", "published_url": "https://example.com/3"})",
    };
    j.credits = R"({"reserved": 3, "consumed": 3, "refunded": 0, "pending_reconciliation": 0})";
    return j;
}

/// A running job whose third item was rejected: completed, generating, rejected.
job_text job_with_rejected_item(const std::string& rejected_item)
{
    job_text j;
    j.queued = "0";
    j.items[2] = rejected_item;
    j.credits = R"({"reserved": 2, "consumed": 1, "refunded": 0, "pending_reconciliation": 1})";
    return j;
}

/// A running job whose second item failed: completed, failed, queued.
job_text job_with_failed_item(const std::string& failed_item)
{
    job_text j;
    j.generating = "0";
    j.failed = "1";
    j.items[1] = failed_item;
    j.credits = R"({"reserved": 3, "consumed": 1, "refunded": 1, "pending_reconciliation": 1})";
    return j;
}

/// The findings of rule `rule`, in report order.
std::vector<tc::diagnostic> of(const tc::report& r, const std::string& rule)
{
    std::vector<tc::diagnostic> out;
    for (const auto& d : r.diagnostics)
        if (d.rule == rule) out.push_back(d);
    return out;
}

/// The one finding of a report that must hold exactly one.
tc::diagnostic only(const tc::report& r)
{
    INFO(r.diagnostics.size() << " findings, rules:" << [&] {
        std::string s;
        for (const auto& d : r.diagnostics) s += " " + d.rule + " " + d.pointer + " (" + d.message + ")";
        return s;
    }());
    REQUIRE(r.diagnostics.size() == 1);
    return r.diagnostics.front();
}

std::string describe(const tc::report& r)
{
    std::ostringstream s;
    for (const auto& d : r.diagnostics)
        s << (d.line == tc::unknown_position ? std::string("?") : std::to_string(d.line)) << ':'
          << (d.column == tc::unknown_position ? std::string("?") : std::to_string(d.column)) << ' '
          << d.rule << ' ' << d.pointer << ": " << d.message << '\n';
    return s.str();
}

tc::report check(const job_text& j, const tc::options& o = {})
{
    const auto text = j.text();
    auto r = tc::validate(text, o);
    UNSCOPED_INFO("payload:\n" << text << "findings:\n" << describe(r));
    return r;
}

boost::json::value parse_deep(const std::string& text)
{
    boost::json::parse_options po;
    po.max_depth = 1000;
    return boost::json::parse(text, {}, po);
}

const std::vector<tc::corpus_case>& corpus()
{
    static const auto all = tc::load_corpus(support::corpus_dir());
    return all;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

/// The JSON value that starts at byte `offset` of `text`, read on its own.
std::optional<boost::json::value> value_at(std::string_view text, std::size_t offset)
{
    boost::json::parse_options po;
    po.max_depth = 1000;
    boost::json::stream_parser p({}, po);
    boost::system::error_code ec;
    p.write_some(text.data() + offset, text.size() - offset, ec);
    if (!ec && !p.done()) p.finish(ec);
    if (ec || !p.done()) return std::nullopt;
    return p.release();
}

/// The unescaped last segment of an RFC 6901 pointer, and the pointer of its parent.
std::pair<std::string, std::string> split_pointer(const std::string& pointer)
{
    const auto slash = pointer.rfind('/');
    std::string last = pointer.substr(slash + 1);
    for (std::size_t at; (at = last.find("~1")) != std::string::npos;) last.replace(at, 2, "/");
    for (std::size_t at; (at = last.find("~0")) != std::string::npos;) last.replace(at, 2, "~");
    return {pointer.substr(0, slash), last};
}

/** True when finding `d` sits where its pointer says, judged on the text alone: at the value the
    pointer names; at the member name for a name finding (unknown member, duplicate); at the
    enclosing object's `{` for a member that is absent. */
bool points_at(std::string_view text, const boost::json::value& dom, const tc::diagnostic& d)
{
    const auto [parent, last] = split_pointer(d.pointer);
    if (d.rule == "schema/unknown-field" || d.rule == "json/duplicate-key") {
        const auto name = value_at(text, d.offset);
        return name && name->is_string() && name->get_string() == last;
    }
    boost::system::error_code ec;
    const auto* named = dom.find_pointer(d.pointer, ec);
    const auto* expected = named ? named : dom.find_pointer(parent, ec);
    const auto found = value_at(text, d.offset);
    // NaN != NaN: Boost.JSON reads 0e+9999 as NaN (corpus/README.md, a fuzz finding).
    const auto nan = [](const boost::json::value& v) { return v.is_double() && std::isnan(v.get_double()); };
    return expected && found && (*found == *expected || (nan(*found) && nan(*expected)));
}

} // namespace

// ---- the helper payload ------------------------------------------------------------------------

TEST_CASE("the in-progress and completed payloads the tests start from are valid", "[validate]")
{
    CHECK(check(job_text{}).diagnostics.empty());
    CHECK(check(completed_job()).diagnostics.empty());
    CHECK(check(job_with_rejected_item(
                    R"({"index": 2, "status": "rejected", "error_code": "INSUFFICIENT_CREDITS", "message": "Not enough credits"})"))
              .diagnostics.empty());
    CHECK(check(job_with_failed_item(
                    R"({"index": 1, "tent_id": "85833f2b-40ba-4af4-b820-cf13f7356d7a", "tent_name": "Page 2", "status": "failed", "message": "Generation failed"})"))
              .diagnostics.empty());
}

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
    // A rejected item that repeats another's tent_id: items/tent-id-unique (section 3) and
    // item/tent-id (section 4) both point at its tent_id.
    auto j = job_with_rejected_item(R"({"index": 2, "tent_id": "B6F8D617-7CFE-4D63-A8E9-5D971780D57F", "status": "rejected", "error_code": "INSUFFICIENT_CREDITS", "message": "No credits"})");
    const auto text = j.text();
    for (const auto& r : {tc::validate(text), tc::validate(boost::json::parse(text))}) {
        INFO(describe(r));
        REQUIRE(r.diagnostics.size() == 3);
        CHECK(r.diagnostics[0].rule == "format/uuid-canonical");
        CHECK(r.diagnostics[1].rule == "items/tent-id-unique");
        CHECK(r.diagnostics[1].message ==
              "tent_id B6F8D617-7CFE-4D63-A8E9-5D971780D57F is also the tent_id of /items/0");
        CHECK(r.diagnostics[2].rule == "item/tent-id");
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

// ---- section 3: counts, items, limits ----------------------------------------------------------

TEST_CASE("items not holding total entries is items/count at the items array, and no counts finding", "[validate][counts]")
{
    job_text j; // total 3, queued 2 + generating 1, but 2 items: counts/buckets would also fire
    j.queued = "2";
    j.items.pop_back();
    j.items[0] = R"({"index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "tent_name": "Page 1", "status": "queued"})";
    j.completed = "0";
    j.credits = R"({"reserved": 3, "consumed": 0, "refunded": 0, "pending_reconciliation": 3})";
    const auto d = only(check(j));
    CHECK(d.rule == "items/count");
    CHECK(d.pointer == "/items");
    CHECK(d.line == 11);
    CHECK(d.column == 12);
    CHECK(d.message == "items holds 2 entries but total is 3");
}

TEST_CASE("counters that do not add up to total are counts/sum-to-total, beside the bucket finding naming the counter",
          "[validate][counts]")
{
    job_text j;
    j.completed = "0"; // one completed item, counted nowhere
    const auto r = check(j);
    CHECK(r.rule_ids() == ids{"counts/buckets", "counts/sum-to-total"});
    const auto d = of(r, "counts/sum-to-total").at(0);
    CHECK(d.pointer == "/total");
    CHECK(d.line == 6);
    CHECK(d.column == 12);
    CHECK(d.message == "queued 1 + generating 1 + completed 0 + failed 0 + rejected items 0 = 2, but total is 3");
    const auto b = of(r, "counts/buckets").at(0);
    CHECK(b.pointer == "/completed");
    CHECK(b.message == "completed is 0 but 1 item has status \"completed\"");
}

TEST_CASE("a rejected item counted as failed breaks counts/sum-to-total", "[validate][counts]")
{
    auto j = job_with_rejected_item(
        R"({"index": 2, "status": "rejected", "error_code": "INSUFFICIENT_CREDITS", "message": "Not enough credits"})");
    j.failed = "1";
    const auto r = check(j);
    CHECK(r.rule_ids() == ids{"counts/buckets", "counts/sum-to-total"});
    CHECK_THAT(of(r, "counts/sum-to-total").at(0).message, Contains("rejected items 1 = 4, but total is 3"));
    CHECK(of(r, "counts/buckets").at(0).message == "failed is 1 but 0 items have status \"failed\"");
}

TEST_CASE("a counter that differs from its items is counts/buckets, naming the counter and both numbers", "[validate][counts]")
{
    job_text j; // items: queued, generating, generating
    j.queued = "2";
    j.generating = "1";
    j.completed = "0";
    j.items[0] = R"({"index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "tent_name": "Page 1", "status": "generating", "publication_status": "pending"})";
    j.credits = R"({"reserved": 3, "consumed": 0, "refunded": 0, "pending_reconciliation": 3})";
    const auto r = check(j);
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.rule_ids() == ids{"counts/buckets"});
    const auto& queued = r.diagnostics[0];
    CHECK(queued.pointer == "/queued");
    CHECK(queued.line == 7);
    CHECK(queued.column == 13);
    CHECK(queued.message == "queued is 2 but 1 item has status \"queued\"");
    const auto& generating = r.diagnostics[1];
    CHECK(generating.pointer == "/generating");
    CHECK(generating.line == 8);
    CHECK(generating.column == 17);
    CHECK(generating.message == "generating is 1 but 2 items have status \"generating\"");
}

TEST_CASE("an index outside 0 to total-1 is items/index-range at that index", "[validate][items]")
{
    job_text j;
    j.items[2] = R"({"index": 3, "tent_id": "53e8237e-0c87-495d-8d10-946db64dbf8d", "tent_name": "Page 3", "status": "queued", "publication_status": "pending"})";
    const auto d = only(check(j));
    CHECK(d.rule == "items/index-range");
    CHECK(d.pointer == "/items/2/index");
    CHECK(d.line == 14);
    CHECK(d.column == 15);
    CHECK(d.message == "index 3 is outside [0, total) = [0, 3)");
}

TEST_CASE("two items sharing an index are items/index-unique at the second one", "[validate][items]")
{
    job_text j;
    j.items[2] = R"({"index": 1, "tent_id": "53e8237e-0c87-495d-8d10-946db64dbf8d", "tent_name": "Page 3", "status": "queued", "publication_status": "pending"})";
    const auto d = only(check(j));
    CHECK(d.rule == "items/index-unique");
    CHECK(d.pointer == "/items/2/index");
    CHECK(d.line == 14);
    CHECK(d.column == 15);
    CHECK(d.message == "index 1 is also the index of /items/1");
}

TEST_CASE("items out of index order are one items/order warning at the first step back", "[validate][items]")
{
    job_text j; // indexes 2, 1, 0
    std::swap(j.items[0], j.items[2]);
    const auto r = check(j);
    const auto d = only(r);
    CHECK(d.rule == "items/order");
    CHECK(d.severity == tc::severity::warning);
    CHECK(d.pointer == "/items/1/index");
    CHECK(d.line == 13);
    CHECK(d.column == 15);
    CHECK(d.message == "items are not in ascending index order: index 1 follows index 2");
    CHECK(r.ok());
}

TEST_CASE("two items sharing a tent_id are items/tent-id-unique at the second one", "[validate][items]")
{
    job_text j;
    j.items[2] = R"({"tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "index": 2, "tent_name": "Page 3", "status": "queued", "publication_status": "pending"})";
    const auto d = only(check(j));
    CHECK(d.rule == "items/tent-id-unique");
    CHECK(d.pointer == "/items/2/tent_id");
    CHECK(d.line == 14);
    CHECK(d.column == 17);
    CHECK(d.message == "tent_id " + tent_a + " is also the tent_id of /items/0");
}

TEST_CASE("a total of 0 is limits/total", "[validate][limits]")
{
    job_text j;
    j.status = R"("failed")";
    j.total = j.queued = j.generating = j.completed = j.failed = "0";
    j.items.clear();
    j.credits = R"({"reserved": 0, "consumed": 0, "refunded": 0, "pending_reconciliation": 0})";
    const auto d = only(check(j));
    CHECK(d.rule == "limits/total");
    CHECK(d.pointer == "/total");
    CHECK(d.line == 6);
    CHECK(d.column == 12);
    CHECK_THAT(d.message, Contains("total is 0, outside 1..25"));
}

// ---- section 4: items --------------------------------------------------------------------------

TEST_CASE("an accepted item without tent_id is item/tent-id at the item's brace", "[validate][item]")
{
    job_text j;
    j.items[2] = R"({"index": 2, "tent_name": "Page 3", "status": "queued", "publication_status": "pending"})";
    const auto d = only(check(j));
    CHECK(d.rule == "item/tent-id");
    CHECK(d.pointer == "/items/2/tent_id");
    CHECK(d.line == 14);
    CHECK(d.column == 5);
    CHECK_THAT(d.message, Contains("status \"queued\"") && Contains("has no tent_id"));
}

TEST_CASE("a rejected item with a tent_id is reported at its pointer", "[validate][item]")
{
    const auto d = only(check(job_with_rejected_item(
        R"({"tent_id": "53e8237e-0c87-495d-8d10-946db64dbf8d", "index": 2, "status": "rejected", "error_code": "INSUFFICIENT_CREDITS", "message": "Not enough credits"})")));
    CHECK(d.rule == "item/tent-id");
    CHECK(d.pointer == "/items/2/tent_id");
    CHECK(d.line == 14);
    CHECK(d.column == 17);
    CHECK_THAT(d.message, Contains("a rejected item has tent_id " + tent_c));
}

TEST_CASE("an accepted item without tent_name is item/tent-name", "[validate][item]")
{
    auto j = completed_job();
    j.items[0] = R"({"index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "status": "completed", "publication_status": "published", "published_url": "https://example.com/1"})";
    const auto d = only(check(j));
    CHECK(d.rule == "item/tent-name");
    CHECK(d.pointer == "/items/0/tent_name");
    CHECK(d.line == 12);
    CHECK(d.column == 5);
    CHECK_THAT(d.message, Contains("status \"completed\"") && Contains("no tent_name"));
}

TEST_CASE("a rejected item without error_code is item/error-code", "[validate][item]")
{
    const auto d = only(check(job_with_rejected_item(R"({"index": 2, "status": "rejected", "message": "Not enough credits"})")));
    CHECK(d.rule == "item/error-code");
    CHECK(d.pointer == "/items/2/error_code");
    CHECK(d.line == 14);
    CHECK(d.column == 5);
    CHECK(d.message == "a rejected item has no error_code (present for rejected items)");
}

TEST_CASE("a generating item with an error_code is item/unexpected-error-code, a warning", "[validate][item]")
{
    job_text j;
    j.items[1] = R"({"error_code": "SLOW", "index": 1, "tent_id": "85833f2b-40ba-4af4-b820-cf13f7356d7a", "tent_name": "Page 2", "status": "generating", "publication_status": "pending"})";
    const auto r = check(j);
    const auto d = only(r);
    CHECK(d.rule == "item/unexpected-error-code");
    CHECK(d.severity == tc::severity::warning);
    CHECK(d.pointer == "/items/1/error_code");
    CHECK(d.line == 13);
    CHECK(d.column == 20);
    CHECK_THAT(d.message, Contains("status \"generating\"") && Contains("error_code SLOW"));
    CHECK(r.ok());
}

TEST_CASE("a failed or rejected item without message is item/message", "[validate][item]")
{
    SECTION("failed")
    {
        const auto d = only(check(job_with_failed_item(
            R"({"index": 1, "tent_id": "85833f2b-40ba-4af4-b820-cf13f7356d7a", "tent_name": "Page 2", "status": "failed"})")));
        CHECK(d.rule == "item/message");
        CHECK(d.pointer == "/items/1/message");
        CHECK(d.line == 13);
        CHECK(d.column == 5);
        CHECK_THAT(d.message, Contains("status \"failed\" has no message"));
    }
    SECTION("rejected")
    {
        const auto d = only(check(
            job_with_rejected_item(R"({"index": 2, "status": "rejected", "error_code": "INSUFFICIENT_CREDITS"})")));
        CHECK(d.rule == "item/message");
        CHECK(d.pointer == "/items/2/message");
        CHECK_THAT(d.message, Contains("status \"rejected\" has no message"));
    }
}

TEST_CASE("a completed item with a message is item/unexpected-message, a warning", "[validate][item]")
{
    auto j = completed_job();
    j.items[2] = R"({"message": "done", "index": 2, "tent_id": "53e8237e-0c87-495d-8d10-946db64dbf8d", "tent_name": "Page 3", "status": "completed", "publication_status": "published", "published_url": "https://example.com/3"})";
    const auto d = only(check(j));
    CHECK(d.rule == "item/unexpected-message");
    CHECK(d.severity == tc::severity::warning);
    CHECK(d.pointer == "/items/2/message");
    CHECK(d.line == 14);
    CHECK(d.column == 17);
    CHECK_THAT(d.message, Contains("status \"completed\" carries a message"));
}

// ---- section 5: publication --------------------------------------------------------------------

TEST_CASE("published without published_url, or a url without a published status, is publication/url", "[validate][publication]")
{
    SECTION("published, no url: at the item's brace")
    {
        job_text j;
        j.items[0] = R"({"index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "tent_name": "Page 1", "status": "completed", "publication_status": "published"})";
        const auto d = only(check(j));
        CHECK(d.rule == "publication/url");
        CHECK(d.pointer == "/items/0/published_url");
        CHECK(d.line == 12);
        CHECK(d.column == 5);
        CHECK(d.message == "publication_status is \"published\" but published_url is absent");
    }
    SECTION("pending with a url: at the url")
    {
        job_text j;
        j.items[0] = R"({"published_url": "https://example.com/1", "index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "tent_name": "Page 1", "status": "completed", "publication_status": "pending"})";
        const auto d = only(check(j));
        CHECK(d.rule == "publication/url");
        CHECK(d.pointer == "/items/0/published_url");
        CHECK(d.line == 12);
        CHECK(d.column == 23);
        CHECK_THAT(d.message, Contains("published_url is present but publication_status is \"pending\""));
    }
    SECTION("a url and no publication_status")
    {
        job_text j;
        j.items[0] = R"({"index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "tent_name": "Page 1", "status": "completed", "published_url": "https://example.com/1"})";
        const auto d = only(check(j));
        CHECK(d.rule == "publication/url");
        CHECK_THAT(d.message, Contains("publication_status is absent"));
    }
}

TEST_CASE("publication on an item that is not completed is publication/requires-generation", "[validate][publication]")
{
    SECTION("published while generating")
    {
        job_text j;
        j.items[1] = R"({"publication_status": "published", "index": 1, "tent_id": "85833f2b-40ba-4af4-b820-cf13f7356d7a", "tent_name": "Page 2", "status": "generating", "published_url": "https://example.com/2"})";
        const auto d = only(check(j));
        CHECK(d.rule == "publication/requires-generation");
        CHECK(d.pointer == "/items/1/publication_status");
        CHECK(d.line == 13);
        CHECK(d.column == 28);
        CHECK(d.message ==
              "publication_status \"published\" on an item with status \"generating\" (only a completed tent is published)");
    }
    SECTION("a published_url on a rejected item, which is also a url without a published status")
    {
        const auto r = check(job_with_rejected_item(
            R"({"published_url": "https://example.com/3", "index": 2, "status": "rejected", "error_code": "INSUFFICIENT_CREDITS", "message": "Not enough credits"})"));
        CHECK(r.rule_ids() == ids{"publication/requires-generation", "publication/url"});
        const auto d = of(r, "publication/requires-generation").at(0);
        CHECK(d.pointer == "/items/2/published_url");
        CHECK(d.line == 14);
        CHECK(d.column == 23);
        CHECK_THAT(d.message, Contains("a rejected item carries publication fields"));
    }
}

TEST_CASE("publication fields in a job without auto_publish are a requires-auto-publish warning per item", "[validate][publication]")
{
    job_text j;
    j.auto_publish = "false";
    const auto r = check(j);
    CHECK(r.ok());
    REQUIRE(r.diagnostics.size() == 3);
    CHECK(r.rule_ids() == ids{"publication/requires-auto-publish"});
    CHECK(r.diagnostics[0].pointer == "/items/0/publication_status");
    CHECK(r.diagnostics[0].severity == tc::severity::warning);
    CHECK(r.diagnostics[1].pointer == "/items/1/publication_status");
    CHECK(r.diagnostics[2].pointer == "/items/2/publication_status");
    CHECK(r.diagnostics[2].line == 14);
    CHECK_THAT(r.diagnostics[0].message, Contains("auto_publish is false"));
}

TEST_CASE("publication pending on a failed item is publication/stale-pending, a warning", "[validate][publication]")
{
    const auto d = only(check(job_with_failed_item(
        R"({"publication_status": "pending", "index": 1, "tent_id": "85833f2b-40ba-4af4-b820-cf13f7356d7a", "tent_name": "Page 2", "status": "failed", "message": "Generation failed"})")));
    CHECK(d.rule == "publication/stale-pending");
    CHECK(d.severity == tc::severity::warning);
    CHECK(d.pointer == "/items/1/publication_status");
    CHECK(d.line == 13);
    CHECK(d.column == 28);
    CHECK_THAT(d.message, Contains("\"pending\" on a failed item"));
}

// ---- section 6: job status ---------------------------------------------------------------------

TEST_CASE("a job status the counters contradict names the status they imply", "[validate][status]")
{
    SECTION("running, but nothing is queued or generating")
    {
        auto j = completed_job();
        j.status = R"("running")";
        const auto d = only(check(j));
        CHECK(d.rule == "status/consistent-with-counts");
        CHECK(d.pointer == "/status");
        CHECK(d.line == 3);
        CHECK(d.column == 13);
        CHECK(d.message == "status \"running\" contradicts the counters: queued 0, generating 0, completed 3, "
                           "failed 0 of 3 accepted items imply \"completed\"");
    }
    SECTION("accepted while items are generating and completed")
    {
        job_text j;
        j.status = R"("accepted")";
        const auto d = only(check(j));
        CHECK(d.rule == "status/consistent-with-counts");
        CHECK_THAT(d.message, Contains("status \"accepted\" contradicts") && Contains("imply \"running\""));
    }
    SECTION("completed while every item is still queued: credits/settled holds as well")
    {
        job_text j;
        j.status = R"("completed")";
        j.queued = "3";
        j.generating = j.completed = "0";
        j.items[0] = R"({"index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "tent_name": "Page 1", "status": "queued", "publication_status": "pending"})";
        j.items[1] = R"({"index": 1, "tent_id": "85833f2b-40ba-4af4-b820-cf13f7356d7a", "tent_name": "Page 2", "status": "queued", "publication_status": "pending"})";
        j.credits = R"({"reserved": 3, "consumed": 0, "refunded": 0, "pending_reconciliation": 3})";
        const auto r = check(j);
        CHECK(r.rule_ids() == ids{"credits/settled", "status/consistent-with-counts"});
        const auto status = of(r, "status/consistent-with-counts");
        REQUIRE(status.size() == 1);
        CHECK(status[0].message == "status \"completed\" contradicts the counters: queued 3, generating 0, completed 0, "
                                   "failed 0 of 3 accepted items imply \"accepted\" or \"running\"");
    }
    SECTION("every item rejected, but not failed: the message says the reference leaves it open")
    {
        job_text j;
        j.status = R"("completed")";
        j.total = "2";
        j.queued = j.generating = j.completed = j.failed = "0";
        j.items = {R"({"index": 0, "status": "rejected", "error_code": "INSUFFICIENT_CREDITS", "message": "Not enough credits"})",
                   R"({"index": 1, "status": "rejected", "error_code": "INSUFFICIENT_CREDITS", "message": "Not enough credits"})"};
        j.credits = R"({"reserved": 0, "consumed": 0, "refunded": 0, "pending_reconciliation": 0})";
        const auto d = only(check(j));
        CHECK(d.rule == "status/consistent-with-counts");
        CHECK_THAT(d.message, Contains("every item was rejected") && Contains("leaves this case open") &&
                                  Contains("\"failed\""));
    }
}

// ---- section 7: credits ------------------------------------------------------------------------

TEST_CASE("credits that do not balance are credits/balance at reserved, and no unit-cost finding", "[validate][credits]")
{
    job_text j; // pending_reconciliation 1 would also break the unit cost (expected 2)
    j.credits = R"({"reserved": 3, "consumed": 1, "refunded": 0, "pending_reconciliation": 1})";
    const auto d = only(check(j));
    CHECK(d.rule == "credits/balance");
    CHECK(d.pointer == "/credits/reserved");
    CHECK(d.line == 16);
    CHECK(d.column == 27);
    CHECK(d.message == "reserved 3 != consumed 1 + refunded 0 + pending_reconciliation 1 = 2");
}

TEST_CASE("a terminal job with credits pending is credits/settled at pending_reconciliation", "[validate][credits]")
{
    auto j = completed_job();
    j.credits = R"({"reserved": 4, "consumed": 3, "refunded": 0, "pending_reconciliation": 1})";
    const auto r = check(j);
    const auto d = only(r);
    CHECK(d.rule == "credits/settled");
    CHECK(d.severity == tc::severity::warning);
    CHECK(d.pointer == "/credits/pending_reconciliation");
    CHECK(d.line == 16);
    CHECK(d.column == 86);
    CHECK_THAT(d.message, Contains("\"completed\" is terminal") && Contains("pending_reconciliation is 1"));
    CHECK(r.ok());
}

TEST_CASE("credits that follow no fixed cost per item are credits/unit-cost, naming the expected value", "[validate][credits]")
{
    SECTION("consumed at 1 per item where reserved says 2")
    {
        auto j = completed_job();
        j.credits = R"({"reserved": 6, "consumed": 3, "refunded": 3, "pending_reconciliation": 0})";
        const auto d = only(check(j));
        CHECK(d.rule == "credits/unit-cost");
        CHECK(d.severity == tc::severity::warning);
        CHECK(d.pointer == "/credits/consumed");
        CHECK(d.line == 16);
        CHECK(d.column == 42);
        CHECK(d.message == "consumed is 3 but at 2 credits per accepted item (reserved 6 for 3) it should be "
                           "2 x completed 3 = 6");
    }
    SECTION("reserved not a multiple of the accepted items")
    {
        auto j = job_with_rejected_item(
            R"({"index": 2, "status": "rejected", "error_code": "INSUFFICIENT_CREDITS", "message": "Not enough credits"})");
        j.credits = R"({"reserved": 3, "consumed": 1, "refunded": 1, "pending_reconciliation": 1})";
        const auto d = only(check(j));
        CHECK(d.rule == "credits/unit-cost");
        CHECK(d.pointer == "/credits/reserved");
        CHECK_THAT(d.message, Contains("reserved 3 is not a positive multiple of the 2 accepted items"));
    }
}

// ---- section 8: time ---------------------------------------------------------------------------

TEST_CASE("updated_at earlier than created_at is time/order at updated_at", "[validate][time]")
{
    job_text j;
    j.updated_at = R"("2026-03-25T14:29:59.999Z")";
    const auto d = only(check(j));
    CHECK(d.rule == "time/order");
    CHECK(d.pointer == "/updated_at");
    CHECK(d.line == 18);
    CHECK(d.column == 17);
    CHECK(d.message == "updated_at 2026-03-25T14:29:59.999Z is earlier than created_at 2026-03-25T14:30:00.000Z");
}

TEST_CASE("time/order compares instants, not texts, across offsets", "[validate][time]")
{
    SECTION("15:00+01:00 is 14:00Z, before 14:30Z")
    {
        job_text j;
        j.updated_at = R"("2026-03-25T15:00:00.000+01:00")";
        const auto r = check(j);
        CHECK(r.rule_ids() == ids{"format/timestamp-canonical", "time/order"});
    }
    SECTION("13:30-01:00 is 14:30Z, the same instant: only the canonical-form warning")
    {
        job_text j;
        j.updated_at = R"("2026-03-25T13:30:00.000-01:00")";
        const auto r = check(j);
        CHECK(r.rule_ids() == ids{"format/timestamp-canonical"});
    }
    SECTION("an invalid updated_at is format/timestamp alone")
    {
        job_text j;
        j.updated_at = R"("2026-03-25T24:00:00.000Z")";
        CHECK(check(j).rule_ids() == ids{"format/timestamp"});
    }
}

// ---- no cascade --------------------------------------------------------------------------------

TEST_CASE("a root cause is reported once: the rules that would only restate it stay silent", "[validate][cascade]")
{
    SECTION("items/count suppresses counts/buckets and credits/unit-cost")
    {
        job_text j; // total 4 = queued 2 + generating 1 + completed 1, but 3 items, 1 of them queued
        j.total = "4";
        j.queued = "2";
        j.credits = R"({"reserved": 4, "consumed": 1, "refunded": 0, "pending_reconciliation": 3})";
        CHECK(check(j).rule_ids() == ids{"items/count"});
    }
    SECTION("counts/sum-to-total comes with counts/buckets; they suppress status and credits/unit-cost")
    {
        auto j = completed_job();
        j.completed = "2";
        j.status = R"("running")";
        CHECK(check(j).rule_ids() == ids{"counts/buckets", "counts/sum-to-total"});
    }
    SECTION("counts/buckets suppresses status/consistent-with-counts and credits/unit-cost")
    {
        auto j = completed_job(); // 3 completed items counted as completed 2, failed 1
        j.completed = "2";
        j.failed = "1";
        CHECK(check(j).rule_ids() == ids{"counts/buckets"});
    }
    SECTION("credits/balance suppresses credits/unit-cost and credits/settled")
    {
        auto j = completed_job();
        j.credits = R"({"reserved": 5, "consumed": 3, "refunded": 0, "pending_reconciliation": 1})";
        CHECK(check(j).rule_ids() == ids{"credits/balance"});
    }
    SECTION("publication/requires-generation does not suppress publication/url: both hold")
    {
        job_text j; // published while queued, without a url
        j.items[2] = R"({"index": 2, "tent_id": "53e8237e-0c87-495d-8d10-946db64dbf8d", "tent_name": "Page 3", "status": "queued", "publication_status": "published"})";
        CHECK(check(j).rule_ids() == ids{"publication/requires-generation", "publication/url"});
    }
    SECTION("an item status outside its set suppresses the counts and that item's rules")
    {
        job_text j;
        j.items[2] = R"({"index": 2, "status": "waiting"})";
        CHECK(check(j).rule_ids() == ids{"schema/enum"});
    }
    SECTION("a missing counter suppresses every rule that needs it")
    {
        job_text j; // "accepted" contradicts generating 1, completed 1: not reported without queued
        j.queued.clear();
        j.status = R"("accepted")";
        CHECK(check(j).rule_ids() == ids{"schema/required"});
    }
    SECTION("an unparsable created_at suppresses time/order")
    {
        job_text j;
        j.created_at = R"("yesterday")";
        j.updated_at = R"("2000-01-01T00:00:00.000Z")";
        CHECK(check(j).rule_ids() == ids{"format/timestamp"});
    }
}

TEST_CASE("a rule off or a warning holds nothing back: issue 11's payload still names the wrong counter",
          "[validate][cascade][options]")
{
    // status completed, completed 2, failed 1, total 2; the items: one completed, one failed.
    const auto text = support::read(support::corpus_dir() / "invalid/counts/buckets/completed-2-failed-1-of-total-2-one-item-each.json");
    const std::string buckets = "completed is 2 but 1 item has status \"completed\"";
    const auto r = tc::validate(text);
    CHECK(r.rule_ids() == ids{"counts/buckets", "counts/sum-to-total"});
    CHECK(of(r, "counts/buckets").at(0).message == buckets);
    tc::options off;
    off.disable("counts/sum-to-total");
    const auto d = only(tc::validate(text, off));
    CHECK(d.rule == "counts/buckets");
    CHECK(d.message == buckets);
    tc::options warning;
    warning.set_severity("counts/sum-to-total", tc::severity::warning);
    const auto w = tc::validate(text, warning);
    CHECK(w.rule_ids() == ids{"counts/buckets", "counts/sum-to-total"});
    CHECK(of(w, "counts/sum-to-total").at(0).severity == tc::severity::warning);
    CHECK_FALSE(w.ok());
}

TEST_CASE("independent findings are all collected, sorted by position", "[validate]")
{
    job_text j;
    j.bulk_job_id = R"("01jqzb4h8a7t5b3r2w1x9y6z0k")";
    j.items[2] = R"({"index": 2, "tent_name": "Page 3", "status": "queued", "publication_status": "pending"})";
    j.credits = R"({"reserved": 3, "consumed": 1, "refunded": 0, "pending_reconciliation": 1})";
    j.extra = {R"("priority": "high")"};
    const auto r = check(j);
    CHECK(r.rule_ids() == ids{"credits/balance", "format/ulid-canonical", "item/tent-id", "schema/unknown-field"});
    REQUIRE(r.diagnostics.size() == 4);
    CHECK(r.diagnostics[0].rule == "format/ulid-canonical");
    CHECK(r.diagnostics[1].rule == "item/tent-id");
    CHECK(r.diagnostics[2].rule == "credits/balance");
    CHECK(r.diagnostics[3].rule == "schema/unknown-field");
    for (std::size_t i = 1; i < r.diagnostics.size(); ++i) CHECK(r.diagnostics[i - 1].offset <= r.diagnostics[i].offset);
    CHECK(r.count(tc::severity::error) == 2);
    CHECK(r.count(tc::severity::warning) == 2);
}

// ---- options -----------------------------------------------------------------------------------

TEST_CASE("a disabled rule reports nothing, by id or by enumerator", "[validate][options]")
{
    job_text j;
    std::swap(j.items[0], j.items[2]);
    REQUIRE(check(j).rule_ids() == ids{"items/order"});
    tc::options by_id;
    by_id.disable("items/order");
    CHECK(check(j, by_id).diagnostics.empty());
    tc::options by_enum;
    by_enum.disable(tc::rule::items_order);
    CHECK(check(j, by_enum).diagnostics.empty());
    CHECK_FALSE(by_id.enabled(tc::rule::items_order));
    CHECK(by_id.enabled(tc::rule::items_count));
    CHECK_FALSE(by_id.effective(tc::rule::items_order).has_value());
}

TEST_CASE("set_severity promotes a warning or downgrades an error", "[validate][options]")
{
    job_text order;
    std::swap(order.items[0], order.items[2]);
    tc::options promote;
    promote.set_severity("items/order", tc::severity::error);
    const auto promoted = check(order, promote);
    REQUIRE(promoted.diagnostics.size() == 1);
    CHECK(promoted.diagnostics[0].severity == tc::severity::error);
    CHECK_FALSE(promoted.ok());

    job_text late;
    late.updated_at = R"("2026-03-25T14:29:59.999Z")";
    tc::options downgrade;
    downgrade.set_severity("time/order", tc::severity::warning);
    const auto downgraded = check(late, downgrade);
    REQUIRE(downgraded.diagnostics.size() == 1);
    CHECK(downgraded.diagnostics[0].rule == "time/order");
    CHECK(downgraded.diagnostics[0].severity == tc::severity::warning);
    CHECK(downgraded.ok());
}

TEST_CASE("warnings_as_errors promotes every warning, but a per-rule setting wins over it", "[validate][options]")
{
    job_text j;
    j.extra = {R"("priority": 1)"};
    std::swap(j.items[0], j.items[2]);
    tc::options strict;
    strict.warnings_as_errors = true;
    const auto r = check(j, strict);
    CHECK(r.rule_ids() == ids{"items/order", "schema/unknown-field"});
    CHECK(r.count(tc::severity::error) == 2);
    CHECK_FALSE(r.ok());

    strict.set_severity("schema/unknown-field", tc::severity::warning);
    strict.disable("items/order");
    const auto relaxed = check(j, strict);
    REQUIRE(relaxed.diagnostics.size() == 1);
    CHECK(relaxed.diagnostics[0].rule == "schema/unknown-field");
    CHECK(relaxed.diagnostics[0].severity == tc::severity::warning);
    CHECK(relaxed.ok());
}

TEST_CASE("max_items is the upper bound of limits/total", "[validate][options][limits]")
{
    tc::options two;
    two.max_items = 2;
    const auto d = only(check(job_text{}, two));
    CHECK(d.rule == "limits/total");
    CHECK(d.pointer == "/total");
    CHECK(d.message == "total is 3, outside 1..2 (a bulk request holds between 1 and 2 items)");
    tc::options three;
    three.max_items = 3;
    CHECK(check(job_text{}, three).diagnostics.empty());
    tc::options none;
    none.max_items = 0;
    CHECK(only(check(job_text{}, none)).message == "total is 3, but the item limit (max_items) is 0: no total is within it");
}

TEST_CASE("max_bytes refuses a larger input before parsing, naming both sizes", "[validate][options][json]")
{
    const auto text = job_text{}.text();
    tc::options exact;
    exact.max_bytes = text.size();
    CHECK(tc::validate(text, exact).diagnostics.empty());

    tc::options smaller;
    smaller.max_bytes = text.size() - 1;
    const auto d = only(tc::validate(text, smaller));
    CHECK(d.rule == "json/too-large");
    CHECK(d.pointer == "");
    CHECK(d.line == 1);
    CHECK(d.column == 1);
    CHECK_THAT(d.message, Contains(std::to_string(text.size()) + " bytes") &&
                              Contains("limit of " + std::to_string(text.size() - 1) + " bytes"));
}

TEST_CASE("max_depth counts the root: a normal payload needs 3", "[validate][options][json]")
{
    const auto text = job_text{}.text();
    tc::options three;
    three.max_depth = 3;
    CHECK(tc::validate(text, three).diagnostics.empty());

    tc::options two;
    two.max_depth = 2;
    const auto d = only(tc::validate(text, two));
    CHECK(d.rule == "json/depth");
    CHECK(d.line == 12); // the first item's brace, the third level
    CHECK(d.column == 5);
    CHECK_THAT(d.message, Contains("limit of 2"));
}

TEST_CASE("an unknown rule id in the options throws std::invalid_argument naming it", "[validate][options]")
{
    tc::options o;
    CHECK_THROWS_AS(o.disable("counts/bucket"), std::invalid_argument);
    CHECK_THROWS_WITH(o.disable("counts/bucket"), Contains("'counts/bucket'"));
    CHECK_THROWS_AS(o.set_severity("Items/Order", tc::severity::error), std::invalid_argument);
    CHECK_THROWS_AS(o.disable(""), std::invalid_argument);
    CHECK_NOTHROW(o.disable("counts/buckets"));
}

TEST_CASE("the rules that stop all checking stay errors: no option lets an unread input pass", "[validate][options]")
{
    for (const auto* id : {"json/syntax", "json/depth", "json/too-large"}) {
        INFO(id);
        tc::options o;
        CHECK_THROWS_WITH(o.disable(id), std::string(id) + " cannot be turned off or made a warning: when it fires "
                                                           "nothing else is checked, so the input would pass unchecked");
        CHECK_THROWS_AS(o.set_severity(id, tc::severity::warning), std::invalid_argument);
        CHECK_NOTHROW(o.set_severity(id, tc::severity::error));
        CHECK(o.effective(*tc::find_rule(id)) == tc::severity::error);
    }
    std::size_t stopping = 0;
    for (const auto& r : tc::catalogue()) stopping += tc::stops_checking(r.which);
    CHECK(stopping == 3);
    tc::options o;
    o.max_bytes = 2;
    CHECK_FALSE(tc::validate("{}  ", o).ok());
}

TEST_CASE("the default options follow docs/contract.md", "[validate][options]")
{
    const tc::options o;
    CHECK(o.max_bytes == std::size_t{64} * 1024 * 1024);
    CHECK(o.max_depth == 64);
    CHECK(o.max_items == 25);
    CHECK_FALSE(o.warnings_as_errors);
    for (const auto& r : tc::catalogue()) {
        INFO(r.id);
        CHECK(o.effective(r.which) == r.default_severity);
    }
}

// ---- validate(value), validate(job), encode, decode --------------------------------------------

// A DOM cannot hold some numbers exactly: Boost.JSON 1.81 reads 0e+9999 as NaN and rounds
// 2136996262832752.2 to a whole double. Only the text path, which judges the digits, sees them.
// A text is lossy when one of its numbers reads differently through Boost.JSON than through
// strtod.
namespace {
bool dom_loses_a_number(const std::string& text)
{
    const std::string number_chars = "0123456789+-.eE";
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        if (c != '-' && (c < '0' || c > '9')) continue;
        const auto end = std::min(text.find_first_not_of(number_chars, i), text.size());
        const std::string token = text.substr(i, end - i);
        i = end - 1;
        boost::system::error_code ec;
        const auto v = boost::json::parse(token, ec);
        if (!ec && v.is_double() && !(v.as_double() == std::strtod(token.c_str(), nullptr))) return true;
    }
    return false;
}
} // namespace

TEST_CASE("validate on a parsed value raises the same rules as on the text, without positions", "[validate][corpus]")
{
    std::size_t compared = 0;
    std::vector<std::string> lossy;
    for (const auto& c : corpus()) {
        if (c.kind != tc::case_kind::payload) continue;
        if (!starts_with(c.name, "valid/") && !starts_with(c.name, "invalid/")) continue;
        if (starts_with(c.name, "invalid/json/")) continue;
        if (dom_loses_a_number(support::read(c.path))) {
            lossy.push_back(c.name);
            continue;
        }
        INFO(c.name);
        const auto text = support::read(c.path);
        const auto from_text = tc::validate(text, c.opts);
        const auto from_value = tc::validate(parse_deep(text), c.opts);
        CHECK(from_value.rule_ids() == from_text.rule_ids());
        CHECK(from_value.rule_ids() == c.expected);
        CHECK(from_value.diagnostics.size() == from_text.diagnostics.size());
        for (const auto& d : from_value.diagnostics) {
            CHECK(d.offset == tc::unknown_position);
            CHECK(d.line == tc::unknown_position);
            CHECK(d.column == tc::unknown_position);
        }
        ++compared;
    }
    CHECK(compared >= 150);
    // The three cases made of such numbers, and no other.
    std::sort(lossy.begin(), lossy.end());
    CHECK(lossy == std::vector<std::string>{
                       "invalid/schema/integer-notation/failed-zero-with-exponent-9999.json",
                       "invalid/schema/integer/generating-fraction-a-double-rounds-away.json",
                       "invalid/schema/integer/total-fraction-past-2-pow-50-seed-1.json"});
}

TEST_CASE("every finding on a corpus payload points at the text its JSON Pointer names", "[validate][locate][corpus]")
{
    std::size_t checked = 0;
    for (const auto& c : corpus()) {
        if (c.kind != tc::case_kind::payload) continue;
        if (!starts_with(c.name, "valid/") && !starts_with(c.name, "invalid/") && !starts_with(c.name, "docs/")) continue;
        if (starts_with(c.name, "invalid/json/") || dom_loses_a_number(support::read(c.path))) continue;
        INFO(c.name);
        const auto text = support::read(c.path);
        const auto r = tc::validate(text, c.opts);
        INFO(describe(r));
        const auto dom = parse_deep(text);
        for (const auto& d : r.diagnostics) {
            INFO(d.rule << " at " << d.pointer);
            REQUIRE(d.offset < text.size());
            const auto lc = tc::locate(text, d.offset);
            CHECK(d.line == lc.line);
            CHECK(d.column == lc.column);
            CHECK(points_at(text, dom, d));
            ++checked;
        }
    }
    CHECK(checked >= 100);
}

TEST_CASE("every valid corpus payload round-trips through encode and decode to an equal job", "[validate][encode][corpus]")
{
    std::size_t compared = 0;
    for (const auto& c : corpus()) {
        if (c.kind != tc::case_kind::payload || !starts_with(c.name, "valid/")) continue;
        INFO(c.name);
        const auto decoded = tc::decode(support::read(c.path), c.opts);
        REQUIRE(decoded.job);
        CHECK(decoded.findings.diagnostics.empty());
        const auto& job = *decoded.job;
        CHECK(tc::validate(job, c.opts).diagnostics.empty());
        const auto again = tc::decode(tc::to_json(job), c.opts);
        REQUIRE(again.job);
        CHECK(again.findings.diagnostics.empty());
        CHECK(*again.job == job);
        CHECK(tc::encode(*again.job) == tc::encode(job));
        ++compared;
    }
    CHECK(compared >= 20);
}

TEST_CASE("validate on a typed job checks the rules and formats, with pointers but no positions", "[validate][encode]")
{
    auto job = tc::decode_or_throw(job_text{}.text());
    job.queued = 2;
    job.generating = 0;
    job.bulk_job_id.text = "not-a-ulid";
    const auto r = tc::validate(job);
    INFO(describe(r));
    CHECK(r.rule_ids() == ids{"counts/buckets", "format/ulid"});
    for (const auto& d : r.diagnostics) CHECK(d.line == tc::unknown_position);
    const auto buckets = of(r, "counts/buckets");
    REQUIRE(buckets.size() == 2);
    CHECK(buckets[0].pointer == "/queued");
    CHECK(buckets[0].message == "queued is 2 but 1 item has status \"queued\"");
    CHECK(buckets[1].pointer == "/generating");
}

TEST_CASE("encode omits absent optional members and writes enums by their wire names", "[validate][encode]")
{
    tc::bulk_job job;
    job.bulk_job_id.text = "01JQZB4H8A7T5B3R2W1X9Y6Z0K";
    job.status = tc::job_status::completed_with_failures;
    tc::bulk_job_item item;
    item.index = 4;
    item.status = tc::item_status::rejected;
    item.error_code = tc::error_code{"INSUFFICIENT_CREDITS"};
    job.items.push_back(item);
    const auto v = tc::encode(job);
    const auto& o = v.as_object();
    CHECK(o.at("status").as_string() == "completed_with_failures");
    CHECK(o.at("bulk_job_id").as_string() == "01JQZB4H8A7T5B3R2W1X9Y6Z0K");
    CHECK_FALSE(o.contains("metadata"));
    const auto& encoded = o.at("items").as_array().at(0).as_object();
    CHECK(encoded.size() == 3);
    CHECK(encoded.at("index").as_int64() == 4);
    CHECK(encoded.at("status").as_string() == "rejected");
    CHECK(encoded.at("error_code").as_string() == "INSUFFICIENT_CREDITS");
    CHECK(o.at("credits").as_object().size() == 4);
    CHECK(tc::to_json(job).find('\n') == std::string::npos);
}

TEST_CASE("decode fills the typed job and reports shape findings only, not the rules", "[validate][decode]")
{
    job_text j;
    j.queued = "2"; // counts/buckets, a rule: not decode's business
    j.generating = "0";
    j.extra = {R"("priority": 1)"};
    const auto d = tc::decode(j.text());
    REQUIRE(d.job);
    CHECK(d.findings.rule_ids() == ids{"schema/unknown-field"});
    CHECK(d.job->bulk_job_id.text == "01JQZB4H8A7T5B3R2W1X9Y6Z0K");
    CHECK(d.job->status == tc::job_status::running);
    CHECK(d.job->auto_publish);
    CHECK(d.job->total == 3);
    CHECK(d.job->queued == 2);
    REQUIRE(d.job->items.size() == 3);
    CHECK(d.job->items[0].tent_id == tc::uuid{tent_a});
    CHECK(d.job->items[0].publication_status == tc::publication_status::published);
    CHECK(d.job->items[0].published_url == tc::https_url{"https://example.com/1"});
    CHECK(d.job->items[1].status == tc::item_status::generating);
    CHECK_FALSE(d.job->items[1].published_url.has_value());
    CHECK_FALSE(d.job->items[2].client_item_id.has_value());
    CHECK(d.job->credits.pending_reconciliation == 2);
    CHECK(d.job->created_at.text == "2026-03-25T14:30:00.000Z");
    CHECK_FALSE(d.job->metadata.has_value());
    CHECK(tc::validate(j.text()).rule_ids() == ids{"counts/buckets", "schema/unknown-field"});
}

TEST_CASE("decode keeps metadata as a JSON object, and gives no job for a root that is not one", "[validate][decode]")
{
    job_text j;
    j.extra = {R"("metadata": {"campaign": "spring", "n": [1, 2.5, null, {"deep": true}]})"};
    const auto d = tc::decode(j.text());
    REQUIRE(d.job);
    CHECK(d.findings.diagnostics.empty());
    REQUIRE(d.job->metadata);
    CHECK(boost::json::value(*d.job->metadata) ==
          boost::json::parse(R"({"campaign": "spring", "n": [1, 2.5, null, {"deep": true}]})"));

    CHECK_FALSE(tc::decode(std::string_view("[]")).job.has_value());
    CHECK_FALSE(tc::decode(std::string_view("{")).job.has_value());
    CHECK_FALSE(tc::decode(std::string_view("null")).job.has_value());
    CHECK(tc::decode(std::string_view("{}")).job.has_value());
}

TEST_CASE("decode on a parsed value replays it through the same decoder", "[validate][decode]")
{
    const auto value = boost::json::parse(job_text{}.text());
    const auto d = tc::decode(value);
    REQUIRE(d.job);
    CHECK(d.findings.diagnostics.empty());
    CHECK(*d.job == *tc::decode(job_text{}.text()).job);

    boost::json::value copy = value;
    copy.as_object()["total"] = 3.0;
    copy.as_object().erase("template_id");
    const auto bad = tc::decode(copy);
    CHECK(bad.findings.rule_ids() == ids{"schema/integer-notation", "schema/required"});
    for (const auto& f : bad.findings.diagnostics) CHECK(f.line == tc::unknown_position);

    tc::options shallow;
    shallow.max_depth = 2;
    const auto deep = tc::decode(value, shallow);
    CHECK(deep.findings.rule_ids() == ids{"json/depth"});
    CHECK_FALSE(deep.job.has_value());
}

TEST_CASE("a parsed value may hold counts as unsigned integers", "[validate][decode]")
{
    // A consumer building a value in code can store std::uint64_t: 3u is the integer 3.
    auto value = boost::json::parse(job_text{}.text());
    auto& o = value.as_object();
    o["total"] = std::uint64_t{3};
    o["credits"].as_object()["reserved"] = std::uint64_t{3};
    o["items"].as_array()[0].as_object()["index"] = std::uint64_t{0};
    const auto r = tc::validate(value);
    INFO(describe(r));
    CHECK(r.diagnostics.empty());
    o["total"] = std::uint64_t{1} << 60;
    CHECK(tc::validate(value).rule_ids() == ids{"schema/integer"});
}

TEST_CASE("decode_or_throw returns the job, or throws decode_error with LINE:COL: MESSAGE and the rule id", "[validate][decode]")
{
    CHECK(tc::decode_or_throw(job_text{}.text()).total == 3);

    job_text warned;
    warned.extra = {R"("priority": 1)"};
    CHECK_NOTHROW(tc::decode_or_throw(warned.text()));

    job_text missing;
    missing.template_id.clear();
    try {
        tc::decode_or_throw(missing.text());
        FAIL("decode_or_throw did not throw");
    } catch (const tc::decode_error& e) {
        CHECK(std::string(e.what()) == "1:1: missing required member \"template_id\" (a string) [schema/required]");
        CHECK(e.findings.rule_ids() == ids{"schema/required"});
    }

    job_text typed;
    typed.total = "true";
    CHECK_THROWS_WITH(tc::decode_or_throw(typed.text()), "6:12: expected an integer, got a boolean [schema/type]");
    CHECK_THROWS_AS(tc::decode_or_throw("{\"a\": "), tc::decode_error);
    CHECK_THROWS_WITH(tc::decode_or_throw("\n\n  [1"), Contains("3:5: ") && Contains("[json/syntax]"));
}

TEST_CASE("decode_or_throw throws, never crashes, when the finding that explains a missing job is disabled", "[validate][decode]")
{
    // With schema/type or schema/null disabled, decode gives no job and no error: decode_or_throw
    // must still throw decode_error rather than read an empty optional. Run in a child process so
    // that a crash fails this test alone. (json/syntax and json/depth cannot be disabled.)
    struct example { const char* what; std::string_view text; const char* disabled; };
    for (const auto& e : {example{"a root array", "[]", "schema/type"}, example{"a root null", "null", "schema/null"},
                          example{"a root string", "\"{}\"", "schema/type"}}) {
        INFO(e.what);
        tc::options o;
        o.disable(e.disabled);
        o.max_depth = 2;
        std::fflush(nullptr);
        const pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            std::freopen("/dev/null", "w", stdout);
            std::freopen("/dev/null", "w", stderr);
            int outcome = 3;
            try {
                tc::decode_or_throw(e.text, o);
                outcome = 2; // returned a job that does not exist
            } catch (const tc::decode_error&) {
                outcome = 0;
            } catch (...) {
                outcome = 4;
            }
            std::_Exit(outcome);
        }
        int status = 0;
        REQUIRE(waitpid(child, &status, 0) == child);
        const std::string outcome =
            WIFSIGNALED(status) ? "crashed with signal " + std::to_string(WTERMSIG(status))
            : WEXITSTATUS(status) == 0 ? "threw decode_error"
            : WEXITSTATUS(status) == 2 ? "returned a job"
                                       : "exited with status " + std::to_string(WEXITSTATUS(status));
        CHECK(outcome == "threw decode_error");
    }
}

// ---- locate ------------------------------------------------------------------------------------

TEST_CASE("locate gives the 1-based line and byte column of an offset", "[locate]")
{
    const std::string text = "{\n  \"a\": 1}";
    CHECK(tc::locate(text, 0).line == 1);
    CHECK(tc::locate(text, 0).column == 1);
    CHECK(tc::locate(text, 1).line == 1); // the '\n' itself is on line 1
    CHECK(tc::locate(text, 1).column == 2);
    CHECK(tc::locate(text, 4).line == 2);
    CHECK(tc::locate(text, 4).column == 3);
    CHECK(tc::locate(text, text.size() - 1).column == 9);
}

TEST_CASE("locate counts a CRLF pair as one line end", "[locate]")
{
    const std::string text = "{\r\n  \"a\": 1,\r\n\r\n  \"b\": 2}";
    CHECK(tc::locate(text, 1).line == 1);
    CHECK(tc::locate(text, 1).column == 2); // the '\r'
    CHECK(tc::locate(text, 5).line == 2);
    CHECK(tc::locate(text, 5).column == 3);
    const auto b = text.find("\"b\"");
    CHECK(tc::locate(text, b).line == 4);
    CHECK(tc::locate(text, b).column == 3);
}

TEST_CASE("locate of an offset at or past the end gives the position just after the last byte", "[locate]")
{
    const std::string text = "ab\ncd";
    CHECK(tc::locate(text, 5).line == 2);
    CHECK(tc::locate(text, 5).column == 3);
    CHECK(tc::locate(text, 100).line == 2);
    CHECK(tc::locate(text, 100).column == 3);
    CHECK(tc::locate("", 7).line == 1);
    CHECK(tc::locate("", 7).column == 1);
}

TEST_CASE("locate_all fills every known position in any order and leaves unknown ones", "[locate]")
{
    const std::string text = "{\r\n  \"a\": 1,\n  \"b\": 2\n}";
    tc::report r;
    auto at = [](std::size_t offset) {
        tc::diagnostic d;
        d.offset = offset;
        return d;
    };
    r.diagnostics = {at(text.find("\"b\"")), at(0), at(tc::unknown_position), at(text.find("\"a\"")), at(text.size()),
                     at(text.size() + 10)};
    tc::locate_all(r, text);
    CHECK(r.diagnostics[0].line == 3);
    CHECK(r.diagnostics[0].column == 3);
    CHECK(r.diagnostics[1].line == 1);
    CHECK(r.diagnostics[1].column == 1);
    CHECK(r.diagnostics[2].line == tc::unknown_position);
    CHECK(r.diagnostics[2].column == tc::unknown_position);
    CHECK(r.diagnostics[3].line == 2);
    CHECK(r.diagnostics[3].column == 3);
    CHECK(r.diagnostics[4].line == 4);
    CHECK(r.diagnostics[4].column == 2);
    CHECK(r.diagnostics[5].line == 4);
    CHECK(r.diagnostics[5].column == 2);
    for (std::size_t i = 0; i < r.diagnostics.size(); ++i) {
        if (r.diagnostics[i].offset == tc::unknown_position) continue;
        INFO(i);
        const auto lc = tc::locate(text, r.diagnostics[i].offset);
        CHECK(r.diagnostics[i].line == lc.line);
        CHECK(r.diagnostics[i].column == lc.column);
    }
}

TEST_CASE("positions in a CRLF payload count each line end once", "[locate][validate]")
{
    auto text = job_text{}.text();
    std::string crlf;
    for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    crlf.replace(crlf.find("\"generating\": 1"), 15, "\"generating\": 7");
    const auto d = of(tc::validate(crlf), "counts/sum-to-total").at(0);
    CHECK(d.line == 6);
    CHECK(d.column == 12);
    CHECK(d.offset == crlf.find("\"total\": 3") + 9);
}

// ---- the catalogue -----------------------------------------------------------------------------

TEST_CASE("the catalogue is docs/contract.md: the same ids, in its order, at its severities, each at its anchor", "[rules]")
{
    // A rule's heading there: ### <a id="ANCHOR"></a>`ID` (SEVERITY); the anchor is the id with
    // '/' made '-', what links to a rule (SARIF helpUri) rely on.
    const std::regex heading(R"re(^### <a id="([^"]*)"></a>`([^`]+)` \((error|warning)\)$)re");
    std::istringstream in(support::read(support::source_dir() / "docs" / "contract.md"));
    std::vector<std::string> documented;
    for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (std::regex_match(line, m, heading)) documented.push_back(m[1].str() + " " + m[2].str() + " " + m[3].str());
    }
    std::vector<std::string> code;
    for (const auto& r : tc::catalogue()) {
        std::string anchor(r.id);
        anchor[anchor.find('/')] = '-';
        code.push_back(anchor + " " + std::string(r.id) + " " + std::string(tc::to_string(r.default_severity)));
    }
    CHECK(documented == code);
    CHECK(tc::catalogue()[53].id == "capture/har");
    CHECK(tc::catalogue()[54].id == "capture/http-status");
}

TEST_CASE("a catalogue source that names a document names one in the repository, at an anchor it has", "[rules]")
{
    const std::regex document(R"(([A-Za-z0-9_./-]+\.md)#([a-z0-9-]+))");
    std::size_t named = 0, cited = 0;
    for (const auto& r : tc::catalogue()) {
        const std::string source(r.source);
        INFO(r.id << ": " << source);
        for (auto at = source.find(".md"); at != std::string::npos; at = source.find(".md", at + 1)) ++named;
        for (std::sregex_iterator m(source.begin(), source.end(), document), end; m != end; ++m, ++cited) {
            const auto path = support::source_dir() / (*m)[1].str();
            REQUIRE(std::filesystem::is_regular_file(path));
            CHECK_THAT(support::read(path), Contains("<a id=\"" + (*m)[2].str() + "\">"));
        }
    }
    CHECK(named == cited);
    CHECK(cited == 4);
}

TEST_CASE("each catalogue entry is its own rule, found by its id", "[rules]")
{
    for (std::size_t i = 0; i < tc::rule_count; ++i) {
        const auto& r = tc::catalogue()[i];
        INFO(r.id);
        CHECK(static_cast<std::size_t>(r.which) == i);
        CHECK(tc::id(r.which) == r.id);
        CHECK(&tc::info(r.which) == &r);
        CHECK(tc::find_rule(r.id) == r.which);
        CHECK_FALSE(r.summary.empty());
        CHECK_FALSE(r.source.empty());
    }
    CHECK_FALSE(tc::find_rule("counts").has_value());
    CHECK_FALSE(tc::find_rule("COUNTS/BUCKETS").has_value());
}
