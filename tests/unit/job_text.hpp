// The payload the rule tests write one member a line (so that every position is known), and the
// helpers that read their findings: shared by validate.cpp and the rule tests of each section.
#ifndef TENTED_CONTRACT_TESTS_JOB_TEXT_HPP
#define TENTED_CONTRACT_TESTS_JOB_TEXT_HPP

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

namespace rule_tests {

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

inline const std::string tent_a = "b6f8d617-7cfe-4d63-a8e9-5d971780d57f";
inline const std::string tent_c = "53e8237e-0c87-495d-8d10-946db64dbf8d";

/// The reference page's completed example: 3 completed, published items; credits 3, 3, 0, 0.
inline job_text completed_job()
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
inline job_text job_with_rejected_item(const std::string& rejected_item)
{
    job_text j;
    j.queued = "0";
    j.items[2] = rejected_item;
    j.credits = R"({"reserved": 2, "consumed": 1, "refunded": 0, "pending_reconciliation": 1})";
    return j;
}

/// A running job whose second item failed: completed, failed, queued.
inline job_text job_with_failed_item(const std::string& failed_item)
{
    job_text j;
    j.generating = "0";
    j.failed = "1";
    j.items[1] = failed_item;
    j.credits = R"({"reserved": 3, "consumed": 1, "refunded": 1, "pending_reconciliation": 1})";
    return j;
}

/// The findings of rule `rule`, in report order.
inline std::vector<tc::diagnostic> of(const tc::report& r, const std::string& rule)
{
    std::vector<tc::diagnostic> out;
    for (const auto& d : r.diagnostics)
        if (d.rule == rule) out.push_back(d);
    return out;
}

/// The one finding of a report that must hold exactly one.
inline tc::diagnostic only(const tc::report& r)
{
    INFO(r.diagnostics.size() << " findings, rules:" << [&] {
        std::string s;
        for (const auto& d : r.diagnostics) s += " " + d.rule + " " + d.pointer + " (" + d.message + ")";
        return s;
    }());
    REQUIRE(r.diagnostics.size() == 1);
    return r.diagnostics.front();
}

inline std::string describe(const tc::report& r)
{
    std::ostringstream s;
    for (const auto& d : r.diagnostics)
        s << (d.line == tc::unknown_position ? std::string("?") : std::to_string(d.line)) << ':'
          << (d.column == tc::unknown_position ? std::string("?") : std::to_string(d.column)) << ' '
          << d.rule << ' ' << d.pointer << ": " << d.message << '\n';
    return s.str();
}

inline tc::report check(const job_text& j, const tc::options& o = {})
{
    const auto text = j.text();
    auto r = tc::validate(text, o);
    UNSCOPED_INFO("payload:\n" << text << "findings:\n" << describe(r));
    return r;
}

inline boost::json::value parse_deep(const std::string& text)
{
    boost::json::parse_options po;
    po.max_depth = 1000;
    return boost::json::parse(text, {}, po);
}

inline const std::vector<tc::corpus_case>& corpus()
{
    static const auto all = tc::load_corpus(support::corpus_dir());
    return all;
}

inline bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

/// The JSON value that starts at byte `offset` of `text`, read on its own.
inline std::optional<boost::json::value> value_at(std::string_view text, std::size_t offset)
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
inline std::pair<std::string, std::string> split_pointer(const std::string& pointer)
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
inline bool points_at(std::string_view text, const boost::json::value& dom, const tc::diagnostic& d)
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

} // namespace rule_tests

#endif
