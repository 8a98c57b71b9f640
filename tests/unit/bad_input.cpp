// Bad input: malformed, hostile or surprising texts each get their documented rule, at the right
// place, and never a crash. Then the whole JSONTestSuite parsing corpus (tests/data/jsontestsuite).
#include <tented/contract/validate.hpp>

#include <tented/contract/corpus.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace tc = tented::contract;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

using ids = std::vector<std::string>;

/// A valid payload, minified on one line except where a test adds lines.
const std::string valid_payload =
    R"({"bulk_job_id": "01JQZB4H8A7T5B3R2W1X9Y6Z0K", "status": "completed", "template_id": "tpl_01JABC123XYZ", )"
    R"("auto_publish": false, "total": 1, "queued": 0, "generating": 0, "completed": 1, "failed": 0, )"
    R"("items": [{"index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "tent_name": "Page 1", "status": "completed"}], )"
    R"("credits": {"reserved": 1, "consumed": 1, "refunded": 0, "pending_reconciliation": 0}, )"
    R"("created_at": "2026-03-25T14:30:00.000Z", "updated_at": "2026-03-25T14:32:10.000Z"})";

/// `valid_payload` with the JSON text of member `name` replaced by `value`.
std::string with_member(const std::string& name, const std::string& value)
{
    std::string s = valid_payload;
    const auto key = "\"" + name + "\": ";
    const auto at = s.find(key);
    REQUIRE(at != std::string::npos);
    const auto from = at + key.size();
    const auto to = s.find_first_of(",}", from);
    return s.replace(from, to - from, value);
}

std::string describe(const tc::report& r)
{
    std::ostringstream s;
    for (const auto& d : r.diagnostics)
        s << d.line << ':' << d.column << " (offset " << d.offset << ") " << d.rule << " '" << d.pointer
          << "': " << d.message << '\n';
    return s.str();
}

/// The one finding of a report that must hold exactly one.
tc::diagnostic only(const tc::report& r)
{
    INFO(describe(r));
    REQUIRE(r.diagnostics.size() == 1);
    return r.diagnostics.front();
}

/// The JSONTestSuite parsing cases whose names start with `prefix`, sorted (kept in the
/// repository with their licence: tests/data/jsontestsuite).
std::vector<std::filesystem::path> suite_files(const std::string& prefix)
{
    std::vector<std::filesystem::path> files;
    const auto dir = support::source_dir() / "tests" / "data" / "jsontestsuite" / "test_parsing";
    if (!std::filesystem::is_directory(dir)) FAIL("JSONTestSuite not found at " << dir.string());
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        const auto name = e.path().filename().string();
        if (name.rfind(prefix, 0) == 0 && e.path().extension() == ".json") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

TEST_CASE("the payload the bad-input tests start from is valid", "[bad-input]")
{
    CHECK(tc::validate(valid_payload).diagnostics.empty());
}

// ---- not one JSON text -------------------------------------------------------------------------

TEST_CASE("an empty input is json/syntax at 1:1", "[bad-input][json]")
{
    const auto r = tc::validate(std::string_view(""));
    const auto d = only(r);
    CHECK(d.rule == "json/syntax");
    CHECK(d.pointer == "");
    CHECK(d.offset == 0);
    CHECK(d.line == 1);
    CHECK(d.column == 1);
    CHECK_THAT(d.message, Contains("empty input"));
    CHECK_FALSE(r.ok());
}

TEST_CASE("white space only is json/syntax at its end", "[bad-input][json]")
{
    const auto d = only(tc::validate(std::string_view(" \n\t\r\n  ")));
    CHECK(d.rule == "json/syntax");
    CHECK(d.line == 3);
    CHECK(d.column == 3);
    CHECK_THAT(d.message, Contains("only white space"));
}

TEST_CASE("a truncated text is json/syntax at its end", "[bad-input][json]")
{
    SECTION("mid-document")
    {
        const auto text = valid_payload.substr(0, valid_payload.find("\"items\""));
        const auto d = only(tc::validate(text));
        CHECK(d.rule == "json/syntax");
        CHECK(d.line == 1);
        CHECK(d.column == text.size() + 1);
        CHECK_THAT(d.message, Contains("truncated"));
    }
    SECTION("inside a string, on line 2")
    {
        const std::string text = "{\n  \"bulk_job_id\": \"01JQZ";
        const auto d = only(tc::validate(text));
        CHECK(d.rule == "json/syntax");
        CHECK(d.line == 2);
        CHECK(d.column == 24);
        CHECK_THAT(d.message, Contains("truncated"));
    }
}

TEST_CASE("data after the JSON value is json/syntax where it starts", "[bad-input][json]")
{
    SECTION("an HTTP status line")
    {
        const auto d = only(tc::validate(valid_payload + "\nHTTP/1.1 200 OK\n"));
        CHECK(d.rule == "json/syntax");
        CHECK(d.offset == valid_payload.size() + 1);
        CHECK(d.line == 2);
        CHECK(d.column == 1);
        CHECK_THAT(d.message, Contains("after the JSON value") && Contains("'H'"));
    }
    SECTION("a second document")
    {
        const auto d = only(tc::validate(valid_payload + " " + valid_payload));
        CHECK(d.rule == "json/syntax");
        CHECK(d.line == 1);
        CHECK(d.column == valid_payload.size() + 2);
        CHECK_THAT(d.message, Contains("'{'"));
    }
}

TEST_CASE("invalid UTF-8 in a string is json/syntax at the bad byte", "[bad-input][json]")
{
    SECTION("a Latin-1 byte")
    {
        const auto text = with_member("tent_name", "\"Caf\xE9\"");
        const auto d = only(tc::validate(text));
        CHECK(d.rule == "json/syntax");
        CHECK(d.offset == text.find('\xE9'));
        CHECK(d.line == 1);
        CHECK(d.column == text.find('\xE9') + 1);
        CHECK(d.message == "expected UTF-8 text, got the byte 0xE9, which does not start or continue a sequence");
    }
    SECTION("a UTF-8 encoded surrogate")
    {
        const auto text = with_member("tent_name", "\"a\xED\xA0\x80z\"");
        const auto d = only(tc::validate(text));
        CHECK(d.rule == "json/syntax");
        CHECK(d.line == 1);
        CHECK_THAT(d.message, StartsWith("expected UTF-8 text, got the byte 0xED"));
    }
    SECTION("a truncated sequence at the end of a string")
    {
        const auto text = with_member("tent_name", "\"a\xC3\"");
        CHECK(tc::validate(text).rule_ids() == ids{"json/syntax"});
    }
}

TEST_CASE("well-formed UTF-8 outside a string is named as a character, not as invalid UTF-8", "[bad-input][json]")
{
    struct example { std::string text; std::string message; };
    const std::string after = "expected the end of the input after the JSON value, got ";
    for (const auto& e : {example{"[1, \xC3\xA9]", "expected a value, got the character '\xC3\xA9' (JSON allows it only "
                                                     "inside strings)"},
                          example{"[1,\xC2\xA0 2]", "expected a value, got the character '\xC2\xA0' (JSON allows it only "
                                                     "inside strings)"},
                          example{"{}\xEF\xBB\xBF", after + "a byte-order mark (U+FEFF), which JSON allows nowhere in the text"},
                          example{"[1, \xFF]", "expected UTF-8 text, got the byte 0xFF, which does not start or continue a sequence"},
                          example{"[1, \xC3]", "expected UTF-8 text, got the byte 0xC3, which does not start or continue a sequence"},
                          example{"{} \xC3\xA9", after + "'\xC3\xA9'"},
                          example{"{}\xFF", after + "the byte 0xFF, which is not UTF-8"},
                          example{"{}\xEF\xBB", after + "the byte 0xEF, which is not UTF-8"}}) {
        INFO(e.text);
        const auto d = only(tc::validate(e.text));
        CHECK(d.rule == "json/syntax");
        CHECK(d.message == e.message);
        CHECK(d.offset == e.text.find_first_of("\xC3\xC2\xEF\xFF"));
    }
}

TEST_CASE("a syntax error says what the grammar expected there, and what came instead", "[bad-input][json]")
{
    struct example { std::string text; std::string message; };
    const std::string number = "a number as RFC 8259 writes one (-?digits, .digits, e+digits)";
    const std::string truncated = "the end of the input (the JSON text is truncated)";
    for (const auto& e : {example{R"({"a" 1})", "expected ':' after the member name, got '1'"},
                          example{R"({"a": 1 "b": 2})", "expected ',' or '}', got '\"'"},
                          example{"[1 2]", "expected ',' or ']', got '2'"},
                          example{"{,}", "expected a member name in double quotes, or '}', got ','"},
                          example{R"({"a": 1,})", "expected a member name in double quotes, got '}' (a trailing comma: JSON allows none)"},
                          example{"[1,]", "expected a value, got ']' (a trailing comma: JSON allows none)"},
                          example{R"({"a": [1, {"b": 2} 3]})", "expected ',' or ']', got '3'"},
                          example{R"({"a": tru})", "expected a value, got 'tru'"},
                          example{R"({"a": 1.})", "expected " + number + ", got '}'"},
                          example{R"({"a": "\x"})", R"(expected an escape (\", \\, \/, \b, \f, \n, \r, \t or \uXXXX), got 'x')"},
                          example{R"({"a": "\u12G4"})", R"(expected 4 hexadecimal digits after \u, got 'G')"},
                          example{R"({"a": 1)", "expected ',' or '}', got " + truncated},
                          example{R"({"a": )", "expected a value, got " + truncated},
                          example{"'a'", "expected a JSON value, got '''"},
                          example{R"({"a": fal)", "expected true, false or null, got " + truncated},
                          example{"n", "expected true, false or null, got " + truncated},
                          example{"[1e", "expected " + number + ", got " + truncated},
                          example{"[12", "expected ',' or ']', got " + truncated}}) {
        INFO(e.text);
        const auto d = only(tc::validate(e.text));
        CHECK(d.rule == "json/syntax");
        CHECK(d.message == e.message);
    }
}

TEST_CASE("a byte the grammar has no place for ends the syntax message's reading, not the program", "[bad-input][json]")
{
    // fuzz_validate's input: the reading of the text before the error hung on the 0xDD.
    const auto r = tc::validate(std::string(" \"\xF2\"\xDD", 5));
    REQUIRE_FALSE(r.diagnostics.empty());
    CHECK(r.diagnostics.front().rule == "json/syntax");
    const auto bom = tc::validate("\xEF\xBB\xBF[1 2]");
    CHECK(bom.rule_ids() == std::vector<std::string>{"json/bom", "json/syntax"});
}

TEST_CASE("shape messages say expected and got, each once", "[bad-input][json][messages]")
{
    std::vector<std::filesystem::path> inputs = suite_files("n_");
    for (const auto& e : std::filesystem::recursive_directory_iterator(support::source_dir() / "corpus" / "invalid"))
        if (e.path().extension() == ".json" && e.path().string().find(".options.") == std::string::npos)
            inputs.push_back(e.path());
    std::size_t shape_findings = 0;
    for (const auto& f : inputs) {
        for (const auto& d : tc::validate(support::read(f)).diagnostics) {
            INFO(f.string() << ": " << d.message);
            const auto expected = d.message.find("expected");
            CHECK((expected == std::string::npos || d.message.find("expected", expected + 1) == std::string::npos));
            const bool shape = d.rule == "json/syntax" || d.rule.rfind("format/", 0) == 0 ||
                               (d.rule.rfind("schema/", 0) == 0 && d.rule != "schema/required" &&
                                d.rule != "schema/unknown-field");
            if (!shape) continue;
            ++shape_findings;
            CHECK(expected == 0);
            CHECK_THAT(d.message, Contains(", got "));
        }
    }
    CHECK(shape_findings > 200);
}

TEST_CASE("a lone surrogate escape is json/syntax, high or low", "[bad-input][json]")
{
    SECTION("a high surrogate not followed by a low one")
    {
        const std::string text = "{\n  \"tent_name\": \"a\\ud800b\"}";
        const auto d = only(tc::validate(text));
        CHECK(d.rule == "json/syntax");
        CHECK(d.line == 2);
        CHECK(d.column >= 18); // at or after the escape
        CHECK(d.column <= 25);
        CHECK_THAT(d.message, Contains("got a lone surrogate escape"));
    }
    SECTION("a high surrogate at the end of the string")
    {
        const auto d = only(tc::validate(with_member("tent_name", "\"\\uD83D\"")));
        CHECK(d.rule == "json/syntax");
        CHECK_THAT(d.message, Contains("got a lone surrogate escape"));
    }
    SECTION("a low surrogate alone")
    {
        const std::string text = "{\n  \"tent_name\": \"a\\udc00b\"}";
        const auto d = only(tc::validate(text));
        CHECK(d.rule == "json/syntax");
        CHECK(d.line == 2);
        CHECK(d.column >= 18);
        CHECK(d.column <= 25);
        CHECK_THAT(d.message, Contains("got a lone surrogate escape"));
    }
    SECTION("a surrogate pair is fine")
    {
        CHECK(tc::validate(with_member("tent_name", "\"\\ud83d\\ude00\"")).diagnostics.empty());
    }
}

TEST_CASE("raw NUL bytes are json/syntax at the NUL", "[bad-input][json]")
{
    SECTION("inside a string")
    {
        auto text = with_member("tent_name", std::string("\"Pa\0ge\"", 7));
        const auto at = text.find('\0');
        const auto d = only(tc::validate(text));
        CHECK(d.rule == "json/syntax");
        CHECK(d.offset == at);
        CHECK(d.column == at + 1);
        CHECK_THAT(d.message, Contains("NUL"));
    }
    SECTION("between tokens")
    {
        std::string text = valid_payload;
        text.insert(1, 1, '\0');
        const auto d = only(tc::validate(text));
        CHECK(d.rule == "json/syntax");
        CHECK(d.offset == 1);
        CHECK(d.column == 2);
        CHECK_THAT(d.message, Contains("NUL"));
    }
    SECTION("after the document")
    {
        const auto d = only(tc::validate(valid_payload + std::string(1, '\0')));
        CHECK(d.rule == "json/syntax");
        CHECK(d.offset == valid_payload.size());
    }
}

TEST_CASE("a raw control character in a string is json/syntax", "[bad-input][json]")
{
    const auto text = with_member("tent_name", "\"Page\t1\"");
    const auto d = only(tc::validate(text));
    CHECK(d.rule == "json/syntax");
    CHECK(d.offset == text.find('\t'));
    CHECK_THAT(d.message, Contains("0x09"));
}

// ---- a byte-order mark -------------------------------------------------------------------------

TEST_CASE("a UTF-8 BOM before a valid payload is only a json/bom warning and positions stay right", "[bad-input][json]")
{
    const std::string bom = "\xEF\xBB\xBF";
    SECTION("a valid payload")
    {
        const auto r = tc::validate(bom + valid_payload);
        const auto d = only(r);
        CHECK(d.rule == "json/bom");
        CHECK(d.severity == tc::severity::warning);
        CHECK(d.offset == 0);
        CHECK(d.line == 1);
        CHECK(d.column == 1);
        CHECK(r.ok());
    }
    SECTION("findings after the BOM keep their byte offsets, lines and columns")
    {
        std::string body = valid_payload;
        body.replace(body.find("\"items\": "), 0, "\n  ");             // the items '[' at 2:12
        body.insert(body.size() - 1, ",\n  \"priority\": 1,\n  \"total\": 2"); // 3:3 and 4:3
        const auto text = bom + body;
        const auto r = tc::validate(text);
        INFO(describe(r));
        CHECK(r.rule_ids() == ids{"items/count", "json/bom", "json/duplicate-key", "schema/unknown-field"});
        for (const auto& d : r.diagnostics) {
            INFO(d.rule);
            if (d.rule == "items/count") {
                CHECK(d.offset == text.find("[{"));
                CHECK(d.line == 2);
                CHECK(d.column == 12);
            }
            if (d.rule == "schema/unknown-field") {
                CHECK(d.offset == text.find("\"priority\""));
                CHECK(d.line == 3);
                CHECK(d.column == 3);
            }
            if (d.rule == "json/duplicate-key") {
                CHECK(d.offset == text.rfind("\"total\""));
                CHECK(d.line == 4);
                CHECK(d.column == 3);
            }
        }
    }
    SECTION("a BOM and nothing else")
    {
        const auto r = tc::validate(bom);
        CHECK(r.rule_ids() == ids{"json/bom", "json/syntax"});
    }
}

TEST_CASE("a BOM before any corpus payload adds json/bom and moves every other finding by 3 bytes", "[bad-input][json][corpus]")
{
    std::size_t compared = 0;
    for (const auto& c : tc::load_corpus(support::corpus_dir())) {
        if (c.kind != tc::case_kind::payload || c.name.rfind("invalid/json/", 0) == 0) continue;
        INFO(c.name);
        const auto text = support::read(c.path);
        const auto plain = tc::validate(text, c.opts);
        const auto with_bom = tc::validate("\xEF\xBB\xBF" + text, c.opts);
        INFO(describe(with_bom));
        REQUIRE(with_bom.diagnostics.size() == plain.diagnostics.size() + 1);
        CHECK(with_bom.diagnostics[0].rule == "json/bom");
        std::vector<std::string> moved_wrong;
        for (std::size_t i = 0; i < plain.diagnostics.size(); ++i) {
            const auto& before = plain.diagnostics[i];
            const auto& after = with_bom.diagnostics[i + 1];
            const bool same = after.rule == before.rule && after.pointer == before.pointer &&
                              after.offset == before.offset + 3 && after.line == before.line &&
                              (before.line == 1 || after.column == before.column);
            if (!same)
                moved_wrong.push_back(before.rule + " " + before.pointer + ": " + std::to_string(before.line) + ":" +
                                      std::to_string(before.column) + " (offset " + std::to_string(before.offset) +
                                      ") became " + std::to_string(after.line) + ":" + std::to_string(after.column) +
                                      " (offset " + std::to_string(after.offset) + ")");
        }
        CHECK(moved_wrong.empty());
        ++compared;
    }
    CHECK(compared >= 150);
}

// ---- duplicate keys ----------------------------------------------------------------------------

TEST_CASE("a repeated member name is json/duplicate-key at the second name", "[bad-input][json]")
{
    SECTION("at the top level")
    {
        std::string text = valid_payload;
        text.insert(1, "\"status\": \"completed\", ");
        const auto d = only(tc::validate(text));
        CHECK(d.rule == "json/duplicate-key");
        CHECK(d.pointer == "/status");
        CHECK(d.offset == text.find("\"status\"", 2));
        CHECK(d.column == text.find("\"status\"", 2) + 1);
        CHECK_THAT(d.message, Contains("member \"status\" appears twice"));
    }
    SECTION("in an item")
    {
        std::string text = valid_payload;
        const auto item = text.find("\"tent_name\"");
        text.insert(item, "\"tent_name\": \"Page 1\", ");
        const auto d = only(tc::validate(text));
        CHECK(d.rule == "json/duplicate-key");
        CHECK(d.pointer == "/items/0/tent_name");
        CHECK(d.offset == text.find("\"tent_name\"", item + 1));
    }
    SECTION("in metadata, with different values")
    {
        std::string text = valid_payload;
        text.insert(text.size() - 1, ", \"metadata\": {\"a\": 1, \"b\": {\"c\": 1, \"c\": 2}}");
        const auto d = only(tc::validate(text));
        CHECK(d.rule == "json/duplicate-key");
        CHECK(d.pointer == "/metadata/b/c");
        CHECK(d.offset == text.rfind("\"c\""));
        CHECK_THAT(d.message, Contains("member \"c\" appears twice"));
    }
    SECTION("spelled once with an escape")
    {
        std::string text = valid_payload;
        text.insert(1, "\"st\\u0061tus\": \"completed\", ");
        const auto d = only(tc::validate(text));
        CHECK(d.rule == "json/duplicate-key");
        CHECK(d.pointer == "/status");
    }
}

// ---- depth -------------------------------------------------------------------------------------

TEST_CASE("nesting 100,000 deep is json/depth at the first level over the limit, never a crash", "[bad-input][json]")
{
    SECTION("in metadata")
    {
        std::string text = "{\"metadata\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
        const auto d = only(tc::validate(text));
        CHECK(d.rule == "json/depth");
        CHECK(d.offset == 13 + 63); // the 64th '[' is the 65th level
        CHECK(d.line == 1);
        CHECK(d.column == 13 + 63 + 1);
        CHECK_THAT(d.message, Contains("limit of 64"));
    }
    SECTION("objects at the root, unterminated")
    {
        std::string text;
        for (int i = 0; i < 100000; ++i) text += "{\"a\":";
        const auto d = only(tc::validate(text));
        CHECK(d.rule == "json/depth");
        CHECK(d.offset == 64 * 5);
    }
    SECTION("a raised limit still refuses it")
    {
        tc::options o;
        o.max_depth = 1000;
        const auto r = tc::validate(std::string(100000, '['), o);
        CHECK(r.rule_ids() == ids{"json/depth"});
    }
}

// ---- numbers -----------------------------------------------------------------------------------

TEST_CASE("counts that are not safe non-negative integers are schema/integer or schema/integer-notation", "[bad-input][schema]")
{
    struct example { const char* text; const char* rule; const char* words; };
    for (const auto& e : {example{"1e400", "schema/integer", "at most 2^53-1"},
                          example{"18446744073709551616", "schema/integer", "at most 2^53-1"},
                          example{"18446744073709551615", "schema/integer", "at most 2^53-1"},
                          example{"9007199254740992", "schema/integer", "at most 2^53-1"},
                          example{"-1", "schema/integer", "non-negative"},
                          example{"-0.5", "schema/integer", "non-negative"},
                          example{"0.5", "schema/integer", "whole number"},
                          example{"1.0", "schema/integer-notation", "got 1.0"},
                          example{"1e0", "schema/integer-notation", "got 1e0"},
                          example{"10E-1", "schema/integer-notation", "got 10E-1"}}) {
        INFO(e.text);
        const auto text = with_member("completed", e.text);
        const auto r = tc::validate(text);
        const auto d = only(r);
        CHECK(d.rule == e.rule);
        CHECK(d.pointer == "/completed");
        CHECK(d.offset == text.find("\"completed\": ") + 13);
        CHECK_THAT(d.message, Contains(e.words));
    }
}

TEST_CASE("a count written 3.0 is schema/integer-notation and is read as 3", "[bad-input][schema]")
{
    const auto text = with_member("total", "3.0");
    const auto r = tc::validate(text);
    INFO(describe(r));
    CHECK(r.rule_ids() == ids{"items/count", "schema/integer-notation"});
    for (const auto& d : r.diagnostics) {
        if (d.rule == "schema/integer-notation") CHECK(d.offset == text.find("3.0"));
        if (d.rule == "items/count") CHECK(d.message == "items holds 1 entry but total is 3");
    }
}

TEST_CASE("the largest safe integer is accepted as a count", "[bad-input][schema]")
{
    const auto r = tc::validate(with_member("index", "9007199254740991"));
    CHECK(r.rule_ids() == ids{"items/index-range"});
}

// ---- roots -------------------------------------------------------------------------------------

TEST_CASE("a root that is not an object is schema/type or schema/null at 1:1", "[bad-input][schema]")
{
    struct example { const char* text; const char* rule; const char* words; };
    for (const auto& e : {example{"[]", "schema/type", "expected an object, got an array"},
                          example{"[" , "json/syntax", "truncated"},
                          example{"\"01JQZB4H8A7T5B3R2W1X9Y6Z0K\"", "schema/type", "expected an object, got a string"},
                          example{"42", "schema/type", "expected an object, got a number"},
                          example{"true", "schema/type", "expected an object, got a boolean"},
                          example{"null", "schema/null", "got null"},
                          example{"  null  ", "schema/null", "got null"}}) {
        INFO(e.text);
        const auto r = tc::validate(std::string_view(e.text));
        const auto d = only(r);
        CHECK(d.rule == e.rule);
        CHECK(d.pointer == "");
        CHECK(d.line == 1);
        CHECK_THAT(d.message, Contains(e.words));
        CHECK_FALSE(r.ok());
    }
    CHECK(only(tc::validate(std::string_view("[{\"a\": 1}, 2]"))).column == 1);
    CHECK(only(tc::validate(std::string_view("  null"))).column == 3);
}

// ---- size --------------------------------------------------------------------------------------

TEST_CASE("an input over the size limit is json/too-large, with both sizes, even when malformed", "[bad-input][json]")
{
    tc::options o;
    o.max_bytes = 100;
    const std::string garbage(150, '[');
    const auto d = only(tc::validate(garbage, o));
    CHECK(d.rule == "json/too-large");
    CHECK(d.line == 1);
    CHECK(d.column == 1);
    CHECK_THAT(d.message, Contains("150 bytes") && Contains("limit of 100 bytes"));

    o.max_bytes = 150;
    CHECK(tc::validate(garbage, o).rule_ids() == ids{"json/depth"});
}

// ---- JSONTestSuite ----------------------------------------------------------------------------

TEST_CASE("JSONTestSuite: every n_ file is json/syntax or json/depth and nothing else", "[bad-input][jsontestsuite]")
{
    const auto files = suite_files("n_");
    CHECK(files.size() == 188);
    for (const auto& f : files) {
        INFO(f.filename().string());
        const auto text = support::read(f);
        const auto r = tc::validate(text);
        INFO(describe(r));
        auto raised = r.rule_ids();
        // A complete UTF-8 BOM is skipped with its warning first (n_structure_UTF8_BOM_no_data).
        if (text.rfind("\xEF\xBB\xBF", 0) == 0) {
            CHECK(std::find(raised.begin(), raised.end(), "json/bom") != raised.end());
            raised.erase(std::remove(raised.begin(), raised.end(), "json/bom"), raised.end());
        }
        CHECK((raised == ids{"json/syntax"} || raised == ids{"json/depth"}));
        CHECK_FALSE(r.ok());
        for (const auto& d : r.diagnostics) CHECK(d.offset <= text.size());
    }
}

TEST_CASE("JSONTestSuite: every y_ file is read as JSON, then is not a bulk job", "[bad-input][jsontestsuite]")
{
    const auto files = suite_files("y_");
    CHECK(files.size() == 95);
    for (const auto& f : files) {
        INFO(f.filename().string());
        const auto r = tc::validate(support::read(f));
        INFO(describe(r));
        CHECK_FALSE(r.raises("json/syntax"));
        CHECK_FALSE(r.raises("json/depth"));
        const bool schema = std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                                        [](const tc::diagnostic& d) { return d.rule.rfind("schema/", 0) == 0; });
        CHECK(schema);
        CHECK_FALSE(r.ok());
    }
}

TEST_CASE("JSONTestSuite: every i_ file returns a report without crashing", "[bad-input][jsontestsuite]")
{
    const auto files = suite_files("i_");
    CHECK(files.size() == 35);
    for (const auto& f : files) {
        INFO(f.filename().string());
        const auto text = support::read(f);
        const auto r = tc::validate(text);
        INFO(describe(r));
        // None of them is a bulk job: each is refused as JSON or as a shape.
        CHECK_FALSE(r.ok());
        for (const auto& d : r.diagnostics) {
            CHECK(tc::find_rule(d.rule).has_value());
            CHECK((d.offset == tc::unknown_position || d.offset <= text.size()));
        }
    }
}

namespace {

/// Every finding of `r`, its position and message, one a line.
std::string placed(const tc::report& r)
{
    std::string s;
    for (const auto& d : r.diagnostics)
        s += std::to_string(d.offset) + " " + std::to_string(d.line) + ":" + std::to_string(d.column) + "+" +
             std::to_string(d.length) + " " + d.pointer + " " + d.message + " [" + d.rule + "]\n";
    return s;
}

} // namespace

TEST_CASE("a text fed to the parser a slice at a time gets the findings and positions of the whole text",
          "[bad-input][slices]")
{
    std::vector<std::string> texts;
    for (const auto& f : suite_files("")) texts.push_back(support::read(f));
    for (const auto& dir : {"docs", "valid", "invalid"})
        for (const auto& e : std::filesystem::recursive_directory_iterator(support::corpus_dir() / dir))
            if (e.path().extension() == ".json" && e.path().string().find(".options.") == std::string::npos)
                texts.push_back(support::read(e.path()));
    REQUIRE(texts.size() > 400);
    std::size_t findings = 0;
    for (const auto& text : texts) {
        const auto whole = placed(tc::validate(text));
        findings += std::count(whole.begin(), whole.end(), '\n');
        for (const std::size_t slice : {1, 2, 7, 64}) {
            // Two walks, each forward: the parse, then the count of lines and columns.
            std::size_t passed = 0, walks = 1;
            const tc::detail::slice_feed feed{slice, [&](std::size_t at) {
                                                  walks += at <= passed;
                                                  passed = at;
                                              }};
            INFO("slices of " << slice << " bytes, text: " << text.substr(0, 200));
            CHECK(placed(tc::detail::validate_text(text, {}, &feed)) == whole);
            CHECK(walks <= 2);
        }
    }
    CHECK(findings > 500);
}
