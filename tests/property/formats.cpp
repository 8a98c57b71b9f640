// The fast paths of the format checks (detail/formats_fast.hpp: eight bytes at a time, tables)
// agree with their plain definitions (detail/formats.hpp), which are the specification: on every
// byte value at every place of a canonical text, on random texts around the lengths where a word
// ends (8, 16, 24, 26, 36), and on bytes at or above 0x80. RC_PARAMS="seed=N" replays a failure.
#include <tented/contract/formats.hpp>

#include <catch2/catch.hpp>
#include <rapidcheck.h>
#include <rapidcheck/catch.h>

#include <string>
#include <string_view>
#include <vector>

namespace tc = tented::contract;
namespace td = tented::contract::detail;

namespace {

constexpr std::string_view canonical_ulid = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
constexpr std::string_view canonical_uuid = "123e4567-e89b-42d3-a456-426614174000";
constexpr std::string_view canonical_timestamp = "2026-03-25T14:30:00.000Z";

bool same(const tc::format_check& a, const tc::format_check& b)
{
    return a.outcome == b.outcome && a.reason == b.reason;
}

/// The fast paths against the plain definitions for `s`: the public check (fast path first)
/// gives exactly the plain verdict, and each fast path says "canonical" exactly where the plain
/// definition says ok.
bool fast_agrees_with_plain(std::string_view s)
{
    const auto ulid = td::ulid_verdict(s), uuid = td::uuid_verdict(s), timestamp = td::timestamp_verdict(s);
    const auto instant = td::documented_instant(s);
    return td::is_canonical_ulid(s) == (ulid.outcome == tc::format_check::ok) && same(tc::ulid_format::check(s), ulid) &&
           td::is_canonical_uuid(s) == (uuid.outcome == tc::format_check::ok) && same(tc::uuid_format::check(s), uuid) &&
           instant.has_value() == (timestamp.outcome == tc::format_check::ok) &&
           same(tc::timestamp_format::check(s), timestamp) &&
           (!instant || *instant == *td::parse_rfc3339(s).when) &&
           tc::parse_timestamp(s) == td::parse_rfc3339(s).when;
}

/// Every text that differs from `canonical` by one byte, for each of the 256 byte values.
std::vector<std::string> one_byte_away(std::string_view canonical)
{
    std::vector<std::string> out;
    for (std::size_t at = 0; at < canonical.size(); ++at)
        for (int b = 0; b < 256; ++b) {
            std::string s(canonical);
            s[at] = static_cast<char>(b);
            out.push_back(std::move(s));
        }
    return out;
}

/// Texts of 0 to 40 bytes, mostly of the characters the formats use, some at or above 0x80.
rc::Gen<std::string> format_like_text()
{
    const std::string common = "0123456789abcdefABCDEFIiLlOoUuZzTt-:.+_ ";
    return rc::gen::resize(40, rc::gen::container<std::string>(rc::gen::weightedOneOf<char>({
        {6, rc::gen::elementOf(common)},
        {1, rc::gen::arbitrary<char>()},
        {1, rc::gen::map(rc::gen::inRange(0x80, 0x100), [](int b) { return static_cast<char>(b); })},
    })));
}

/// A canonical text cut or lengthened to a length near the end of a word, then one byte changed.
rc::Gen<std::string> near_canonical()
{
    return rc::gen::exec([] {
        const auto base = std::string(*rc::gen::element(canonical_ulid, canonical_uuid, canonical_timestamp));
        const auto length = *rc::gen::element<std::size_t>(7, 8, 9, 15, 16, 17, 23, 24, 25, 26, 27, 35, 36, 37);
        std::string s = base.substr(0, std::min(length, base.size()));
        while (s.size() < length) s += base[s.size() % base.size()];
        const auto at = *rc::gen::inRange<std::size_t>(0, s.size());
        s[at] = *rc::gen::arbitrary<char>();
        return s;
    });
}

/// An https URL of one of a few authorities (some bad), then a random path, query or fragment,
/// sometimes with a byte that breaks it.
rc::Gen<std::string> url_like_text()
{
    return rc::gen::exec([] {
        const std::string authority = *rc::gen::element<std::string>(
            "https://a.example", "https://a.example:443", "https://user@a.example", "HTTPS://a.example",
            "https://a.example.", "https://a..example", "https://[::1]", "https://a.example:99999", "https://",
            "https://.a.example", "https://a-b.example", "https:/", "https://@@a.example", "https://[:::::]",
            "https://" + std::string(64, 'a') + ".example");
        const std::string rest = *rc::gen::container<std::string>(rc::gen::weightedOneOf<char>({
            {8, rc::gen::elementOf(std::string("abc/?#:@.%20-"))},
            {1, rc::gen::arbitrary<char>()},
        }));
        return authority + rest;
    });
}

} // namespace

TEST_CASE("the canonical ULID, UUID and timestamp pass the fast paths, and each as the plain definition says",
          "[property][formats]")
{
    CHECK(td::is_canonical_ulid(canonical_ulid));
    CHECK(td::is_canonical_uuid(canonical_uuid));
    CHECK(td::documented_instant(canonical_timestamp)->seconds == 1774449000);
    for (std::string_view s : {canonical_ulid, canonical_uuid, canonical_timestamp}) CHECK(fast_agrees_with_plain(s));
}

TEST_CASE("every byte value at every place of a canonical ULID, UUID or timestamp gets the plain verdict",
          "[property][formats]")
{
    std::size_t canonical = 0, checked = 0;
    for (std::string_view base : {canonical_ulid, canonical_uuid, canonical_timestamp})
        for (const auto& s : one_byte_away(base)) {
            INFO("text " << s);
            REQUIRE(fast_agrees_with_plain(s));
            canonical += td::is_canonical_ulid(s) || td::is_canonical_uuid(s) || td::documented_instant(s).has_value();
            ++checked;
        }
    CHECK(checked == (26 + 36 + 24) * 256u);
    // The fast paths accept some of them (another digit, another letter), not all and not none.
    CHECK(canonical > 1000u);
    CHECK(canonical < checked / 2);
}

TEST_CASE("the fast paths agree with the plain definitions on random texts", "[property][formats]")
{
    rc::prop("texts of 0 to 40 bytes", [] { RC_ASSERT(fast_agrees_with_plain(*format_like_text())); });
    rc::prop("canonical texts cut or lengthened near a word's end, one byte changed",
             [] { RC_ASSERT(fast_agrees_with_plain(*near_canonical())); });
}

TEST_CASE("the URL character tables hold the plain classification of every byte value", "[property][formats]")
{
    for (int b = 0; b < 256; ++b) {
        const auto c = static_cast<char>(b);
        INFO("byte " << b);
        CHECK(td::classify<&td::authority_kind>(c) == td::authority_kind(c));
        CHECK(td::classify<&td::is_reg_name_char>(c) == td::is_reg_name_char(c));
    }
    CHECK(td::classify<&td::authority_kind>('/') == td::authority_char::end);
    CHECK(td::classify<&td::is_reg_name_char>('~'));
    CHECK_FALSE(td::classify<&td::is_reg_name_char>('\x80'));
}

TEST_CASE("the word-wise space and control test agrees with the plain one on every byte value at every place",
          "[property][formats]")
{
    // Around the byte judged, plain letters or bytes at or above 0x80 (whose sums would carry
    // into the next byte if the words were not masked first), on both sides of a word's end.
    std::size_t flagged = 0, checked = 0;
    for (const char around : {'a', '\xff', '\x80'})
        for (std::size_t length = 1; length <= 24; ++length)
            for (std::size_t at = 0; at < length; ++at)
                for (int b = 0; b < 256; ++b) {
                    std::string s(length, around);
                    s[at] = static_cast<char>(b);
                    INFO("length " << length << ", byte " << b << " at " << at << ", around it " << int(around));
                    REQUIRE(td::any_space_or_control(s) == td::has_space_or_control(s));
                    flagged += td::any_space_or_control(s);
                    ++checked;
                }
    CHECK(checked == 3 * 300 * 256u);
    CHECK(flagged == 3 * 300 * 34u); // 0x00 to 0x20, and 0x7f
    CHECK_FALSE(td::any_space_or_control(""));
}

TEST_CASE("a URL of the plain form has the authority and the verdict the plain definition gives it",
          "[property][formats]")
{
    CHECK(td::plain_https_authority("https://a.example/x") == 17);
    CHECK(td::plain_https_authority("https://a-1.example") == 19);
    CHECK(td::plain_https_authority("https://a?q") == 9);
    CHECK(td::plain_https_authority("https://" + std::string(63, 'a') + ".b/") == 73);
    CHECK(td::plain_https_authority("https://" + std::string(64, 'a') + ".b/") == 0);
    const std::string label(63, 'a'), name253 = label + '.' + label + '.' + label + '.' + std::string(61, 'a');
    CHECK(td::plain_https_authority("https://" + name253) == 261);
    CHECK(td::plain_https_authority("https://" + name253 + "a") == 0);
    for (std::string_view other : {"https://a..example/", "https://.a/", "https://a./", "https://A.example/",
                                   "https://a.example:443/", "https://u@a.example/", "https://", "https:///x",
                                   "http://a.example/", "https://[::1]/", "https://a%41.example/"})
        CHECK(td::plain_https_authority(other) == 0);
    rc::prop("URL-like text", [] {
        const auto url = *url_like_text();
        const auto n = td::plain_https_authority(url);
        RC_TAG(n > 0 ? "plain" : "other");
        if (n == 0) return;
        RC_ASSERT(n == 8 + td::scan_authority(std::string_view(url).substr(8)).length);
        if (!td::any_space_or_control(std::string_view(url).substr(n)))
            RC_ASSERT(td::url_verdict(url).outcome == tc::format_check::ok);
    });
}

TEST_CASE("the URL check that remembers the last good authority gives the plain verdict, URL after URL",
          "[property][formats]")
{
    td::url_memo memo;
    REQUIRE(td::url_verdict("https://a.example/one", memo).outcome == tc::format_check::ok);
    CHECK(memo.shared_prefix("https://a.example/two") == 17);
    CHECK(memo.shared_prefix("https://a.example.org/") == 0);
    // An authority longer than the memo's room is checked whole each time, and not remembered.
    const std::string label(63, 'h');
    const std::string long_authority = "https://" + label + '.' + label + ".example";
    REQUIRE(long_authority.size() > td::url_memo::room);
    REQUIRE(td::url_verdict(long_authority + "/one", memo).outcome == tc::format_check::ok);
    CHECK(memo.shared_prefix(long_authority + "/two") == 0);
    CHECK(memo.shared_prefix("https://a.example/two") == 17);
    CHECK(td::url_verdict(long_authority + "/t w o", memo).outcome == tc::format_check::invalid);
    CHECK(td::url_verdict("https://a.example/t w o", memo).reason ==
          "expected a URL without spaces or control characters, got \"https://a.example/t w o\"");
    rc::prop("a sequence of URLs", [] {
        const auto urls = *rc::gen::container<std::vector<std::string>>(url_like_text());
        td::url_memo memo;
        for (const auto& url : urls) RC_ASSERT(same(td::url_verdict(url, memo), td::url_verdict(url)));
    });
}
