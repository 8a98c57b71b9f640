// Unit tests of validate.hpp, and of what it is made of: decode.hpp, encode.hpp, locate.hpp and
// the options and catalogue of rules.hpp. The rules themselves are tested by section, in
// rules_shape.cpp (sections 1 and 2) and rules_job.cpp (sections 3 to 8).
#include <tented/contract/validate.hpp>
#include <tented/contract/detail/nearest.hpp>

#include <tented/contract/corpus.hpp>
#include <tented/contract/decode.hpp>
#include <tented/contract/encode.hpp>
#include <tented/contract/locate.hpp>
#include <tented/contract/rules.hpp>

#include "job_text.hpp"
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

using Catch::Matchers::Contains;
using namespace rule_tests;

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
    tc::options one;
    one.max_items = 1;
    CHECK(only(check(job_text{}, one)).message == "total is 3, outside 1..1 (a bulk request holds 1 item)");
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

TEST_CASE("an unknown rule id suggests the nearest one, when one is near", "[validate][options]")
{
    tc::options o;
    CHECK_THROWS_WITH(o.disable("counts/sum-to-totals"),
                      "unknown rule id 'counts/sum-to-totals'; did you mean 'counts/sum-to-total'? "
                      "(tented-contract rules lists them)");
    CHECK_THROWS_WITH(o.disable("itmes/order"), Contains("did you mean 'items/order'?"));
    CHECK_THROWS_WITH(o.disable("nothing/like-it"),
                      "unknown rule id 'nothing/like-it' (tented-contract rules lists them)");
}

TEST_CASE("suggestions: a swap of neighbours is one edit, and a far or long name suggests nothing", "[validate][options]")
{
    namespace td = tented::contract::detail;
    CHECK(td::edit_distance("totla", "total") == 1);
    CHECK(td::edit_distance("TOTAL", "total") == 0); // letter case is no edit
    CHECK(td::edit_distance("TOTLA", "total") == 1);
    CHECK(td::edit_distance("kitten", "sitting") == 3);
    CHECK(td::edit_distance("", "abc") == 3);
    const std::vector<std::string> names{"validate", "replay", "corpus"};
    CHECK(td::nearest_name("valdiate", names) == "validate");
    CHECK(td::nearest_name("rpl", names).empty()); // 3 edits from "replay", more than a third of 3 letters
    CHECK(td::nearest_name(std::string(1 << 20, 'v'), names).empty());
    CHECK(td::did_you_mean("corpsu", names) == "; did you mean 'corpus'?");
}

TEST_CASE("a status value that is no enumerator suggests the nearest one", "[validate][schema]")
{
    const auto r = tc::validate(R"({"status": "runing"})");
    const auto it = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                                 [](const tc::diagnostic& d) { return d.rule == "schema/enum"; });
    REQUIRE(it != r.diagnostics.end());
    CHECK(it->message == R"(expected one of "accepted", "running", "completed", "completed_with_failures", )"
                         R"("failed", got "runing" (did you mean "running"?))");
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

TEST_CASE("an object is placed exactly past the closers and white space before it", "[locate][validate]")
{
    // The decoder walks to a '{' only when a finding needs its place (deferred_offset in
    // detail/json_text.hpp): here past the five closers that end the first item's unknown member.
    auto job = job_text{};
    job.items[0].insert(job.items[0].size() - 1, R"(, "extra": [[{"deep": [1]}]] )");
    job.items[1].erase(1, std::string(R"("index": 1, )").size());
    const auto text = job.text();
    const auto d = of(tc::validate(text), "schema/required").at(0);
    CHECK(d.pointer == "/items/1/index");
    CHECK(d.offset == text.find(R"({"tent_id": "85833f2b)"));
    CHECK(d.line == 13);
    CHECK(d.column == 5);
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
