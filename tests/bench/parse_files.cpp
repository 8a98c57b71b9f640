// The references of the whole-process benchmark (whole_process.py): one process on one core that
// reads each file in bounded chunks (64 KiB) and parses every document in it, the whole file or,
// in a .jsonl or .ndjson file, each line:
//   floor  boost::json::basic_parser with a do-nothing handler (null_handler.hpp): reading and
//          parsing alone, the least that any validator of these files pays
//   dom    boost::json::stream_parser, which builds the boost::json::value that boost::json::parse
//          builds (a DOM) from the same chunks; each value is dropped once built
//   bench_parse floor|dom PATH...     folders are walked, their files taken in bytewise order
// Prints the number of documents and bytes; exits 1 naming the first document that is not JSON.
#include "null_handler.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>
#include <boost/json/stream_parser.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using boost::system::error_code;

namespace {

boost::json::parse_options parse_options()
{
    boost::json::parse_options po;
    po.max_depth = 64; // the kit's default
    return po;
}

struct floor_parser
{
    boost::json::basic_parser<bench::null_handler> parser{parse_options()};

    void write(const char* data, std::size_t size, error_code& ec)
    {
        if (parser.write_some(true, data, size, ec) != size && !ec) ec = boost::json::error::extra_data;
    }
    void finish(error_code& ec) { parser.write_some(false, "", 0, ec); }
    void reset() { parser.reset(); }
};

struct dom_parser
{
    boost::json::stream_parser parser{{}, parse_options()};

    void write(const char* data, std::size_t size, error_code& ec) { parser.write(data, size, ec); }
    void finish(error_code& ec)
    {
        parser.finish(ec);
        if (!ec) boost::json::value dom = parser.release();
    }
    void reset() { parser.reset(); }
};

struct totals
{
    std::uint64_t documents = 0, bytes = 0;
};

[[noreturn]] void fail(const fs::path& path, const std::string& why)
{
    std::fprintf(stderr, "bench_parse: %s: %s\n", path.c_str(), why.c_str());
    std::exit(1);
}

// Feeds one file to `parser` chunk by chunk: one document, or one a line.
template <class Parser>
void parse_file(const fs::path& path, bool lines, Parser& parser, totals& t)
{
    static std::vector<char> chunk(64 * 1024);
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) fail(path, std::strerror(errno));
    error_code ec;
    bool open = false; // the current document has bytes
    const auto end_document = [&] {
        parser.finish(ec);
        if (ec) fail(path, "document " + std::to_string(t.documents + 1) + " is not JSON: " + ec.message());
        parser.reset();
        ++t.documents;
        open = false;
    };
    while (const std::size_t got = std::fread(chunk.data(), 1, chunk.size(), f)) {
        t.bytes += got;
        const char* p = chunk.data();
        const char* const last = p + got;
        while (p < last) {
            const char* newline = lines ? static_cast<const char*>(std::memchr(p, '\n', last - p)) : nullptr;
            const char* stop = newline ? newline : last;
            if (stop > p) {
                parser.write(p, stop - p, ec);
                if (ec) fail(path, "document " + std::to_string(t.documents + 1) + " is not JSON: " + ec.message());
                open = true;
            }
            if (newline && open) end_document();
            p = newline ? newline + 1 : last;
        }
    }
    if (std::ferror(f)) fail(path, std::strerror(errno));
    std::fclose(f);
    if (!lines || open) end_document();
}

std::vector<std::pair<fs::path, bool>> files_of(char** paths, int count)
{
    std::vector<std::pair<fs::path, bool>> files; // path, read as JSON Lines
    const auto add = [&](const fs::path& p) {
        const auto ext = p.extension();
        files.emplace_back(p, ext == ".jsonl" || ext == ".ndjson");
    };
    for (int i = 0; i < count; ++i) {
        if (!fs::is_directory(paths[i])) {
            add(paths[i]);
            continue;
        }
        std::vector<fs::path> found;
        for (const auto& e : fs::recursive_directory_iterator(paths[i]))
            if (e.is_regular_file()) found.push_back(e.path());
        std::sort(found.begin(), found.end());
        for (const auto& p : found) add(p);
    }
    return files;
}

template <class Parser>
totals parse_all(const std::vector<std::pair<fs::path, bool>>& files)
{
    Parser parser;
    totals t;
    for (const auto& [path, lines] : files) parse_file(path, lines, parser, t);
    return t;
}

} // namespace

int main(int argc, char** argv)
{
    const std::string mode = argc > 1 ? argv[1] : "";
    if ((mode != "floor" && mode != "dom") || argc < 3) {
        std::fprintf(stderr, "usage: bench_parse floor|dom PATH...\n");
        return 2;
    }
    const auto files = files_of(argv + 2, argc - 2);
    const totals t = mode == "floor" ? parse_all<floor_parser>(files) : parse_all<dom_parser>(files);
    std::printf("%llu documents, %llu bytes\n", static_cast<unsigned long long>(t.documents),
                static_cast<unsigned long long>(t.bytes));
    return 0;
}
