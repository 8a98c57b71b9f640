// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_OUTPUT_SARIF_HPP
#define TENTED_CONTRACT_DETAIL_OUTPUT_SARIF_HPP

#include <tented/contract/detail/fnv1a.hpp>
#include <tented/contract/detail/output_github.hpp>
#include <tented/contract/formats.hpp>
#include <tented/contract/output.hpp>
#include <tented/contract/version.hpp>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace tented::contract::detail {

namespace json = boost::json;

/// `path` as a URI reference: bytes outside RFC 3986's unreserved characters and `/` are
/// %-encoded (a file name is bytes; any of them survives).
inline std::string uri_path(std::string_view path)
{
    std::string out;
    for (char c : path) {
        if (is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') out += c;
        else append_percent_encoded(out, static_cast<unsigned char>(c));
    }
    return out;
}

/// The catalogue anchor of rule `id` (docs/contract.md: the id with `/` as `-`).
inline std::string rule_anchor(std::string_view id)
{
    std::string a(id);
    for (auto& c : a)
        if (c == '/') c = '-';
    return a;
}

/// The friendly name SARIF asks of a rule, Pascal case: `counts/sum-to-total` is
/// `CountsSumToTotal`.
inline std::string pascal_case(std::string_view id)
{
    std::string name;
    bool word_start = true;
    for (char c : id) {
        if (c == '/' || c == '-') {
            word_start = true;
            continue;
        }
        name += word_start && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        word_start = false;
    }
    return name;
}

/// A sentence: `s` with a final period (SARIF's message style). Its first letter is kept as it
/// is: a summary that starts with a member ("bulk_job_id is not a ULID", "items does not hold
/// ...") must name it as the payload spells it.
inline std::string sentence(std::string_view s)
{
    std::string out(s);
    if (!out.empty() && out.back() != '.') out += '.';
    return out;
}

/// 64-bit FNV-1a of `s` in hexadecimal: a fingerprint that is the same on every machine and run.
inline std::string fnv1a_hex(std::string_view s)
{
    auto h = fnv1a(s);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = hex[h & 0xf];
    return out;
}

/** SARIF 2.1.0: one run whose driver lists the whole catalogue; one result a finding. Results
    are written as they come (a log of a million findings takes no memory to write); the
    invocation, whose exit code is known at `finish`, closes the run. */
class sarif_writer final : public report_writer
{
public:
    sarif_writer(std::ostream& out, const writer_options& w) : out_(out), w_(w)
    {
        if (w_.source_root.empty()) {
            std::error_code ec;
            const auto here = std::filesystem::current_path(ec).generic_string();
            w_.source_root = "file://" + uri_path(here) + (here.empty() || here.back() != '/' ? "/" : "");
        }
    }

    void add(const sourced_report& r) override
    {
        // A fingerprint's count tells apart the findings of one input alike in rule and pointer;
        // one input's alone, so that a run of a million inputs keeps no key of each.
        fingerprints_.clear();
        for (const auto& d : r.findings.diagnostics) {
            begin_result();
            out_ << json::serialize(result(r, d));
        }
        if (r.findings.omitted() > 0) notifications_.push_back(omitted(r));
    }

    void finish(const run_summary& s, int exit_code) override
    {
        if (!started_) begin_run();
        for (const auto& k : s.skipped) notifications_.push_back(skipped(k));
        for (const auto& e : s.input_errors) notifications_.push_back(not_checked(e));
        if (!s.unfinished.empty())
            notifications_.push_back({{"level", "warning"}, {"message", {{"text", valid_utf8(sentence(s.unfinished))}}}});
        json::object invocation{{"executionSuccessful", exit_code == 0 || exit_code == 1}, {"exitCode", exit_code}};
        if (auto overrides = configuration_overrides(); !overrides.empty())
            invocation["ruleConfigurationOverrides"] = std::move(overrides);
        if (!notifications_.empty()) invocation["toolExecutionNotifications"] = std::move(notifications_);
        out_ << R"(],"invocations":[)" << json::serialize(invocation) << "]}]}\n";
    }

private:
    // The log up to its run's first result: everything but the invocation is known at the start.
    void begin_run()
    {
        const json::object log{{"$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"},
                               {"version", "2.1.0"}};
        const json::object run{{"tool", {{"driver", driver()}}},
                               {"originalUriBaseIds", {{"%SRCROOT%", {{"uri", w_.source_root}}}}},
                               {"columnKind", "unicodeCodePoints"}};
        auto head = json::serialize(log);
        auto open_run = json::serialize(run);
        head.pop_back();
        open_run.pop_back();
        out_ << head << R"(,"runs":[)" << open_run << R"(,"results":[)";
        started_ = true;
    }

    void begin_result()
    {
        if (!started_) begin_run();
        else if (results_) out_ << ',';
        ++results_;
    }

    json::object driver() const
    {
        json::array rules;
        for (const auto& r : catalogue()) {
            const std::string help_uri = std::string(catalogue_uri) + '#' + rule_anchor(r.id);
            json::object configuration{{"level", to_string(r.default_severity)}};
            if (!w_.opts.enabled(r.which)) configuration["enabled"] = false;
            rules.push_back(json::object{
                {"id", r.id},
                {"name", pascal_case(r.id)},
                {"shortDescription", {{"text", sentence(r.summary)}}},
                {"fullDescription", {{"text", sentence(r.summary) + " Source: " + sentence(r.source)}}},
                {"help", {{"text", sentence(r.summary) + " Source: " + sentence(r.source) + " See " + help_uri}}},
                {"helpUri", help_uri},
                {"defaultConfiguration", std::move(configuration)}});
        }
        return {{"name", "tented-contract"},
                {"version", version},
                {"semanticVersion", version},
                {"informationUri", std::string(catalogue_uri)},
                {"rules", std::move(rules)}};
    }

    // The rules whose severity this run's options changed from the catalogue's.
    json::array configuration_overrides() const
    {
        json::array overrides;
        for (const auto& r : catalogue()) {
            const auto s = w_.opts.effective(r.which);
            if (!s || *s == r.default_severity) continue;
            overrides.push_back(json::object{
                {"descriptor", {{"id", r.id}, {"index", static_cast<std::size_t>(r.which)}}},
                {"configuration", {{"level", to_string(*s)}}}});
        }
        return overrides;
    }

    // Where `source`, an input of `r`'s run, is: a live poll's URL (named by `source`), or a file.
    json::object artifact(const sourced_report& r, const std::string& source) const
    {
        if (!r.uri.empty()) return {{"uri", r.uri}, {"description", {{"text", valid_utf8(source)}}}};
        return artifact(source);
    }

    json::object artifact(const std::string& source) const
    {
        if (!source.empty() && source.front() == '/') return {{"uri", "file://" + uri_path(source)}};
        return {{"uri", uri_path(source)}, {"uriBaseId", "%SRCROOT%"}};
    }

    json::object result(const sourced_report& r, const diagnostic& d)
    {
        const auto which = find_rule(d.rule);
        json::object region{{"startLine", 1}};
        // A HAR entry's positions are in its body, a string of the capture: only the line 1.
        if (d.line != unknown_position && !r.har_entry) {
            region["startLine"] = display_line(r, d);
            region["startColumn"] = code_point_column(d);
            if (!r.record && d.offset != unknown_position && d.length != unknown_position) {
                region["byteOffset"] = d.offset;
                region["byteLength"] = d.length;
            }
        }
        json::object location{{"physicalLocation", {{"artifactLocation", artifact(r, r.source)}, {"region", std::move(region)}}},
                              {"logicalLocations", {{{"fullyQualifiedName", valid_utf8(d.pointer)}, {"kind", "member"}}}}};
        json::object o{{"ruleId", d.rule},
                       {"ruleIndex", which ? static_cast<std::size_t>(*which) : 0},
                       {"level", to_string(d.severity)},
                       {"message", {{"text", valid_utf8(d.message)}}},
                       {"locations", {std::move(location)}},
                       {"partialFingerprints", {{"tentedContract/v1", fingerprint(r, d)}}}};
        if (auto related = earlier_poll(r, d); !related.empty()) o["relatedLocations"] = std::move(related);
        if (r.har_entry && r.record) o["properties"] = {{"harEntry", *r.record}};
        return o;
    }

    // Findings past --max-findings have no result: a notification on their input says how many,
    // so a reader of the log knows it is not whole.
    json::object omitted(const sourced_report& r) const
    {
        json::object location{{"physicalLocation", {{"artifactLocation", artifact(r, r.source)}}}};
        if (r.har_entry && r.record) location["properties"] = {{"harEntry", *r.record}};
        else if (r.record) location["physicalLocation"].as_object()["region"] = {{"startLine", *r.record}};
        return {{"level", r.findings.omitted_errors > 0 ? "error" : "warning"},
                {"message", {{"text", valid_utf8(sentence(omitted_note(r)))}}},
                {"locations", {std::move(location)}}};
    }

    // A file a folder walk passed over: a note, so that the log says what it did not look at.
    json::object skipped(const skipped_input& k) const
    {
        return {{"level", "note"},
                {"message", {{"text", valid_utf8(sentence("Skipped: " + k.reason))}}},
                {"locations", {{{"physicalLocation", {{"artifactLocation", artifact(k.path)}}}}}}};
    }

    // An input that could not be checked: an error of the run, not a result (it has no rule);
    // the message names the path.
    static json::object not_checked(const std::string& message)
    {
        return {{"level", "error"}, {"message", {{"text", valid_utf8(sentence(message))}}}};
    }

    // What identifies a finding across runs: its rule, file, record and pointer, not its message
    // or position (they move when other members change). Repeats are numbered in order.
    std::string fingerprint(const sourced_report& r, const diagnostic& d)
    {
        const std::string key = d.rule + '\n' + r.label() + '\n' + d.pointer;
        return fnv1a_hex(key) + ':' + std::to_string(++fingerprints_[key]);
    }

    // A seq/* finding names the earlier poll as "(previous poll: SOURCE:LINE:COLUMN)" or
    // "(previous poll: SOURCE)" (sequence.hpp): the related location of the result. In a HAR
    // capture SOURCE is the capture's label of the entry, "FILE#N": the artifact is FILE, the entry
    // a property, as for the result itself.
    json::array earlier_poll(const sourced_report& r, const diagnostic& d) const
    {
        static constexpr std::string_view marker = " (previous poll: ";
        const auto at = d.message.rfind(marker);
        if (d.rule.compare(0, 4, "seq/") != 0 || at == std::string::npos || d.message.back() != ')') return {};
        std::string where = d.message.substr(at + marker.size(), d.message.size() - at - marker.size() - 1);
        std::size_t line = 1;
        // SOURCE:LINE:COLUMN, read from the right: a file name may hold ':'.
        const auto column_colon = where.rfind(':');
        const auto line_colon = column_colon == std::string::npos || column_colon == 0 ? std::string::npos
                                                                                        : where.rfind(':', column_colon - 1);
        const auto number = [&](std::size_t from, std::size_t to) {
            const auto digits = where.substr(from, to - from);
            return !digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos && digits.size() < 19;
        };
        if (line_colon != std::string::npos && number(line_colon + 1, column_colon) && number(column_colon + 1, where.size())) {
            line = std::stoull(where.substr(line_colon + 1, column_colon - line_colon - 1));
            where.resize(line_colon);
        }
        json::object related{{"id", 1}, {"message", {{"text", "The previous poll."}}}};
        const auto entry_at = r.source.size() + 1;
        if (r.har_entry && where.size() > entry_at && where.compare(0, entry_at, r.source + '#') == 0 &&
            number(entry_at, where.size())) {
            related["properties"] = {{"harEntry", std::stoull(where.substr(entry_at))}};
            where = r.source;
            line = 1;
        }
        related["physicalLocation"] = {{"artifactLocation", artifact(r, where)}, {"region", {{"startLine", line}}}};
        return {std::move(related)};
    }

    std::ostream& out_;
    writer_options w_;
    bool started_ = false;
    std::size_t results_ = 0;
    json::array notifications_;
    std::map<std::string, std::size_t> fingerprints_;
};

} // namespace tented::contract::detail

#endif
