// tented-contract validate and replay: check inputs alone, or as poll sequences.
#include "command.hpp"

#include <tented/contract/replay.hpp>

#include <unistd.h>

namespace tented::contract::cli {

namespace {

struct check_args
{
    check_settings settings;
    std::vector<std::string> paths;
};

int run_check(const check_args& a, grouping g, const char* command)
{
    std::vector<std::string> paths = a.paths;
    if (paths.empty()) {
        if (isatty(STDIN_FILENO)) {
            say("no input: give files or folders, or '-' for standard input");
            return exit_usage;
        }
        paths.push_back("-");
    }
    const auto opts = a.settings.to_options();
    report_output out(a.settings, opts, command);
    std::vector<std::string> errors;
    input_handler on{[&](sourced_report r) { out.add(r); }, [&](std::string e) { errors.push_back(std::move(e)); }};
    check_inputs(paths, g, opts, on, a.settings.jsonl);
    return out.finish(errors);
}

} // namespace

verb add_validate(CLI::App& app)
{
    auto a = std::make_shared<check_args>();
    auto* cmd = app.add_subcommand("validate", "Check payloads: files, folders (recursive), - for stdin");
    cmd->add_option("paths", a->paths, "Files (.json, .jsonl, .ndjson, .har), folders, or -");
    cmd->add_flag("--jsonl", a->settings.jsonl, "Read every input as JSON Lines (one payload a line)");
    add_check_options(*cmd, a->settings);
    return {cmd, [a] { return run_check(*a, grouping::alone, "validate"); }};
}

verb add_replay(CLI::App& app)
{
    auto a = std::make_shared<check_args>();
    auto* cmd = app.add_subcommand("replay", "Check poll sequences: folders of snapshots, JSON Lines logs, HAR captures");
    cmd->add_option("paths", a->paths, "Folders (one sequence each), .jsonl logs, .har captures, or .json files in order");
    cmd->add_flag("--jsonl", a->settings.jsonl, "Read files as JSON Lines logs");
    add_check_options(*cmd, a->settings);
    return {cmd, [a] { return run_check(*a, grouping::sequences, "replay"); }};
}

} // namespace tented::contract::cli
