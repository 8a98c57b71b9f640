// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_OUTPUT_HPP
#define TENTED_CONTRACT_DETAIL_OUTPUT_HPP

#include <tented/contract/detail/utf8.hpp>
#include <tented/contract/output.hpp>

#include <tented/contract/detail/output_github.hpp>
#include <tented/contract/detail/output_junit.hpp>
#include <tented/contract/detail/output_sarif.hpp>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <utility>

namespace tented::contract {

inline std::string printable(std::string_view s)
{
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const auto u = static_cast<unsigned char>(c);
        if (const auto control = detail::control_at(s, i); control.length) {
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4) out += hex[control.code_point >> shift & 0xfu];
            i += control.length - 1;
        } else if (u >= 0x80) {
            // Whole characters pass; so does a byte no UTF-8 holds (a Latin-1 name's), but one of
            // 0x80 to 0x9F, which a terminal in 8-bit mode takes for a C1 control (0x9B: CSI).
            const std::size_t n = detail::utf8_sequence(s.substr(i));
            if (n > 1) {
                out.append(s.substr(i, n));
                i += n - 1;
            } else if (u <= 0x9f) {
                out.append("\\x").append(1, hex[u >> 4]).append(1, hex[u & 0xf]);
            } else {
                out += c;
            }
        } else if (u >= 0x20 && u != 0x7f) out += c;
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '\r') out += "\\r";
        else out.append("\\x").append(1, hex[u >> 4]).append(1, hex[u & 0xf]);
    }
    return out;
}

inline std::string valid_utf8(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = detail::utf8_sequence(s.substr(i));
        if (n > 0) out.append(s.substr(i, n));
        else out += "\xEF\xBF\xBD";
        i += n > 0 ? n : 1;
    }
    return out;
}

inline std::size_t display_line(const sourced_report& r, const diagnostic& d) noexcept
{
    if (d.line == unknown_position) return unknown_position;
    return r.record && !r.har_entry ? *r.record + d.line - 1 : d.line;
}

namespace detail {

// A path or JSON Pointer as a finding's line shows it: its backslashes doubled before `printable`
// escapes its control characters, so that `\x01` is always one escaped byte and never four
// characters of a file's or member's name (POSIX names and RFC 6901 pointers may hold both).
inline std::string printable_exactly(std::string_view s)
{
    std::string doubled;
    doubled.reserve(s.size());
    for (const char c : s) {
        if (c == '\\') doubled += c;
        doubled += c;
    }
    return printable(doubled);
}

/// Where text output names an input: a HAR entry by its label, since a capture is one file
/// whose polls share no line numbering of their own.
inline std::string output_name(const sourced_report& r)
{
    return printable_exactly(r.har_entry ? r.label() : r.source);
}

/// `n` and the noun for it: "1 error", "2 errors".
inline std::string counted(std::size_t n, const char* one, const char* many)
{
    return std::to_string(n) + ' ' + (n == 1 ? one : many);
}

// ANSI SGR sequences as GCC and Clang use them: bold place, bold bright red / magenta severity.
inline constexpr std::string_view ansi_bold = "\x1b[1m";
inline constexpr std::string_view ansi_reset = "\x1b[0m";
inline constexpr std::string_view ansi_bright_red = "\x1b[91m";
inline constexpr std::string_view ansi_bright_magenta = "\x1b[95m";

} // namespace detail

inline std::string format_finding(const sourced_report& r, const diagnostic& d, bool color)
{
    std::string where = detail::output_name(r);
    if (d.line != unknown_position)
        where.append(":").append(std::to_string(display_line(r, d))).append(":").append(std::to_string(d.column));
    where += ':';
    std::string label = std::string(to_string(d.severity)) + ':';
    if (color) {
        const auto hue = d.severity == severity::error ? detail::ansi_bright_red : detail::ansi_bright_magenta;
        where = std::string(detail::ansi_bold).append(where).append(detail::ansi_reset);
        label = std::string(detail::ansi_bold).append(hue).append(label).append(detail::ansi_reset);
    }
    return where + ' ' + label + ' ' + detail::finding_tail(d, printable(d.message), detail::printable_exactly(d.pointer));
}

inline std::string omitted_note(const sourced_report& r)
{
    const auto n = r.findings.omitted();
    if (n == 0) return {};
    return detail::counted(n, "more finding", "more findings") + " not shown (" +
           detail::counted(r.findings.omitted_errors, "error", "errors") + ", " +
           detail::counted(r.findings.omitted_warnings, "warning", "warnings") + "; --max-findings raises the limit)";
}

inline std::string format_omitted(const sourced_report& r)
{
    const auto note = omitted_note(r);
    if (note.empty()) return note;
    // A log's record is named by its line, as its findings are: a log has many records to cut.
    const auto line = r.record && !r.har_entry ? ':' + std::to_string(*r.record) : std::string();
    return detail::output_name(r) + line + ": note: " + note;
}

namespace detail {

/// `, N files skipped (K reason; ...)`, reasons in the order first met; empty when none.
inline std::string skipped_summary(const std::vector<skipped_input>& skipped)
{
    if (skipped.empty()) return {};
    std::vector<std::pair<std::string_view, std::size_t>> reasons;
    for (const auto& k : skipped) {
        auto it = std::find_if(reasons.begin(), reasons.end(), [&](const auto& r) { return r.first == k.reason; });
        if (it == reasons.end()) reasons.emplace_back(k.reason, 1);
        else ++it->second;
    }
    std::string s = ", " + std::to_string(skipped.size()) + (skipped.size() == 1 ? " file" : " files") + " skipped (";
    for (std::size_t i = 0; i < reasons.size(); ++i)
        s += (i ? "; " : "") + std::to_string(reasons[i].second) + ' ' + std::string(reasons[i].first);
    return printable(s + ')');
}

/// `, shard index I of N` for a shard of a run, as the summaries name it; empty for a whole run.
inline std::string shard_summary(std::size_t index, std::size_t count)
{
    if (count == 1) return {};
    return ", shard index " + std::to_string(index) + " of " + std::to_string(count);
}

} // namespace detail

inline std::string format_summary(const run_summary& s)
{
    using detail::counted;
    return counted(s.inputs, "input", "inputs") + ", " + std::to_string(s.valid) + " valid, " +
           std::to_string(s.invalid) + " invalid, " + counted(s.errors, "error", "errors") + ", " +
           counted(s.warnings, "warning", "warnings") + detail::shard_summary(s.shard_index, s.shard_count) +
           detail::skipped_summary(s.skipped) +
           (s.input_errors.empty() ? "" : ", " + counted(s.input_errors.size(), "input", "inputs") + " not checked");
}

inline boost::json::object to_json(const sourced_report& r)
{
    boost::json::array diagnostics;
    for (const auto& d : r.findings.diagnostics) {
        const bool placed = d.line != unknown_position;
        boost::json::object o;
        o["rule"] = d.rule;
        o["severity"] = to_string(d.severity);
        o["pointer"] = valid_utf8(d.pointer);
        o["line"] = placed ? boost::json::value(display_line(r, d)) : boost::json::value(nullptr);
        o["column"] = placed ? boost::json::value(d.column) : boost::json::value(nullptr);
        o["message"] = valid_utf8(d.message);
        diagnostics.push_back(std::move(o));
    }
    boost::json::object o;
    o["source"] = valid_utf8(r.source);
    o["record"] = r.record ? boost::json::value(*r.record) : boost::json::value(nullptr);
    o["valid"] = r.findings.ok();
    o["diagnostics"] = std::move(diagnostics);
    if (r.findings.omitted() > 0) {
        o["omitted"] = r.findings.omitted();
        o["omitted_by_severity"] = {{"error", r.findings.omitted_errors}, {"warning", r.findings.omitted_warnings}};
    }
    if (!r.uri.empty()) o["uri"] = valid_utf8(r.uri);
    return o;
}

inline boost::json::object to_json(const run_summary& s)
{
    boost::json::array skipped;
    for (const auto& k : s.skipped) skipped.push_back({{"path", valid_utf8(k.path)}, {"reason", k.reason}});
    boost::json::array input_errors;
    for (const auto& e : s.input_errors) input_errors.push_back(boost::json::string(valid_utf8(e)));
    boost::json::object o{{"inputs", s.inputs},     {"valid", s.valid},       {"invalid", s.invalid},
                          {"errors", s.errors},     {"warnings", s.warnings}, {"skipped", std::move(skipped)},
                          {"input_errors", std::move(input_errors)}};
    if (s.shard_count != 1) o["shard"] = {{"index", s.shard_index}, {"count", s.shard_count}};
    if (!s.unfinished.empty()) o["unfinished"] = valid_utf8(s.unfinished);
    return o;
}

inline std::string_view to_string(output_format f) noexcept
{
    switch (f) {
    case output_format::json: return "json";
    case output_format::junit: return "junit";
    case output_format::sarif: return "sarif";
    case output_format::github: return "github";
    case output_format::text: break;
    }
    return "text";
}

inline std::optional<output_format> output_format_named(std::string_view name) noexcept
{
    for (auto f : {output_format::text, output_format::json, output_format::junit, output_format::sarif,
                   output_format::github})
        if (to_string(f) == name) return f;
    return std::nullopt;
}

namespace detail {

/// Prints each finding as it comes, then the summary line.
class text_writer final : public report_writer
{
public:
    text_writer(std::ostream& out, bool color) : out_(out), color_(color) {}

    void add(const sourced_report& r) override
    {
        for (const auto& d : r.findings.diagnostics) out_ << format_finding(r, d, color_) << '\n';
        if (const auto note = format_omitted(r); !note.empty()) out_ << note << '\n';
    }

    void finish(const run_summary& s, int) override { out_ << format_summary(s) << '\n'; }

private:
    std::ostream& out_;
    bool color_;
};

/// Writes the one JSON document as it goes: its head and each result as it is added, then the
/// summary. A run of millions of findings holds none of them.
class json_writer final : public report_writer
{
public:
    explicit json_writer(std::ostream& out) : out_(out) {}

    void add(const sourced_report& r) override
    {
        out_ << (started_ ? "," : R"({"version":1,"results":[)") << boost::json::serialize(to_json(r));
        started_ = true;
    }

    void finish(const run_summary& s, int) override
    {
        out_ << (started_ ? "" : R"({"version":1,"results":[)") << R"(],"summary":)"
             << boost::json::serialize(to_json(s)) << "}\n";
    }

private:
    std::ostream& out_;
    bool started_ = false;
};

} // namespace detail

inline std::unique_ptr<report_writer> make_report_writer(output_format f, std::ostream& out, const writer_options& w)
{
    switch (f) {
    case output_format::json: return std::make_unique<detail::json_writer>(out);
    case output_format::junit: return std::make_unique<detail::junit_writer>(out, w.command);
    case output_format::sarif: return std::make_unique<detail::sarif_writer>(out, w);
    case output_format::github: return std::make_unique<detail::github_writer>(out);
    case output_format::text: break;
    }
    return std::make_unique<detail::text_writer>(out, w.color);
}

} // namespace tented::contract

#endif
