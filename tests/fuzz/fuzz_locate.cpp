// Fuzz target: the JSON Pointer locator, find_pointer(), checked against Boost.JSON's DOM.
// The input is a pointer, a newline, then the JSON text (no newline: the empty pointer and the
// whole input as text). Whatever the bytes:
// - the locator finds something only in a well-formed text, exactly when RFC 6901 resolves the
//   pointer on the DOM (malformed pointers included, both refuse them);
// - the value parsed back from the offset it returns equals the DOM's value there;
// - the same holds for the first values of the DOM, walked breadth first with their pointers.
#include <tented/contract/locate.hpp>

#include "invariants.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <string>
#include <utility>

namespace {

namespace json = boost::json;

json::parse_options depth_limit()
{
    json::parse_options po;
    po.max_depth = 64; // find_pointer's default, the default of options::max_depth
    return po;
}

// The value written at `offset` of `text` (one value, whatever follows it).
json::value value_at(std::string_view text, std::size_t offset)
{
    json::parser p(json::storage_ptr(), depth_limit());
    json::error_code ec;
    p.write_some(text.data() + offset, text.size() - offset, ec);
    fuzz::require(!ec, "find_pointer returned an offset where no value starts"); // no error: one whole value
    return p.release();
}

void expect_same(std::string_view text, std::string_view pointer, const json::value* expected)
{
    const auto at = tented::contract::find_pointer(text, pointer);
    fuzz::require(at.has_value() == (expected != nullptr), "find_pointer and the DOM disagree on whether a value is there");
    // Compared as serialized text: Boost.JSON reads 0e+9999 as NaN, and NaN != NaN.
    if (at)
        fuzz::require(json::serialize(value_at(text, *at)) == json::serialize(*expected),
                      "the value at the returned offset is not the DOM's");
}

// RFC 6901 on the DOM, the oracle. Not value::find_pointer: Boost.JSON 1.81 resolves "//0" on
// an array as if the empty token were an index (the first finding of this target).
const json::value* resolve(const json::value& root, std::string_view pointer)
{
    if (pointer.empty()) return &root;
    if (pointer.front() != '/') return nullptr;
    const json::value* v = &root;
    for (std::size_t at = 1;;) {
        const auto end = std::min(pointer.find('/', at), pointer.size());
        std::string token;
        for (std::size_t i = at; i < end; ++i) {
            if (pointer[i] != '~') {
                token += pointer[i];
                continue;
            }
            if (i + 1 == end || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) return nullptr;
            token += pointer[++i] == '0' ? '~' : '/';
        }
        if (const auto* o = v->if_object()) {
            v = o->if_contains(token);
        } else if (const auto* a = v->if_array()) {
            const bool index = !token.empty() && token.find_first_not_of("0123456789") == std::string::npos &&
                               (token == "0" || token.front() != '0') && token.size() < 19;
            v = index && std::stoull(token) < a->size() ? &(*a)[std::stoull(token)] : nullptr;
        } else {
            v = nullptr;
        }
        if (!v || end == pointer.size()) return v;
        at = end + 1;
    }
}

std::string escaped(json::string_view key)
{
    std::string s;
    for (char c : key) {
        if (c == '~') s += "~0";
        else if (c == '/') s += "~1";
        else s += c;
    }
    return s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto newline = input.find('\n');
    const std::string_view pointer = newline == std::string_view::npos ? std::string_view{} : input.substr(0, newline);
    const std::string_view text = newline == std::string_view::npos ? input : input.substr(newline + 1);

    // The locator skips a byte-order mark and counts it; the DOM is built from what follows.
    const std::size_t bias = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    json::error_code ec;
    const json::value doc = json::parse(text.substr(bias), ec, json::storage_ptr(), depth_limit());
    if (ec) {
        fuzz::require(!tented::contract::find_pointer(text, pointer), "find_pointer found a value in text that is not JSON");
        return 0;
    }
    expect_same(text, pointer, resolve(doc, pointer));

    std::deque<std::pair<std::string, const json::value*>> todo{{"", &doc}};
    for (int walked = 0; walked < 8 && !todo.empty(); ++walked) {
        auto [path, v] = std::move(todo.front());
        todo.pop_front();
        expect_same(text, path, v);
        if (v->is_object())
            for (const auto& kv : v->get_object()) todo.emplace_back(path + "/" + escaped(kv.key()), &kv.value());
        else if (v->is_array())
            for (std::size_t i = 0; i < v->get_array().size(); ++i)
                todo.emplace_back(path + "/" + std::to_string(i), &v->get_array()[i]);
    }
    return 0;
}
