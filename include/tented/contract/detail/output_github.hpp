// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_OUTPUT_GITHUB_HPP
#define TENTED_CONTRACT_DETAIL_OUTPUT_GITHUB_HPP

#include <tented/contract/detail/utf8.hpp>
#include <tented/contract/output.hpp>

#include <string>

namespace tented::contract::detail {

/// Appends byte `c` %-encoded (`%0A`), as URIs and workflow commands write a byte.
inline void append_percent_encoded(std::string& out, unsigned char c)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    out.append(1, '%').append(1, hex[c >> 4]).append(1, hex[c & 0xf]);
}

/// `s` as the data of a GitHub workflow command: `%`, CR and LF %-encoded, so that nothing in
/// it can end the line and start a command of its own; the other control characters too (as
/// `%01`, which GitHub shows as it is), and every byte of what text output escapes though it
/// is valid UTF-8 (`control_at`: C1 controls, U+2028, U+2029, bidirectional formatting
/// characters), so that none reaches the log's terminal or reorders its line.
inline std::string workflow_data(std::string_view s)
{
    std::string out;
    const auto text = valid_utf8(s);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto u = static_cast<unsigned char>(text[i]);
        if (const auto control = control_at(text, i); control.length) {
            for (std::size_t k = 0; k < control.length; ++k) append_percent_encoded(out, static_cast<unsigned char>(text[i + k]));
            i += control.length - 1;
        } else if (text[i] == '%' || u < 0x20 || u == 0x7f) {
            append_percent_encoded(out, u);
        } else {
            out += text[i];
        }
    }
    return out;
}

/// `s` as a property value of a workflow command: as data, and `:` and `,` %-encoded too (they
/// end a property).
inline std::string workflow_property(std::string_view s)
{
    std::string out;
    for (char c : workflow_data(s)) {
        if (c == ':' || c == ',') append_percent_encoded(out, static_cast<unsigned char>(c));
        else out += c;
    }
    return out;
}

/** GitHub Actions annotations: `::error file=F,line=L,col=C,title=RULE::MESSAGE` a finding
    (`::warning` for a warning), a `::notice` for findings cut by `--max-findings`, then an
    `::error title=tented-contract::MESSAGE` for each input that could not be checked, and the
    summary line. */
class github_writer final : public report_writer
{
public:
    explicit github_writer(std::ostream& out) : out_(out) {}

    void add(const sourced_report& r) override
    {
        // A response kept in no file (a live poll) is annotated on no file: its label says which.
        const bool in_file = r.uri.empty();
        const std::string file = in_file ? "file=" + workflow_property(r.source) + "," : "";
        for (const auto& d : r.findings.diagnostics) {
            std::string place = file;
            // A HAR entry's positions are in its body, not in lines of the capture.
            if (in_file && d.line != unknown_position && !r.har_entry)
                place += "line=" + std::to_string(display_line(r, d)) + ",col=" + std::to_string(code_point_column(d)) + ",";
            std::string message = d.message;
            if (r.har_entry || !in_file) message = r.label() + ": " + message;
            if (!d.pointer.empty()) message += " (at " + d.pointer + ")";
            out_ << "::" << to_string(d.severity) << ' ' << place << "title=" << workflow_property(d.rule)
                 << "::" << workflow_data(message) << '\n';
        }
        if (const auto note = format_omitted(r); !note.empty()) {
            // A log's record is a line of its file: the note is annotated there, as its findings are.
            std::string place = file;
            if (in_file && r.record && !r.har_entry) place += "line=" + std::to_string(*r.record) + ",";
            out_ << "::notice" << (place.empty() ? "" : " " + place.substr(0, place.size() - 1)) << "::"
                 << workflow_data(note) << '\n';
        }
    }

    void finish(const run_summary& s, int) override
    {
        for (const auto& e : s.input_errors) out_ << "::error title=tented-contract::" << workflow_data(e) << '\n';
        if (!s.unfinished.empty()) out_ << "::warning title=tented-contract::" << workflow_data(s.unfinished) << '\n';
        out_ << format_summary(s) << '\n';
    }

private:
    std::ostream& out_;
};

} // namespace tented::contract::detail

#endif
