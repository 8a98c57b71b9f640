// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_OUTPUT_JUNIT_HPP
#define TENTED_CONTRACT_DETAIL_OUTPUT_JUNIT_HPP

#include <tented/contract/detail/fnv1a.hpp>
#include <tented/contract/output.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

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

/** Text written as it comes and read back once, at the end: the test cases of a JUnit document,
    which follow the counts they add up to. It goes to a file, by default an unnamed temporary
    one (`std::tmpfile`, removed when closed), so that a run of a million failing inputs holds
    none of them in memory; to memory when no file can be made or written (a full disk). */
class spool
{
public:
    /// Spools to `file` (owned; null: to memory), which must be open for writing and reading.
    explicit spool(std::FILE* file = std::tmpfile()) : file_(file, &std::fclose) {}

    void append(std::string_view s)
    {
        if (file_ && std::fwrite(s.data(), 1, s.size(), file_.get()) == s.size()) {
            written_ += s.size();
            return;
        }
        if (file_) to_memory();
        text_.append(s);
    }

    /// Writes everything appended to `out`, in order. When the file cannot give back what was
    /// written to it, `out`'s badbit is set: the document lacks test cases, and the run reports
    /// a failed write (exit 2) rather than a report that silently passes them over.
    void copy_to(std::ostream& out)
    {
        if (file_ && !rewound()) lost_ = true;
        char buffer[1 << 16];
        for (std::size_t left = file_ && !lost_ ? written_ : 0; left > 0;) {
            const auto got = std::fread(buffer, 1, std::min(left, sizeof buffer), file_.get());
            if (got == 0) {
                lost_ = true;
                break;
            }
            out.write(buffer, static_cast<std::streamsize>(got));
            left -= got;
        }
        out << text_;
        if (lost_) out.setstate(std::ios::badbit);
    }

private:
    bool rewound() { return std::fflush(file_.get()) == 0 && std::fseek(file_.get(), 0, SEEK_SET) == 0; }

    // Moves what the file holds to memory (the file failed), and writes there from now on.
    void to_memory()
    {
        std::string held(written_, '\0');
        if (rewound() && std::fread(held.data(), 1, held.size(), file_.get()) == held.size()) text_.insert(0, held);
        else lost_ = true;
        file_.reset();
    }

    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_;
    std::size_t written_ = 0;
    std::string text_;
    bool lost_ = false; // what the file held could not be read back
};

/** JUnit XML: one `<testsuite>` for the run, one `<testcase>` an input, a `<failure>` for an
    input with an error, a `<skipped>` one for each file a folder walk passed over, an `<error>`
    one for each input that could not be checked (`run_summary::input_errors`), and the suite's
    `<system-err>` saying why a run stopped before its goal (`run_summary::unfinished`). The document is
    written at `finish`, when the counts are known; the test cases wait in a `spool`. */
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
            cases_.append(c + "/>\n");
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
        cases_.append(c + "    </testcase>\n");
    }

    // A file a folder walk passed over is a skipped test case, which CI systems count and list;
    // an input that could not be checked is a test case in error (JUnit's word for a test that
    // could not run), named by its message, which holds its path.
    void finish(const run_summary& s, int) override
    {
        for (const auto& k : s.skipped)
            cases_.append("    <testcase name=\"" + unique_name(k.path) + "\" classname=\"tented-contract." +
                          xml_escape(command_) + "\" file=\"" + xml_escape(k.path) + "\" time=\"0.000\">\n" +
                          "      <skipped message=\"" + xml_escape(k.reason) + "\"/>\n    </testcase>\n");
        for (const auto& e : s.input_errors)
            cases_.append("    <testcase name=\"" + unique_name(e) + "\" classname=\"tented-contract." +
                          xml_escape(command_) + "\" time=\"0.000\">\n      <error type=\"input\" message=\"" +
                          xml_escape(printable(e)) + "\"/>\n    </testcase>\n");
        const auto tests = std::to_string(s.inputs + s.skipped.size() + s.input_errors.size());
        const std::string counts = "tests=\"" + tests + "\" failures=\"" + std::to_string(failures_) + "\" errors=\"" +
                                   std::to_string(s.input_errors.size()) + '"';
        const std::string time = " time=\"" + junit_seconds(total_millis_) + '"';
        out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             << "<testsuites name=\"tented-contract\" " << counts << time << ">\n"
             << "  <testsuite name=\"tented-contract " << xml_escape(command_) << "\" " << counts << " skipped=\""
             << s.skipped.size() << '"' << time << ">\n";
        cases_.copy_to(out_);
        if (!s.unfinished.empty()) out_ << "    <system-err>" << xml_escape(s.unfinished) << "</system-err>\n";
        out_ << "  </testsuite>\n</testsuites>\n";
    }

private:
    // Test case names must be unique: a file given twice, or a capture's own findings beside
    // its entries, would repeat a label; a repeat's " (N)" is checked too, since an input may be
    // named so itself. Names are remembered by their hashes, 8 bytes each for a log's million
    // records (two names of one hash, as unlikely as it is, only gives the second a " (N)").
    std::string unique_name(const std::string& raw)
    {
        // Unique as written: escaping maps different bytes to one U+FFFD.
        const std::string label = xml_escape(raw);
        std::string name = label;
        if (names_.insert(fnv1a(name)).second) return name;
        auto& repeats = repeats_[label];
        do name = label + " (" + std::to_string(++repeats + 1) + ")";
        while (!names_.insert(fnv1a(name)).second);
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
    spool cases_;
    std::unordered_set<std::uint64_t> names_;
    std::map<std::string, std::size_t> repeats_; // of the labels that repeat
    std::size_t failures_ = 0;
    std::uint64_t total_millis_ = 0;
};

} // namespace tented::contract::detail

#endif
