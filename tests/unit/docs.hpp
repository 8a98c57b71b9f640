// The documentation as the tests read it: README.md and every page of docs/, their fenced code
// blocks (with the `<!-- file: PATH -->` line that may name the file a block is an excerpt of),
// their headings' anchors and their links.
#ifndef TENTED_CONTRACT_TESTS_DOCS_HPP
#define TENTED_CONTRACT_TESTS_DOCS_HPP

#include "support.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace docs {

/// README.md, then docs/*.md in name order, as paths relative to the source folder.
inline std::vector<std::string> documents()
{
    std::vector<std::string> pages;
    for (const auto& e : std::filesystem::directory_iterator(support::source_dir() / "docs"))
        if (e.is_regular_file() && e.path().extension() == ".md") pages.push_back("docs/" + e.path().filename().string());
    std::sort(pages.begin(), pages.end());
    pages.insert(pages.begin(), "README.md");
    return pages;
}

struct block
{
    std::string document; // where it is, relative to the source folder
    std::string lang;     // the info string after the opening fence
    std::string file;     // from the `<!-- file: PATH -->` line above the block, else empty
    std::string code;
};

/// The fenced blocks of one document's text, in order.
inline std::vector<block> blocks_of(const std::string& document, const std::string& text)
{
    std::vector<block> out;
    std::istringstream in(text);
    std::string line, previous;
    const std::string open = "<!-- file: ", close = " -->";
    while (std::getline(in, line)) {
        if (line.rfind("```", 0) != 0) {
            if (!line.empty()) previous = line;
            continue;
        }
        block b;
        b.document = document;
        b.lang = line.substr(3);
        if (previous.rfind(open, 0) == 0 && previous.size() > open.size() + close.size() &&
            previous.compare(previous.size() - close.size(), close.size(), close) == 0)
            b.file = previous.substr(open.size(), previous.size() - open.size() - close.size());
        while (std::getline(in, line) && line.rfind("```", 0) != 0) b.code += line + '\n';
        out.push_back(b);
        previous.clear();
    }
    return out;
}

/// The fenced blocks of every document, README.md first.
inline std::vector<block> all_blocks()
{
    std::vector<block> out;
    for (const auto& d : documents()) {
        auto bs = blocks_of(d, support::read(support::source_dir() / d));
        out.insert(out.end(), bs.begin(), bs.end());
    }
    return out;
}

/// The lines of a document outside its fenced blocks.
inline std::vector<std::string> prose_lines(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    bool fenced = false;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("```", 0) == 0) {
            fenced = !fenced;
            continue;
        }
        if (!fenced) out.push_back(line);
    }
    return out;
}

/// The anchor GitHub gives a heading: lowercase, only letters, digits, `-`, `_` and spaces kept,
/// spaces made `-`.
inline std::string slug(const std::string& heading)
{
    std::string s;
    for (unsigned char c : heading) {
        if (std::isalnum(c) || c == '-' || c == '_') s += static_cast<char>(std::tolower(c));
        else if (c == ' ') s += '-';
        else if (c >= 0x80) s += static_cast<char>(c);
    }
    return s;
}

/// Every anchor of a document: its headings' (a repeated one numbered `-1`, `-2`, ... as GitHub
/// does) and its `<a id="...">` elements.
inline std::set<std::string> anchors(const std::string& text)
{
    std::set<std::string> out;
    std::map<std::string, int> seen;
    const std::regex heading(R"(^#{1,6} (.*)$)"), explicit_id(R"re(<a id="([^"]+)">)re");
    for (const auto& line : prose_lines(text)) {
        std::smatch m;
        if (std::regex_match(line, m, heading)) {
            // A heading's anchor is made from its text as shown: drop the HTML elements.
            const auto shown = std::regex_replace(m[1].str(), std::regex("<[^>]*>"), "");
            const auto base = slug(shown);
            const int n = seen[base]++;
            out.insert(n == 0 ? base : base + "-" + std::to_string(n));
        }
        for (std::sregex_iterator i(line.begin(), line.end(), explicit_id), end; i != end; ++i) out.insert((*i)[1].str());
    }
    return out;
}

/// The targets of a document's Markdown links `[text](target)`, outside fenced blocks and code spans.
inline std::vector<std::string> link_targets(const std::string& text)
{
    std::vector<std::string> out;
    const std::regex link(R"(\]\(([^)\s]+)\))");
    std::string prose;
    for (const auto& line : prose_lines(text)) prose += line + '\n';
    // Code spans may show link syntax without being links; a span may wrap onto the next line.
    prose = std::regex_replace(prose, std::regex("`[^`]*`"), "``");
    for (std::sregex_iterator i(prose.begin(), prose.end(), link), end; i != end; ++i) out.push_back((*i)[1].str());
    return out;
}

} // namespace docs

#endif
