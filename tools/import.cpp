// tented-contract import: turn the bulk-job polls of a HAR capture into corpus sequence folders.
#include "command.hpp"

#include <tented/contract/import.hpp>
#include <tented/contract/replay.hpp>

#include <csignal>
#include <iostream>

namespace tented::contract::cli {

namespace {

struct import_args
{
    std::string har;
    std::string out_dir;
    std::size_t max_bytes = options{}.max_bytes;
};

int import_capture(const import_args& a)
{
    // A reader gone from the pipe of the report is a report that cannot be written, which undoes
    // the import (below), not a silent death by SIGPIPE that leaves it half told.
    std::signal(SIGPIPE, SIG_IGN);
    std::string error;
    std::size_t size = 0;
    const auto content = read_file(a.har, a.max_bytes, error, &size);
    if (!content) {
        say(error);
        return exit_usage;
    }
    // Read only to the limit: what came is the start of the capture, which would read as
    // incomplete JSON.
    if (content->size() > a.max_bytes) {
        const auto limit = "--max-bytes " + std::to_string(a.max_bytes);
        say(a.har + ": " + (size == unknown_position ? "more bytes than " + limit : std::to_string(size) + " bytes, more than " + limit) +
            ": nothing imported");
        return exit_usage;
    }
    const auto result = import_har(*content, a.out_dir); // a folder it cannot write throws (writing_files)
    // Placed and printed as replay prints a capture's own findings.
    if (auto found = detail::capture_report(result.findings, *content, a.har, options{}, {}))
        for (const auto& d : found->findings.diagnostics) std::cout << format_finding(*found, d) << '\n';
    for (const auto& f : result.files) std::cout << "wrote " << printable(f.string()) << '\n';
    const auto files = result.files.size(), jobs = result.folders.size();
    std::cout << files << (files == 1 ? " snapshot" : " snapshots") << " of " << jobs << (jobs == 1 ? " job" : " jobs")
              << " imported\n";
    // An import writes all of a capture or nothing: one whose report cannot be written (a
    // closed or full standard output) is undone, so that running it again is not refused.
    if (files != 0 && !std::cout.flush()) {
        detail::unwrite(result);
        say(a.har + ": nothing imported: the import was undone, as its report could not be written");
        return exit_usage;
    }
    if (files == 0) { // an import that wrote nothing must not pass
        say(a.har + ": holds no poll of GET /v1/bulk-jobs/{bulkJobId} answered 200 with its own job's body: nothing imported");
        return exit_usage;
    }
    return result.findings.ok() ? exit_ok : exit_findings;
}

} // namespace

verb add_import(CLI::App& app)
{
    auto a = std::make_shared<import_args>();
    auto* cmd = app.add_subcommand("import", "Turn the bulk-job polls of a HAR capture into corpus sequence folders "
                                             "(only response bodies are written: no header, cookie or query string)");
    cmd->add_option("har", a->har, "The HAR 1.2 capture")->required();
    cmd->add_option("--out", a->out_dir, "The folder to write OUT/<job id>/001.json, ... into")
        ->required()
        ->check(CLI::Validator([](std::string& s) { return s.empty() ? std::string("expected a folder name") : std::string(); },
                               "FOLDER"));
    cmd->add_option("--max-bytes", a->max_bytes, "Refuse a capture larger than N bytes (default 64 MiB)")
        ->check(whole_number(1, max_size));
    return {cmd, [a] { return writing_files([&] { return import_capture(*a); }); }};
}

} // namespace tented::contract::cli
