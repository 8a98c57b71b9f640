// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_OUTPUT_JUNIT_HPP
#define TENTED_CONTRACT_DETAIL_OUTPUT_JUNIT_HPP

#include <tented/contract/output.hpp>

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace tented::contract::detail {

/// `s` as XML character data or an attribute value: valid UTF-8, markup characters as
/// references, and the characters XML 1.0 forbids (C0 controls but tab, line feed and carriage
/// return, U+FFFE, U+FFFF) as U+FFFD. Tab, LF and CR become references, so that an attribute
/// keeps them.
inline std::string xml_escape(std::string_view s)
{
    const std::string text = valid_utf8(s);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\t': out += "&#9;"; break;
        case '\n': out += "&#10;"; break;
        case '\r': out += "&#13;"; break;
        default:
            if (c < 0x20) {
                out += "\xEF\xBF\xBD";
            } else if (c == 0xEF && i + 2 < text.size() && text[i + 1] == '\xBF' &&
                       (text[i + 2] == '\xBE' || text[i + 2] == '\xBF')) {
                out += "\xEF\xBF\xBD";
                i += 2;
            } else {
                out += text[i];
            }
        }
    }
    return out;
}

/// Whole milliseconds as JUnit writes seconds, `1.250`: Jenkins' schema (junit-10.xsd) takes
/// at most three decimals.
inline std::string junit_seconds(std::uint64_t millis)
{
    std::string fraction = std::to_string(millis % 1000);
    return std::to_string(millis / 1000) + '.' + std::string(3 - fraction.size(), '0') + fraction;
}

/** JUnit XML: one `<testsuite>` for the run, one `<testcase>` an input, a `<failure>` for an
    input with an error, a `<skipped>` one for each file a folder walk passed over, an `<error>`
    one for each input that could not be checked (`run_summary::input_errors`). The document is
    written at `finish`, when the counts are known. */
class junit_writer final : public report_writer
{
public:
    junit_writer(std::ostream& out, std::string command) : out_(out), command_(std::move(command)) {}

    void add(const sourced_report& r) override
    {
        // Whole milliseconds a case, so that the suite's time is exactly the sum of its cases'.
        const auto millis = static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::milliseconds>(r.duration).count());
        total_millis_ += millis;
        std::string c = "    <testcase name=\"" + unique_name(r.label()) + "\" classname=\"tented-contract." +
                        xml_escape(command_) + '"';
        // GitLab links `file` and `line` to the repository: a live poll kept in no file has neither.
        if (r.uri.empty()) c += " file=\"" + xml_escape(r.source) + '"';
        if (const auto line = r.uri.empty() ? first_line(r) : 0) c += " line=\"" + std::to_string(line) + '"';
        c += " time=\"" + junit_seconds(millis) + "\"";
        std::string errors, warnings;
        const diagnostic* first_error = nullptr;
        for (const auto& d : r.findings.diagnostics) {
            (d.severity == severity::error ? errors : warnings) += format_finding(r, d) + '\n';
            if (!first_error && d.severity == severity::error) first_error = &d;
        }
        if (const auto note = format_omitted(r); !note.empty()) (r.findings.ok() ? warnings : errors) += note + '\n';
        if (errors.empty() && warnings.empty()) {
            cases_ += c + "/>\n";
            return;
        }
        c += ">\n";
        if (!r.findings.ok()) {
            ++failures_;
            const auto n = r.findings.count(severity::error);
            const std::string type = first_error ? first_error->rule : std::string("omitted");
            const std::string summary = std::to_string(n) + (n == 1 ? " error" : " errors") +
                                        (first_error ? ", the first: " + printable(first_error->message) : "");
            c += "      <failure type=\"" + xml_escape(type) + "\" message=\"" + xml_escape(summary) + "\">" +
                 xml_escape(errors) + "</failure>\n";
        }
        if (!warnings.empty()) c += "      <system-out>" + xml_escape(warnings) + "</system-out>\n";
        cases_ += c + "    </testcase>\n";
    }

    // A file a folder walk passed over is a skipped test case, which CI systems count and list;
    // an input that could not be checked is a test case in error (JUnit's word for a test that
    // could not run), named by its message, which holds its path.
    void finish(const run_summary& s, int) override
    {
        for (const auto& k : s.skipped)
            cases_ += "    <testcase name=\"" + unique_name(k.path) + "\" classname=\"tented-contract." +
                      xml_escape(command_) + "\" file=\"" + xml_escape(k.path) + "\" time=\"0.000\">\n" +
                      "      <skipped message=\"" + xml_escape(k.reason) + "\"/>\n    </testcase>\n";
        for (const auto& e : s.input_errors)
            cases_ += "    <testcase name=\"" + unique_name(e) + "\" classname=\"tented-contract." + xml_escape(command_) +
                      "\" time=\"0.000\">\n      <error type=\"input\" message=\"" + xml_escape(printable(e)) +
                      "\"/>\n    </testcase>\n";
        const auto tests = std::to_string(s.inputs + s.skipped.size() + s.input_errors.size());
        const std::string counts = "tests=\"" + tests + "\" failures=\"" + std::to_string(failures_) + "\" errors=\"" +
                                   std::to_string(s.input_errors.size()) + '"';
        const std::string time = " time=\"" + junit_seconds(total_millis_) + '"';
        out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             << "<testsuites name=\"tented-contract\" " << counts << time << ">\n"
             << "  <testsuite name=\"tented-contract " << xml_escape(command_) << "\" " << counts << " skipped=\""
             << s.skipped.size() << '"' << time << ">\n"
             << cases_ << "  </testsuite>\n</testsuites>\n";
    }

private:
    // Test case names must be unique: a file given twice, or a capture's own findings beside
    // its entries, would repeat a label; a repeat's " (N)" is checked too, since an input may be
    // named so itself.
    std::string unique_name(const std::string& raw)
    {
        // Unique as written: escaping maps different bytes to one U+FFFD.
        const std::string label = xml_escape(raw);
        std::string name = label;
        for (auto& repeats = repeats_[label]; !names_.insert(name).second;)
            name = label + " (" + std::to_string(++repeats + 1) + ")";
        return name;
    }

    // The line GitLab links a test case to: its first finding's, or its record's.
    static std::size_t first_line(const sourced_report& r)
    {
        for (const auto& d : r.findings.diagnostics)
            if (d.severity == severity::error && d.line != unknown_position && !r.har_entry) return display_line(r, d);
        return r.record && !r.har_entry ? *r.record : 0;
    }

    std::ostream& out_;
    std::string command_;
    std::string cases_;
    std::set<std::string> names_;
    std::map<std::string, std::size_t> repeats_;
    std::size_t failures_ = 0;
    std::uint64_t total_millis_ = 0;
};

} // namespace tented::contract::detail

#endif
