// Every rule, as a whole: it holds nothing back when it is off or a warning, and it has each place
// docs/rules.md's "Adding a rule" lists.
//
// Independence (issue 11, point 2): for every rule R that can be turned off, disabling R removes
// exactly R's findings, and making R a warning changes only their severity. Checked over the whole
// corpus and over the output of every violation generator, a few seeds each.
#include <tented/contract/testing/rapidcheck.hpp>

#include <tented/contract/corpus.hpp>
#include <tented/contract/encode.hpp>
#include <tented/contract/sequence.hpp>
#include <tented/contract/validate.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace tc = tented::contract;
namespace tt = tented::contract::testing;

namespace {

/// One finding as a line: where (record, offset, pointer), which rule, at which severity, and its text.
std::string line_of(const std::string& where, const tc::diagnostic& d)
{
    return where + " @" + std::to_string(d.offset) + " " + d.pointer + " [" + d.rule + " " +
           std::string(tc::to_string(d.severity)) + "] " + d.message;
}

void append(std::vector<std::string>& out, const std::string& where, const tc::report& r)
{
    for (const auto& d : r.diagnostics) out.push_back(line_of(where, d));
}

using run_fn = std::function<std::vector<std::string>(const tc::options&)>;

/// The findings of `run` under the defaults, with every line of rule `id` removed or, when
/// `as_warning`, at severity warning.
std::vector<std::string> expected_for(const std::vector<std::string>& defaults, std::string_view id, bool as_warning)
{
    const std::string tag = "[" + std::string(id) + " ";
    std::vector<std::string> out;
    for (auto line : defaults) {
        const auto at = line.find(tag);
        if (at != std::string::npos) {
            if (!as_warning) continue;
            const auto sev = at + tag.size();
            line.replace(sev, line.find(']', sev) - sev, "warning");
        }
        out.push_back(std::move(line));
    }
    return out;
}

/// Checks `run` against every rule that can be turned off: off removes exactly its findings,
/// warning changes only their severity. Returns the number of runs compared.
std::size_t check_independent(const std::string& what, const tc::options& base, const run_fn& run)
{
    const auto defaults = run(base);
    std::size_t runs = 0;
    for (const auto& r : tc::catalogue()) {
        if (tc::stops_checking(r.which)) continue;
        INFO(what << " with " << r.id);
        auto off = base;
        off.disable(r.which);
        CHECK(run(off) == expected_for(defaults, r.id, false));
        auto warning = base;
        warning.set_severity(r.which, tc::severity::warning);
        CHECK(run(warning) == expected_for(defaults, r.id, true));
        runs += 2;
    }
    return runs;
}

std::vector<std::string> replayed(tc::corpus_case c, const tc::options& opts)
{
    c.opts = opts;
    std::vector<std::string> out;
    const auto outcome = tc::replay_case(c);
    for (const auto& s : outcome.reports) append(out, s.label(), s.findings);
    return out;
}

constexpr std::uint64_t seeds = 3;

} // namespace

TEST_CASE("over the whole corpus, a rule off removes exactly its findings and a rule as warning changes only their severity",
          "[rules][independence]")
{
    const auto cases = tc::load_corpus(TENTED_CONTRACT_SOURCE_DIR "/corpus");
    REQUIRE(cases.size() >= 263);
    std::size_t runs = 0;
    for (const auto& c : cases)
        runs += check_independent(c.name, c.opts, [&](const tc::options& o) { return replayed(c, o); });
    CHECK(runs == cases.size() * 2 * (tc::rule_count - 3));
}

TEST_CASE("over every violation generator's texts, a rule off removes exactly its findings and a rule as warning "
          "changes only their severity",
          "[rules][independence][violations]")
{
    for (const auto& v : tt::violation_generators()) {
        for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
            const auto text = v.gen(rc::Random(seed), static_cast<int>(seed * 30)).value();
            check_independent(std::string(v.rule) + " seed " + std::to_string(seed), v.opts, [&](const tc::options& o) {
                std::vector<std::string> out;
                append(out, "", tc::validate(text, o));
                return out;
            });
        }
    }
}

TEST_CASE("over every sequence violation generator's polls, a rule off removes exactly its findings and a rule as "
          "warning changes only their severity",
          "[rules][independence][lifecycle]")
{
    for (const auto& v : tt::sequence_violations()) {
        for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
            const auto polls = v.gen(rc::Random(seed), static_cast<int>(seed * 30)).value();
            check_independent(std::string(v.rule) + " seed " + std::to_string(seed), {}, [&](const tc::options& o) {
                tc::sequence_checker checker(o);
                std::vector<std::string> out;
                for (std::size_t k = 0; k < polls.size(); ++k)
                    append(out, "poll " + std::to_string(k), checker.add(tc::to_json(polls[k])));
                return out;
            });
        }
    }
}

namespace {

std::string read(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// True when a `//` comment of `text` names rule `id` (a whole id: `format/uuid` is not
/// `format/uuid-canonical`).
bool id_in_comment(const std::string& text, const std::string& id)
{
    const auto is_id_char = [](char c) { return (c >= 'a' && c <= 'z') || c == '-' || c == '/'; };
    for (auto at = text.find(id); at != std::string::npos; at = text.find(id, at + 1)) {
        const auto end = at + id.size();
        if ((at > 0 && is_id_char(text[at - 1])) || (end < text.size() && is_id_char(text[end]))) continue;
        const auto line = text.rfind('\n', at) + 1; // npos + 1 is 0: the first line
        const auto comment = text.find("//", line);
        if (comment != std::string::npos && comment < at) return true;
    }
    return false;
}

/// Where the check of a rule of section `section` (the id's part before '/') lives, as files.
std::vector<std::filesystem::path> check_files(const std::string& section)
{
    const std::filesystem::path detail = TENTED_CONTRACT_SOURCE_DIR "/include/tented/contract/detail";
    if (section == "json" || section == "schema" || section == "format") { // the decoder
        std::vector<std::filesystem::path> files;
        for (const auto& e : std::filesystem::directory_iterator(detail))
            if (e.is_regular_file()) files.push_back(e.path());
        return files;
    }
    if (section == "capture") return {detail / "capture.hpp"};
    const std::string file = section == "items" || section == "limits" ? "counts"
                             : section == "seq"                        ? "sequence"
                                                                       : section;
    return {detail / "checks" / (file + ".hpp")};
}

} // namespace

TEST_CASE("every rule has each place of docs/rules.md 'Adding a rule': check, catalogue entry, corpus cases, "
          "violation generator, table row",
          "[rules][readme]")
{
    const std::filesystem::path root = TENTED_CONTRACT_SOURCE_DIR;
    const auto contract = read(root / "docs" / "contract.md");
    const auto table = read(root / "docs" / "rules.md");
    const auto cases = tc::load_corpus(root / "corpus");
    for (const auto& r : tc::catalogue()) {
        const std::string id(r.id);
        INFO(id);
        const auto section = id.substr(0, id.find('/'));
        // Its check, with the id beside it. The decoder is being split into its concepts (issue
        // 11, point 4): until its checks carry their ids, the rule's enumerator stands for them.
        const auto files = check_files(section);
        std::string enumerator = "rule::" + id;
        std::replace(enumerator.begin(), enumerator.end(), '/', '_');
        std::replace(enumerator.begin(), enumerator.end(), '-', '_');
        const bool decoder = section == "json" || section == "schema";
        CHECK(std::any_of(files.begin(), files.end(), [&](const auto& f) {
            const auto text = read(f);
            return id_in_comment(text, id) || (decoder && text.find(enumerator) != std::string::npos);
        }));
        // Its catalogue entry, at its anchor.
        std::string anchor = id;
        std::replace(anchor.begin(), anchor.end(), '/', '-');
        CHECK(contract.find("<a id=\"" + anchor + "\"></a>`" + id + "`") != std::string::npos);
        // Its corpus cases.
        const auto in_folder = [&](const tc::corpus_case& c) {
            return c.name.rfind("invalid/" + id + "/", 0) == 0 || c.name.rfind("sequences/invalid/" + id + "/", 0) == 0;
        };
        CHECK(std::count_if(cases.begin(), cases.end(), in_folder) >= 1);
        // Its violation generator: sections 1 to 8 in violation_generators(), section 9 in
        // sequence_violations(); a capture rule is about a capture file, not a response.
        if (section == "seq") {
            const auto& seqs = tt::sequence_violations();
            CHECK(std::any_of(seqs.begin(), seqs.end(), [&](const auto& v) { return v.rule == id; }));
        } else if (section != "capture") {
            CHECK(tt::violation_for(id).rule == id);
        }
        // Its row in docs/rules.md.
        CHECK(table.find("\n| `" + id + "` | " + std::string(tc::to_string(r.default_severity)) + " | ") !=
              std::string::npos);
    }
}
