// Unit tests of formats.hpp: every format check's verdict and the key words of its reason, and
// parse_timestamp's instants. The header comes first: it must compile on its own.
#include <tented/contract/formats.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace tc = tented::contract;

namespace {

using verdict = tc::format_check::verdict;

template <class Format>
tc::format_check check(std::string_view text)
{
    return Format::check(text);
}

// The verdict and reason of each format, under names that read well in the tests.
tc::format_check ulid(std::string_view s) { return check<tc::ulid_format>(s); }
tc::format_check uuid(std::string_view s) { return check<tc::uuid_format>(s); }
tc::format_check timestamp(std::string_view s) { return check<tc::timestamp_format>(s); }
tc::format_check url(std::string_view s) { return check<tc::https_url_format>(s); }
tc::format_check template_id(std::string_view s) { return check<tc::template_id_format>(s); }
tc::format_check error_code(std::string_view s) { return check<tc::error_code_format>(s); }

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

} // namespace

// ---- ulid ------------------------------------------------------------------------------------

TEST_CASE("a documented ULID and the largest ULID are canonical with an empty reason", "[formats][ulid]")
{
    for (const char* s : {"01JQZB4H8A7T5B3R2W1X9Y6Z0K", "7ZZZZZZZZZZZZZZZZZZZZZZZZZ", "00000000000000000000000000"}) {
        INFO(s);
        const auto c = ulid(s);
        CHECK(c.outcome == verdict::ok);
        CHECK(c.reason.empty());
    }
}

TEST_CASE("a ULID of the wrong length is invalid and the reason gives the length", "[formats][ulid]")
{
    const auto short_one = ulid("01JQZB4H8A7T5B3R2W1X9Y6Z0"); // 25 characters
    CHECK(short_one.outcome == verdict::invalid);
    CHECK_THAT(short_one.reason, Contains("26 characters") && Contains("got 25"));

    const auto long_one = ulid("01JQZB4H8A7T5B3R2W1X9Y6Z0KK");
    CHECK(long_one.outcome == verdict::invalid);
    CHECK_THAT(long_one.reason, Contains("got 27"));

    const auto empty = ulid("");
    CHECK(empty.outcome == verdict::invalid);
    CHECK_THAT(empty.reason, Contains("got 0"));
}

TEST_CASE("a ULID holding I, L, O, U or a hyphen is invalid and the reason names the character", "[formats][ulid]")
{
    struct example { const char* text; const char* named; };
    for (const auto& e : {example{"01JQZB4H8A7T5B3R2W1X9Y6Z0I", "'I' at character 26"},
                          example{"01LQZB4H8A7T5B3R2W1X9Y6Z0K", "'L' at character 3"},
                          example{"01JQZB4H8A7T5B3R2W1X9Y6ZOK", "'O' at character 25"},
                          example{"0UJQZB4H8A7T5B3R2W1X9Y6Z0K", "'U' at character 2"},
                          example{"01JQZB4H8A-T5B3R2W1X9Y6Z0K", "'-' at character 11"}}) {
        INFO(e.text);
        const auto c = ulid(e.text);
        CHECK(c.outcome == verdict::invalid);
        CHECK_THAT(c.reason, Contains("Crockford base32") && Contains(e.named));
    }
}

TEST_CASE("a ULID whose first character is above 7 overflows 128 bits and is invalid", "[formats][ulid]")
{
    const auto c = ulid("8ZZZZZZZZZZZZZZZZZZZZZZZZZ");
    CHECK(c.outcome == verdict::invalid);
    CHECK_THAT(c.reason, Contains("first character 0-7") && Contains("'8'"));
}

TEST_CASE("a lowercase ULID is a ULID but not canonical", "[formats][ulid]")
{
    const auto lower = ulid("01jqzb4h8a7t5b3r2w1x9y6z0k");
    CHECK(lower.outcome == verdict::non_canonical);
    CHECK_THAT(lower.reason, Contains("uppercase") && Contains("\"01jqzb4h8a7t5b3r2w1x9y6z0k\""));
    CHECK(ulid("01JQZB4H8A7T5B3R2W1X9Y6Z0k").outcome == verdict::non_canonical);
    // A lowercase i, l, o or u is still not base32.
    CHECK(ulid("01jqzb4h8a7t5b3r2w1x9y6z0i").outcome == verdict::invalid);
}

TEST_CASE("a ULID of 26 bytes holding a byte above 0x7F or a neighbour of 0-9 and A-Z is invalid", "[formats][ulid]")
{
    // The canonical form is judged eight bytes at a time: a byte above 0x7F carries into the
    // next, which must not make a '/' after it pass for a '0'.
    for (const char* s : {"01JQZB4H8A7T5B3R2W1X9Y6Z0\xC3", "01JQZB4H8A7T5B3R2W1X9Y6\xC3/K", "01JQZB4H8A7T5B3R2W1X9Y6Z0@",
                          "01JQZB4H8A7T5B3R2W1X9Y6Z0[", "01JQZB4H8A7T5B3R2W1X9Y6Z0:", "/1JQZB4H8A7T5B3R2W1X9Y6Z0K"}) {
        INFO(s);
        CHECK(ulid(s).outcome == verdict::invalid);
    }
}

// ---- uuid ------------------------------------------------------------------------------------

TEST_CASE("a lowercase version 4 UUID of the RFC variant is canonical", "[formats][uuid]")
{
    for (const char* s : {"b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "85833f2b-40ba-4af4-b820-cf13f7356d7a",
                          "00000000-0000-4000-8000-000000000000", "ffffffff-ffff-4fff-bfff-ffffffffffff"}) {
        INFO(s);
        const auto c = uuid(s);
        CHECK(c.outcome == verdict::ok);
        CHECK(c.reason.empty());
    }
}

TEST_CASE("a text that is not 8-4-4-4-12 hexadecimal digits is not a UUID", "[formats][uuid]")
{
    for (const char* s : {"b6f8d6177cfe4d63a8e95d971780d57f", "{b6f8d617-7cfe-4d63-a8e9-5d971780d57f}",
                          "urn:uuid:b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "b6f8d617-7cfe-4d63-a8e9-5d971780d57",
                          "g6f8d617-7cfe-4d63-a8e9-5d971780d57f", "b6f8d617-7cfe4-d63-a8e9-5d971780d57f", ""}) {
        INFO(s);
        const auto c = uuid(s);
        CHECK(c.outcome == verdict::invalid);
        CHECK_THAT(c.reason, Contains("8-4-4-4-12"));
    }
}

TEST_CASE("a UUID digit just outside 0-9, a-f or A-F, or a byte above 0x7F, is not a UUID", "[formats][uuid]")
{
    // Digits are judged eight at a time: each neighbour of each range, in every word of the 32.
    const std::string good = "b6f8d617-7cfe-4d63-a8e9-5d971780d57f";
    for (const std::string bad : {"/", ":", "@", "G", "`", "g", "\x7f", "\xc3"}) {
        for (std::size_t at : {0u, 7u, 9u, 16u, 21u, 24u, 31u, 35u}) {
            std::string s = good;
            s[at] = bad[0];
            INFO(s << " at " << at);
            CHECK(uuid(s).outcome == verdict::invalid);
        }
    }
    CHECK(uuid("b6f8d617-7cfe-4d63-a8e9-5d971780d5\xc3\xa9").outcome == verdict::invalid);
    CHECK(uuid("B6F8D617-7CFE-4D63-A8E9-5D971780D57F").outcome == verdict::non_canonical);
    CHECK(uuid("00000000-0000-4000-8000-000000000000").outcome == verdict::ok);
    CHECK(uuid("ffffffff-ffff-4fff-bfff-ffffffffffff").outcome == verdict::ok);
}

TEST_CASE("an uppercase, non-v4 or non-RFC-variant UUID is valid but not canonical", "[formats][uuid]")
{
    const auto upper = uuid("B6F8D617-7CFE-4D63-A8E9-5D971780D57F");
    CHECK(upper.outcome == verdict::non_canonical);
    CHECK_THAT(upper.reason, Contains("lowercase"));

    const auto v1 = uuid("c232ab00-9414-11ec-b3c8-9f68deced846");
    CHECK(v1.outcome == verdict::non_canonical);
    CHECK_THAT(v1.reason, Contains("version 4") && Contains("got version 1"));

    const auto v7 = uuid("01890a5d-ac96-774b-bcce-b302099a8057");
    CHECK(v7.outcome == verdict::non_canonical);
    CHECK_THAT(v7.reason, Contains("got version 7"));

    const auto nil = uuid("00000000-0000-0000-0000-000000000000");
    CHECK(nil.outcome == verdict::non_canonical);
    CHECK_THAT(nil.reason, Contains("got version 0"));

    const auto microsoft = uuid("b6f8d617-7cfe-4d63-c8e9-5d971780d57f");
    CHECK(microsoft.outcome == verdict::non_canonical);
    CHECK_THAT(microsoft.reason, Contains("variant") && Contains("'c'"));
}

// ---- timestamp -------------------------------------------------------------------------------

TEST_CASE("the documented timestamp form is canonical", "[formats][timestamp]")
{
    for (const char* s : {"2026-03-25T14:30:00.000Z", "2026-12-31T23:59:59.999Z", "1970-01-01T00:00:00.000Z"}) {
        INFO(s);
        const auto c = timestamp(s);
        CHECK(c.outcome == verdict::ok);
        CHECK(c.reason.empty());
    }
}

TEST_CASE("a timestamp of the documented length that departs from its form is judged the general way", "[formats][timestamp]")
{
    // The documented form is read eight bytes at a time; any departure goes the general way.
    for (const char* s : {"2026-03-25T14:30:00.00\xC3Z", "2026-03-25T14:30:00.\xC3/0Z", "2026/03/25T14:30:00.000Z",
                          "2026-03-25T14:30:00:000Z", "2026-03-25T14:3a:00.000Z"}) {
        INFO(s);
        CHECK(timestamp(s).outcome == verdict::invalid);
        CHECK_FALSE(tented::contract::parse_timestamp(s).has_value());
    }
    for (const char* s : {"2026-03-25t14:30:00.000Z", "2026-03-25T14:30:00.000z"}) {
        INFO(s);
        CHECK(timestamp(s).outcome == verdict::non_canonical);
        CHECK(tented::contract::parse_timestamp(s)->seconds == 1774449000);
    }
}

TEST_CASE("February 29 exists in leap years only, by the 4, 100 and 400 year rules", "[formats][timestamp]")
{
    CHECK(timestamp("2024-02-29T00:00:00.000Z").outcome == verdict::ok);
    CHECK(timestamp("2000-02-29T00:00:00.000Z").outcome == verdict::ok);
    for (const char* s : {"2023-02-29T00:00:00.000Z", "1900-02-29T00:00:00.000Z", "2100-02-29T00:00:00.000Z"}) {
        INFO(s);
        const auto c = timestamp(s);
        CHECK(c.outcome == verdict::invalid);
        CHECK_THAT(c.reason, Contains("day 29 does not exist"));
    }
}

TEST_CASE("calendar values that do not exist make a timestamp invalid", "[formats][timestamp]")
{
    const auto feb30 = timestamp("2024-02-30T12:00:00.000Z");
    CHECK(feb30.outcome == verdict::invalid);
    CHECK_THAT(feb30.reason, Contains("RFC 3339") && Contains("day 30 does not exist in 2024-02"));

    const auto april31 = timestamp("2026-04-31T12:00:00.000Z");
    CHECK(april31.outcome == verdict::invalid);
    CHECK_THAT(april31.reason, Contains("day 31"));

    const auto day0 = timestamp("2026-04-00T12:00:00.000Z");
    CHECK(day0.outcome == verdict::invalid);
    CHECK_THAT(day0.reason, Contains("day 0"));

    const auto month13 = timestamp("2026-13-01T12:00:00.000Z");
    CHECK(month13.outcome == verdict::invalid);
    CHECK_THAT(month13.reason, Contains("month 13 is not 01-12"));

    const auto month0 = timestamp("2026-00-01T12:00:00.000Z");
    CHECK(month0.outcome == verdict::invalid);
    CHECK_THAT(month0.reason, Contains("month 0 "));
}

TEST_CASE("hour 24, minute 60 and second 61 are out of range but second 60 is a leap second", "[formats][timestamp]")
{
    const auto hour24 = timestamp("2026-03-25T24:00:00.000Z");
    CHECK(hour24.outcome == verdict::invalid);
    CHECK_THAT(hour24.reason, Contains("24:00:00 is out of range"));

    const auto minute60 = timestamp("2026-03-25T12:60:00.000Z");
    CHECK(minute60.outcome == verdict::invalid);
    CHECK_THAT(minute60.reason, Contains("out of range"));

    const auto second61 = timestamp("2026-03-25T12:00:61.000Z");
    CHECK(second61.outcome == verdict::invalid);
    CHECK_THAT(second61.reason, Contains("out of range"));

    const auto leap = timestamp("2016-12-31T23:59:60.000Z");
    CHECK(leap.outcome == verdict::ok);
    // A leap second is the last second of a UTC day, whatever the offset it is written in.
    for (const char* s : {"2016-12-31T15:59:60-08:00", "2017-01-01T00:59:60.5+01:00", "2016-12-31t23:59:60z"}) {
        INFO(s);
        CHECK(timestamp(s).outcome != verdict::invalid); // not the documented form: a warning at most
        CHECK(tc::parse_timestamp(s));
    }
    const auto midday = timestamp("2026-03-25T12:30:60.000Z");
    CHECK(midday.outcome == verdict::invalid);
    CHECK(midday.reason == R"(expected an RFC 3339 date-time, got "2026-03-25T12:30:60.000Z": second 60 is a leap )"
                           "second only in the last minute of a UTC day (23:59:60Z), and this one is 12:30 UTC");
    const auto an_hour_early = timestamp("2016-12-31T23:59:60+01:00");
    CHECK(an_hour_early.outcome == verdict::invalid);
    CHECK_THAT(an_hour_early.reason, Contains("and this one is 22:59 UTC"));
    CHECK_FALSE(tc::parse_timestamp("2026-03-25T12:30:60.000Z"));
}

TEST_CASE("an offset must be Z or +HH:MM: +0000, +09 and a missing offset are invalid", "[formats][timestamp]")
{
    for (const char* s : {"2026-03-25T14:30:00.000+0000", "2026-03-25T14:30:00.000+09", "2026-03-25T14:30:00.000",
                          "2026-03-25T14:30:00", "2026-03-25T14:30:00.000+24:00", "2026-03-25T14:30:00.000+01:60",
                          "2026-03-25T14:30:00.000 Z"}) {
        INFO(s);
        const auto c = timestamp(s);
        CHECK(c.outcome == verdict::invalid);
        CHECK_THAT(c.reason, Contains("offset Z or +HH:MM"));
    }
}

TEST_CASE("a fraction must hold 1 to 9 digits: 12:00:00. and ten digits are invalid", "[formats][timestamp]")
{
    const auto empty = timestamp("2026-03-25T12:00:00.Z");
    CHECK(empty.outcome == verdict::invalid);
    CHECK_THAT(empty.reason, Contains("1 to 9 fraction digits"));

    const auto ten = timestamp("2026-03-25T12:00:00.0123456789Z");
    CHECK(ten.outcome == verdict::invalid);
    CHECK_THAT(ten.reason, Contains("1 to 9 fraction digits"));

    CHECK(timestamp("2026-03-25T12:00:00.012345678Z").outcome == verdict::non_canonical);
    CHECK(timestamp("2026-03-25T12:00:00.0Z").outcome == verdict::non_canonical);
}

TEST_CASE("a space, a missing time or trailing text between or after the parts is invalid", "[formats][timestamp]")
{
    const auto space = timestamp("2026-03-25 14:30:00.000Z");
    CHECK(space.outcome == verdict::invalid);
    CHECK_THAT(space.reason, Contains("'T' between date and time"));

    const auto date_only = timestamp("2026-03-25");
    CHECK(date_only.outcome == verdict::invalid);
    CHECK_THAT(date_only.reason, Contains("'T'"));

    const auto no_seconds = timestamp("2026-03-25T14:30Z");
    CHECK(no_seconds.outcome == verdict::invalid);
    CHECK_THAT(no_seconds.reason, Contains("HH:MM:SS"));

    const auto trailing = timestamp("2026-03-25T14:30:00.000Z ");
    CHECK(trailing.outcome == verdict::invalid);
    CHECK_THAT(trailing.reason, Contains("after the offset"));

    const auto slashes = timestamp("2026/03/25T14:30:00.000Z");
    CHECK(slashes.outcome == verdict::invalid);
    CHECK_THAT(slashes.reason, Contains("YYYY-MM-DD"));

    const auto empty = timestamp("");
    CHECK(empty.outcome == verdict::invalid);
    CHECK_THAT(empty.reason, Contains("YYYY-MM-DD"));
}

TEST_CASE("a valid timestamp not in the documented form is non-canonical and says the form", "[formats][timestamp]")
{
    for (const char* s : {"2026-03-25t14:30:00.000z", "2026-03-25T14:30:00.000z", "2026-03-25t14:30:00.000Z",
                          "2026-03-25T14:30:00Z", "2026-03-25T14:30:00.5Z", "2026-03-25T14:30:00.123456Z",
                          "2026-03-25T16:30:00.000+02:00", "2026-03-25T09:30:00.000-05:00",
                          "2026-03-25T14:30:00.000+00:00"}) {
        INFO(s);
        const auto c = timestamp(s);
        CHECK(c.outcome == verdict::non_canonical);
        CHECK_THAT(c.reason, Contains("YYYY-MM-DDTHH:MM:SS.mmmZ") && Contains(s));
    }
}

TEST_CASE("parse_timestamp gives the instant on the UTC time line", "[formats][timestamp]")
{
    const auto documented = tc::parse_timestamp("2026-03-25T14:30:00.000Z");
    REQUIRE(documented);
    CHECK(documented->seconds == 1774449000);
    CHECK(documented->nanoseconds == 0);

    CHECK(tc::parse_timestamp("1970-01-01T00:00:00Z") == tc::instant{0, 0});
    CHECK(tc::parse_timestamp("1969-12-31T23:59:59Z") == tc::instant{-1, 0});
    CHECK(tc::parse_timestamp("1900-01-01T00:00:00Z") == tc::instant{-2208988800, 0});
    CHECK(tc::parse_timestamp("2024-02-29T00:00:00.000Z") == tc::instant{1709164800, 0});
    CHECK(tc::parse_timestamp("2026-03-25T14:30:00.5Z") == tc::instant{1774449000, 500000000});
    CHECK(tc::parse_timestamp("2026-03-25T14:30:00.123456789Z") == tc::instant{1774449000, 123456789});
    CHECK(tc::parse_timestamp("2026-03-25T14:30:00.000001Z") == tc::instant{1774449000, 1000});
}

TEST_CASE("parse_timestamp applies the offset, so one instant has many spellings", "[formats][timestamp]")
{
    const auto utc = tc::parse_timestamp("2026-03-25T10:00:00Z");
    REQUIRE(utc);
    CHECK(tc::parse_timestamp("2026-03-25T12:00:00+02:00") == utc);
    CHECK(tc::parse_timestamp("2026-03-25T05:30:00-04:30") == utc);
    CHECK(tc::parse_timestamp("2026-03-25t10:00:00.000z") == utc);
    // Across midnight and a year boundary.
    CHECK(tc::parse_timestamp("2026-01-01T01:00:00+02:00") == tc::parse_timestamp("2025-12-31T23:00:00Z"));
    // A leap second is second 59 and one more: after :59, before the next minute, as its text.
    CHECK(tc::parse_timestamp("2016-12-31T23:59:60Z") == tc::instant{1483228799, 1000000000});
    CHECK(tc::parse_timestamp("2016-12-31T23:59:60.5Z") == tc::instant{1483228799, 1500000000});
    CHECK(tc::parse_timestamp("2017-01-01T00:59:60.5+01:00") == tc::parse_timestamp("2016-12-31T23:59:60.500Z"));
    const std::vector<std::string> in_order{"2016-12-31T23:59:59.999999999Z", "2016-12-31T23:59:60.000Z",
                                            "2016-12-31T23:59:60.500Z", "2016-12-31T23:59:60.999999999Z",
                                            "2017-01-01T00:00:00.000Z", "2017-01-01T00:00:00.100Z"};
    for (std::size_t i = 0; i + 1 < in_order.size(); ++i) {
        INFO(in_order[i] << " before " << in_order[i + 1]);
        CHECK(*tc::parse_timestamp(in_order[i]) < *tc::parse_timestamp(in_order[i + 1]));
        CHECK_FALSE(*tc::parse_timestamp(in_order[i + 1]) < *tc::parse_timestamp(in_order[i]));
    }
}

TEST_CASE("instants order like the time line, whatever the offsets of their texts", "[formats][timestamp]")
{
    const auto east = tc::parse_timestamp("2026-03-25T14:30:00+02:00"); // 12:30Z
    const auto utc = tc::parse_timestamp("2026-03-25T13:00:00Z");
    const auto west = tc::parse_timestamp("2026-03-25T08:00:00-05:00"); // 13:00Z
    REQUIRE(east);
    REQUIRE(utc);
    REQUIRE(west);
    CHECK(*east < *utc);
    CHECK_FALSE(*utc < *east);
    CHECK(*utc == *west);
    CHECK_FALSE(*utc < *west);
    CHECK_FALSE(*west < *utc);
    // Nanoseconds break ties of seconds.
    CHECK(*tc::parse_timestamp("2026-03-25T13:00:00.1Z") < *tc::parse_timestamp("2026-03-25T13:00:00.2Z"));
    CHECK(*tc::parse_timestamp("2026-03-25T12:59:59.999999999Z") < *utc);
}

TEST_CASE("parse_timestamp refuses every text the timestamp format refuses", "[formats][timestamp]")
{
    for (const char* s : {"", "2026-02-30T00:00:00Z", "2026-03-25T24:00:00Z", "2026-03-25T12:00:00+0000",
                          "2026-03-25T12:00:00+09", "2026-03-25T12:00:00", "2026-03-25T12:00:00.Z",
                          "2026-03-25T12:00:00.0123456789Z", "2026-03-25 12:00:00Z", "not a date"}) {
        INFO(s);
        CHECK_FALSE(tc::parse_timestamp(s).has_value());
        CHECK(timestamp(s).outcome == verdict::invalid);
    }
}

// ---- https_url -------------------------------------------------------------------------------

TEST_CASE("an absolute https URL with a host is valid, with or without port, userinfo, path or query", "[formats][url]")
{
    for (const char* s : {"https://your-workspace.tented-pages.com/acme-onboarding-jane", "https://example.com",
                          "https://example.com:8443/page", "https://user:secret@example.com/page",
                          "https://example.com?x=1", "https://example.com#top", "https://[2001:db8::1]:443/a",
                          "HTTPS://Example.COM/a"}) {
        INFO(s);
        const auto c = url(s);
        CHECK(c.outcome == verdict::ok);
        CHECK(c.reason.empty());
    }
}

TEST_CASE("http, a relative reference or a text without scheme is not an https URL", "[formats][url]")
{
    for (const char* s : {"http://your-workspace.tented-pages.com/acme", "/acme-onboarding-jane",
                          "your-workspace.tented-pages.com/acme", "ftp://example.com/a", "https:example.com", ""}) {
        INFO(s);
        const auto c = url(s);
        CHECK(c.outcome == verdict::invalid);
        CHECK_THAT(c.reason, Contains("absolute https:// URL"));
    }
}

TEST_CASE("an https URL without a host is invalid and the reason says so", "[formats][url]")
{
    for (const char* s : {"https://", "https:///path", "https://?q=1", "https://user@/path", "https://:443/a"}) {
        INFO(s);
        const auto c = url(s);
        CHECK(c.outcome == verdict::invalid);
        CHECK_THAT(c.reason, Contains("host"));
    }
}

TEST_CASE("an https URL with a non-numeric port is invalid", "[formats][url]")
{
    const auto c = url("https://example.com:https/a");
    CHECK(c.outcome == verdict::invalid);
    CHECK_THAT(c.reason, Contains("numeric port"));
}

TEST_CASE("an https URL's port is 0 to 65535 and its host is a DNS name or an IPv6 address", "[formats][url]")
{
    struct example { const char* url; const char* reason; };
    for (const auto& e : {example{"https://h:99999/", "expected a port from 0 to 65535"},
                          example{"https://h:65536", "expected a port from 0 to 65535"},
                          example{"https://[zz]/", "expected an IPv6 address between '[' and ']'"},
                          example{"https://[]/", "expected an IPv6 address between '[' and ']'"},
                          example{"https://[2001:db8::1/", "expected ']' closing the IPv6 address"},
                          example{"https://[2001:db8::1]x/", "expected ':' and a port after ']'"},
                          example{"https://%zz/", "expected '%' followed by two hexadecimal digits in the host"},
                          example{"https://exa%2/", "expected '%' followed by two hexadecimal digits in the host"},
                          example{"https://.../", "expected a host name without empty labels between dots"},
                          example{"https://a..b/", "expected a host name without empty labels between dots"},
                          example{"https://.example.com/", "expected a host name without empty labels between dots"},
                          example{"https://example.com../", "expected a host name without empty labels between dots"},
                          example{"https://exa<mple.com/", "expected a host of letters, digits, '-', '.' and %-escapes"},
                          example{"https://[:::::]/", "expected an IPv6 address between '[' and ']'"},
                          example{"https://[1::2::3]/", "expected an IPv6 address between '[' and ']'"},
                          example{"https://[12345::1]/", "expected an IPv6 address between '[' and ']'"},
                          example{"https://[1:2:3:4:5:6:7:8:9]/", "expected an IPv6 address between '[' and ']'"},
                          example{"https://[1:2:3:4:5:6:7::8]/", "expected an IPv6 address between '[' and ']'"},
                          example{"https://[1:2:3:4:5:6:7]/", "expected an IPv6 address between '[' and ']'"},
                          example{"https://[1:]/", "expected an IPv6 address between '[' and ']'"},
                          example{"https://[:1]/", "expected an IPv6 address between '[' and ']'"},
                          example{"https://[::1.2.3.256]/", "expected an IPv6 address between '[' and ']'"},
                          example{"https://[::01.2.3.4]/", "expected an IPv6 address between '[' and ']'"},
                          example{"https://[1.2.3.4]/", "expected an IPv6 address between '[' and ']'"},
                          example{"https://@@a.example/", "expected one '@' at most, ending the user information"},
                          example{"https://u@v@a.example/", "expected one '@' at most, ending the user information"},
                          example{"https://u%4@a.example/", "expected user information of letters, digits, %-escapes and "
                                                            "-._~!$&'()*+,;=: before '@'"},
                          example{"https://u[@a.example/", "expected user information of letters, digits, %-escapes and "
                                                           "-._~!$&'()*+,;=: before '@'"}}) {
        INFO(e.url);
        const auto c = url(e.url);
        CHECK(c.outcome == verdict::invalid);
        CHECK(c.reason == std::string(e.reason) + ", got \"" + e.url + '"');
    }
    // A backslash in the URL is escaped in the message, as a quote would be, as in JSON.
    CHECK(url("https://exa\\mple.com/").reason ==
          R"(expected a host of letters, digits, '-', '.' and %-escapes, got "https://exa\\mple.com/")");
    CHECK(url("https://exa\"mple.com/").reason ==
          R"(expected a host of letters, digits, '-', '.' and %-escapes, got "https://exa\"mple.com/")");
    for (const char* s : {"https://h:65535/", "https://h:0/", "https://h:/", "https://[::1]/", "https://[::ffff:1.2.3.4]:8/",
                          "https://caf%C3%A9.example/", "https://example.com./", "https://xn--caf-dma.example/",
                          "https://under_score.example/", "https://[1:2:3:4:5:6:7:8]/", "https://[::]/", "https://[1::]/",
                          "https://[1:2:3:4:5:6:7::]/", "https://[::1:2:3:4:5:6:7]/", "https://[1:2:3:4:5:6:1.2.3.4]/",
                          "https://[FE80::A:b]/", "https://u%40x:p:w@a.example/", "https://@a.example/"}) {
        INFO(s);
        CHECK(url(s).outcome == verdict::ok);
    }
}

TEST_CASE("a host name has labels of at most 63 octets and at most 253 in all (RFC 1035)", "[formats][url]")
{
    const std::string label63(63, 'a'), label64(64, 'a');
    CHECK(url("https://" + label63 + ".example/").outcome == verdict::ok);
    CHECK_THAT(url("https://" + label64 + ".example/").reason,
               StartsWith("expected labels of at most 63 octets in the host name, got \"https://aaaa"));
    CHECK(url("https://b." + label64 + "/").outcome == verdict::invalid);
    CHECK(url("https://" + std::string(61, 'a') + "%41%42/").outcome == verdict::ok); // an escape is one octet
    CHECK(url("https://" + std::string(62, 'a') + "%41%42/").outcome == verdict::invalid);
    // 4 labels of 63 and their 3 dots are 255 octets; with a final dot, 253 before it is the most.
    const std::string name253 = label63 + '.' + label63 + '.' + label63 + '.' + std::string(61, 'a');
    CHECK(url("https://" + name253 + "/").outcome == verdict::ok);
    CHECK(url("https://" + name253 + "./").outcome == verdict::ok);
    CHECK_THAT(url("https://" + name253 + "a/").reason,
               StartsWith("expected a host name of at most 253 octets, got \"https://aaaa"));
}

TEST_CASE("spaces and control characters make an https URL invalid", "[formats][url]")
{
    for (const char* s : {"https://example.com/a b", "https://example.com/a\t", "https://exa mple.com/",
                          "https://example.com/\x7f"}) {
        INFO(s);
        const auto c = url(s);
        CHECK(c.outcome == verdict::invalid);
        CHECK_THAT(c.reason, Contains("without spaces or control characters"));
    }
    // A leading space is not the https scheme at all.
    CHECK(url(" https://example.com/a").outcome == verdict::invalid);
}

TEST_CASE("a text quoted in a message is cut short between characters, never inside one", "[formats][url]")
{
    const std::string emoji = "https://a.example/" + std::string(39, 'p') + "\xF0\x9F\x98\x80zzz ";
    CHECK(url(emoji).reason == "expected a URL without spaces or control characters, got \"https://a.example/" +
                                 std::string(39, 'p') + "...\"");
    const std::string two_bytes = "https://a.example/" + std::string(40, 'p') + "\xC3\xA9 ";
    CHECK(url(two_bytes).reason == "expected a URL without spaces or control characters, got \"https://a.example/" +
                                       std::string(40, 'p') + "\xC3\xA9...\"");
    CHECK(tc::detail::utf8_prefix("ab\xC3\xA9", 3) == "ab");
    CHECK(tc::detail::utf8_prefix("ab\xC3\xA9", 4) == "ab\xC3\xA9");
    CHECK(tc::detail::utf8_prefix("ab", 0).empty());
}

TEST_CASE("a URL that shares the scheme and host of a good one is still checked whole", "[formats][url]")
{
    // The last good URL's scheme and authority are remembered; whatever follows them is judged.
    REQUIRE(url("https://example.com/ok").outcome == verdict::ok);
    CHECK(url("https://example.com/a b").outcome == verdict::invalid);
    CHECK(url("https://example.com/\x01").outcome == verdict::invalid);
    CHECK(url("https://example.com").outcome == verdict::ok);
    CHECK(url("https://example.com?q=1").outcome == verdict::ok);
    CHECK(url("https://example.com:99999/").outcome == verdict::invalid);
    CHECK(url("https://example.com@/x").outcome == verdict::invalid);
    CHECK(url("https://example.com../x").outcome == verdict::invalid);
    CHECK(url("https://example.comm/").outcome == verdict::ok);
    CHECK(url("https://example.co/").outcome == verdict::ok);
    CHECK(url("https://example.com/ok").outcome == verdict::ok);
}

// ---- template_id -----------------------------------------------------------------------------

TEST_CASE("tpl_ followed by ASCII letters or digits is a template id", "[formats][template-id]")
{
    for (const char* s : {"tpl_01JABC123XYZ", "tpl_a", "tpl_onboarding2"}) {
        INFO(s);
        CHECK(template_id(s).outcome == verdict::ok);
        CHECK(template_id(s).reason.empty());
    }
}

TEST_CASE("a template id without the tpl_ prefix or with other characters breaks the format", "[formats][template-id]")
{
    for (const char* s : {"tpl_", "TPL_01JABC", "tpl-01JABC", "01JABC123XYZ", "tpl_01_JABC", "tpl_01-JABC",
                          "tpl_01 JABC", "tpl_caf\xc3\xa9", ""}) {
        INFO(s);
        const auto c = template_id(s);
        CHECK(c.outcome == verdict::invalid);
        CHECK_THAT(c.reason, Contains("tpl_ followed by ASCII letters or digits"));
    }
}

// ---- error_code ------------------------------------------------------------------------------

TEST_CASE("UPPER_SNAKE_CASE error codes are valid", "[formats][error-code]")
{
    for (const char* s : {"INSUFFICIENT_CREDITS", "A", "ERR_2", "TEMPLATE_NOT_FOUND_", "X9"}) {
        INFO(s);
        CHECK(error_code(s).outcome == verdict::ok);
        CHECK(error_code(s).reason.empty());
    }
}

TEST_CASE("error codes in other cases or starting with a digit or underscore break the format", "[formats][error-code]")
{
    for (const char* s : {"insufficient_credits", "InsufficientCredits", "INSUFFICIENT-CREDITS", "1ERROR", "_ERROR",
                          "INSUFFICIENT CREDITS", ""}) {
        INFO(s);
        const auto c = error_code(s);
        CHECK(c.outcome == verdict::invalid);
        CHECK_THAT(c.reason, Contains("UPPER_SNAKE_CASE") && Contains("[A-Z][A-Z0-9_]*"));
    }
}

// ---- formatted<Tag> and the reasons ------------------------------------------------------------

TEST_CASE("a formatted value keeps its text, checks it with its format and compares by text", "[formats]")
{
    const tc::ulid good{"01JQZB4H8A7T5B3R2W1X9Y6Z0K"};
    const tc::ulid bad{"not a ulid"};
    CHECK(good.check().outcome == verdict::ok);
    CHECK(bad.check().outcome == verdict::invalid);
    CHECK(bad.text == "not a ulid");
    CHECK(good == tc::ulid{"01JQZB4H8A7T5B3R2W1X9Y6Z0K"});
    CHECK(good != bad);
    CHECK(tc::ulid{"A"} < tc::ulid{"B"});
    CHECK(tc::uuid{"B6F8D617-7CFE-4D63-A8E9-5D971780D57F"}.check().outcome == verdict::non_canonical);
    CHECK(tc::timestamp{"2026-03-25T14:30:00Z"}.check().outcome == verdict::non_canonical);
    CHECK(tc::https_url{"http://example.com"}.check().outcome == verdict::invalid);
    CHECK(tc::template_id{"tpl_x"}.check().outcome == verdict::ok);
    CHECK(tc::error_code{"bad"}.check().outcome == verdict::invalid);
}

TEST_CASE("each format names the rules it enforces", "[formats]")
{
    CHECK(tc::ulid_format::invalid_rule == tc::rule::format_ulid);
    CHECK(tc::ulid_format::non_canonical_rule == tc::rule::format_ulid_canonical);
    CHECK(tc::uuid_format::invalid_rule == tc::rule::format_uuid);
    CHECK(tc::uuid_format::non_canonical_rule == tc::rule::format_uuid_canonical);
    CHECK(tc::timestamp_format::invalid_rule == tc::rule::format_timestamp);
    CHECK(tc::timestamp_format::non_canonical_rule == tc::rule::format_timestamp_canonical);
    CHECK(tc::https_url_format::invalid_rule == tc::rule::format_url);
    CHECK(tc::template_id_format::invalid_rule == tc::rule::format_template_id);
    CHECK(tc::error_code_format::invalid_rule == tc::rule::format_error_code);
}

TEST_CASE("a reason quotes the text, and shortens a long one to 60 characters", "[formats]")
{
    const std::string long_text(100, 'Z');
    const auto c = ulid(long_text);
    CHECK(c.outcome == verdict::invalid);
    CHECK_THAT(c.reason, Contains("got 100") && Contains("\"" + std::string(60, 'Z') + "...\""));
    CHECK_THAT(c.reason, !Contains(std::string(61, 'Z')));
}
