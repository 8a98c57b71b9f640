// Tests of locate.hpp: line and column of an offset, and find_pointer, the RFC 6901 pointer to
// offset locator (checked against hand-counted offsets and against the validator's own offsets).
#include <tented/contract/locate.hpp>

#include <tented/contract/corpus.hpp>
#include <tented/contract/validate.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

namespace tc = tented::contract;

namespace {

// Offsets below are counted by hand on this text (one byte per character, no escapes).
constexpr std::string_view sample = R"({"id": "x", "items": [{"index": 0}, {"index": -1.5e3, "ok": true}], "n": null})";

std::string nested(std::size_t depth)
{
    return std::string(depth, '[') + std::string(depth, ']');
}

} // namespace

TEST_CASE("the empty pointer designates the whole document, after leading white space", "[locate]")
{
    CHECK(tc::find_pointer(sample, "") == 0u);
    CHECK(tc::find_pointer(" \r\n\t 42 ", "") == 5u);
    CHECK(tc::find_pointer("\"a\"", "") == 0u);
}

TEST_CASE("members and array elements are found at the first byte of their value", "[locate]")
{
    CHECK(tc::find_pointer(sample, "/id") == 7u);
    CHECK(tc::find_pointer(sample, "/items") == 21u);
    CHECK(tc::find_pointer(sample, "/items/0") == 22u);
    CHECK(tc::find_pointer(sample, "/items/0/index") == 32u);
    CHECK(tc::find_pointer(sample, "/items/1") == 36u);
    CHECK(tc::find_pointer(sample, "/items/1/index") == 46u);
    CHECK(tc::find_pointer(sample, "/items/1/ok") == 60u);
    CHECK(tc::find_pointer(sample, "/n") == 73u);
    CHECK(sample.substr(46, 6) == "-1.5e3");
    CHECK(sample.substr(60, 4) == "true");
    CHECK(sample.substr(73, 4) == "null");
}

TEST_CASE("a pointer to nothing designates nothing", "[locate]")
{
    CHECK_FALSE(tc::find_pointer(sample, "/missing"));
    CHECK_FALSE(tc::find_pointer(sample, "/items/2"));
    CHECK_FALSE(tc::find_pointer(sample, "/items/-"));      // the element after the last
    CHECK_FALSE(tc::find_pointer(sample, "/items/01"));     // leading zero: not an index
    CHECK_FALSE(tc::find_pointer(sample, "/items/+1"));
    CHECK_FALSE(tc::find_pointer(sample, "/items/99999999999999999999999")); // beyond size_t
    CHECK_FALSE(tc::find_pointer(sample, "/id/0"));         // into a string
    CHECK_FALSE(tc::find_pointer(sample, "/items/0/index/x"));
    CHECK_FALSE(tc::find_pointer(sample, "/items/index"));  // a name on an array
    CHECK_FALSE(tc::find_pointer(R"({"0": 1})", "/1"));
    CHECK(tc::find_pointer(R"({"0": 1})", "/0") == 6u);    // a digit token on an object is a name
}

TEST_CASE("a malformed pointer designates nothing", "[locate]")
{
    CHECK_FALSE(tc::find_pointer(sample, "id"));      // must start with '/'
    CHECK_FALSE(tc::find_pointer(sample, "/id~"));    // '~' at the end
    CHECK_FALSE(tc::find_pointer(sample, "/id~2"));   // only ~0 and ~1 exist
    CHECK_FALSE(tc::find_pointer(sample, "#/id"));    // URI fragment form is not taken
}

TEST_CASE("pointer escapes and JSON escapes are both undone before names are compared", "[locate]")
{
    const std::string_view text = R"({"a/b": 1, "m~n": 2, "c\u002fd": 3, "": 4, " ": 5, "\u00e9": 6})";
    CHECK(tc::find_pointer(text, "/a~1b") == 8u);
    CHECK(tc::find_pointer(text, "/m~0n") == 18u);
    CHECK(tc::find_pointer(text, "/c~1d") == 33u);  // the key was written with an escape
    CHECK(tc::find_pointer(text, "/") == 40u);      // the empty name
    CHECK(tc::find_pointer(text, "/ ") == 48u);
    CHECK(tc::find_pointer(text, "/\xC3\xA9") == 61u);
    CHECK_FALSE(tc::find_pointer(text, "/a/b"));
    CHECK_FALSE(tc::find_pointer(text, "/~1"));
}

TEST_CASE("offsets stay right after strings full of escapes", "[locate]")
{
    const std::string_view text = R"(["\"\\\/\b\f\n\r\t\u0041", "x\"", {"k\"": [1, "\\"]}, 7])";
    CHECK(tc::find_pointer(text, "/1") == 27u);
    CHECK(tc::find_pointer(text, "/2/k\"/1") == 46u);
    CHECK(tc::find_pointer(text, "/3") == 54u);
    CHECK(text.substr(54, 1) == "7");
}

TEST_CASE("long keys and strings that the parser hands over in parts are followed", "[locate]")
{
    // Escapes make Boost.JSON copy a string into its own buffer; past that buffer's size it
    // reports the string in parts (on_key_part, on_string_part).
    std::string key;
    for (int i = 0; i < 5000; ++i) key += "k\\n";
    std::string value(20000, 'v');
    value += "\\t";
    const std::string text = R"({"a": ")" + value + R"(", ")" + key + R"(": [true, false], "z": 1})";
    std::string token;
    for (int i = 0; i < 5000; ++i) token += "k\n";
    const auto at = tc::find_pointer(text, "/" + token + "/1");
    REQUIRE(at);
    CHECK(text.substr(*at, 5) == "false");
    const auto z = tc::find_pointer(text, "/z");
    REQUIRE(z);
    CHECK(*z == text.size() - 2);
    CHECK_FALSE(tc::find_pointer(text, "/" + token.substr(0, token.size() - 1) + "/1")); // a prefix of the key
    CHECK_FALSE(tc::find_pointer(text, "/" + token + "x/1"));                            // longer than the key
}

TEST_CASE("a repeated member name designates its last occurrence, the one validate reads", "[locate]")
{
    const std::string_view text = R"({"a": 1, "b": {"c": 2}, "a": 3})";
    CHECK(tc::find_pointer(text, "/a") == 29u);
    CHECK(tc::find_pointer(text, "/b/c") == 20u);
    // Below a repeated name, only what its last value holds is there.
    const std::string_view twice = R"({"a": {"b": 1, "c": 2}, "a": {"c": 3}})";
    CHECK_FALSE(tc::find_pointer(twice, "/a/b"));
    CHECK(tc::find_pointer(twice, "/a/c") == 35u);
    CHECK_FALSE(tc::find_pointer(R"({"a": [1, 2], "a": 3})", "/a/0"));
    CHECK(tc::find_pointer(R"({"a": 3, "a": [1, 2]})", "/a/1") == 18u);
}

TEST_CASE("text that is not one well-formed JSON text designates nothing", "[locate]")
{
    CHECK_FALSE(tc::find_pointer("", ""));
    CHECK_FALSE(tc::find_pointer("   ", ""));
    CHECK_FALSE(tc::find_pointer(R"({"a": 1)", "/a"));          // truncated after the value
    CHECK_FALSE(tc::find_pointer(R"({"a": 1} {})", "/a"));      // trailing data
    CHECK_FALSE(tc::find_pointer(R"({"a": 1,})", "/a"));        // trailing comma
    CHECK_FALSE(tc::find_pointer("{\"a\": \"\xFF\"}", "/a"));   // invalid UTF-8
    CHECK_FALSE(tc::find_pointer(R"({"a": 1 /* c */})", "/a")); // comments are not JSON
    CHECK_FALSE(tc::find_pointer(R"({"a": NaN})", "/a"));
}

TEST_CASE("a byte-order mark is skipped and counted, as validate counts it", "[locate]")
{
    const std::string text = "\xEF\xBB\xBF{\"a\": 1}";
    CHECK(tc::find_pointer(text, "/a") == 9u);
    CHECK(tc::find_pointer(text, "") == 3u);
}

TEST_CASE("nesting is followed up to the depth limit, 64 unless raised", "[locate][limits]")
{
    CHECK(tc::find_pointer(nested(64), "") == 0u);
    CHECK(tc::find_pointer(nested(64), "/0/0/0") == 3u);
    CHECK_FALSE(tc::find_pointer(nested(65), ""));
    CHECK(tc::find_pointer(nested(200), "/0/0", 200) == 2u);
    CHECK_FALSE(tc::find_pointer(nested(201), "", 200));
    CHECK_FALSE(tc::find_pointer(std::string(1000000, '['), "")); // refused at the limit, not a crash
}

TEST_CASE("a large array is searched in one pass", "[locate][limits]")
{
    std::string text = "[";
    for (int i = 0; i < 100000; ++i) text += (i ? ",\"" : "\"") + std::to_string(i) + '"';
    text += ']';
    const auto at = tc::find_pointer(text, "/99999");
    REQUIRE(at);
    CHECK(text.substr(*at, 7) == "\"99999\"");
    CHECK_FALSE(tc::find_pointer(text, "/100000"));
}

TEST_CASE("find_pointer finds the value at the offset validate reports for it, across the corpus", "[locate][corpus]")
{
    // Rules about a value that is present report its offset and its pointer; the locator must
    // agree on every one of them. (Missing members, unknown and repeated names point elsewhere.)
    const std::set<std::string> skip{"json/syntax", "json/depth", "json/bom", "json/too-large",
                                     "json/duplicate-key", "schema/required", "schema/unknown-field"};
    std::size_t compared = 0;
    for (const auto& c : tc::load_corpus(support::corpus_dir())) {
        if (c.kind != tc::case_kind::payload) continue;
        const std::string text = support::read(c.path);
        const auto r = tc::validate(text, c.opts);
        for (const auto& d : r.diagnostics) {
            if (d.offset == tc::unknown_position || skip.count(d.rule)) continue;
            const auto at = tc::find_pointer(text, d.pointer, c.opts.max_depth);
            if (!at) continue; // a rule about something absent (an item lacking tent_id)
            INFO(c.name << ' ' << d.rule << ' ' << d.pointer);
            CHECK(*at == d.offset);
            ++compared;
        }
    }
    CHECK(compared >= 100);
}

TEST_CASE("locate gives 1-based lines and byte columns", "[locate]")
{
    const std::string_view text = "{\n  \"a\": 1,\r\n  \"b\": 2}";
    CHECK(tc::locate(text, 0).line == 1);
    CHECK(tc::locate(text, 4).line == 2);
    CHECK(tc::locate(text, 4).column == 3);
    const auto at = tc::find_pointer(text, "/b");
    REQUIRE(at);
    CHECK(tc::locate(text, *at).line == 3);
    CHECK(tc::locate(text, *at).column == 8);
}

TEST_CASE("a finding's column is counted in code points too, and its token measured in bytes", "[locate]")
{
    // "ÿé€😀" is 2 + 2 + 3 + 4 bytes and 4 code points; the tent_id after it is not a UUID.
    const std::string line = "{\"items\": [{\"index\": 0, \"client_item_id\": \"\xC3\xBF\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\", "
                             "\"tent_id\": \"not-a-uuid\"}]}";
    tc::report r;
    tc::diagnostic tent_id, item;
    tent_id.offset = line.find("\"not-a-uuid\"");
    item.offset = line.find("{\"index\"");
    r.diagnostics = {tent_id, item};
    tc::locate_all(r, line);
    const auto& t = r.diagnostics[0];
    CHECK(t.line == 1);
    CHECK(t.column == 69);
    CHECK(t.character == 69 - 7); // the 11 bytes of the four characters are 4 code points
    CHECK(t.length == 12);        // "not-a-uuid" with its quotes
    CHECK(r.diagnostics[1].column == 12);
    CHECK(r.diagnostics[1].character == 12);
    CHECK(r.diagnostics[1].length == 1); // an object is pointed at by its '{'
}

TEST_CASE("a token runs to its delimiter: numbers, literals, escaped quotes, the end of the text", "[locate]")
{
    CHECK(tc::token_length(R"({"n": -1.5e3, "t": true})", 6) == 6);
    CHECK(tc::token_length(R"({"n": -1.5e3, "t": true})", 19) == 4);
    CHECK(tc::token_length(R"(["a\"b", 1])", 1) == 6);
    CHECK(tc::token_length(R"(["open)", 1) == 5);
    CHECK(tc::token_length("[]", 2) == 0);
    CHECK(tc::code_points("\xC3\xA9t\xC3\xA9") == 3);
}
