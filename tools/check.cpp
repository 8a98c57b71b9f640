// tented-contract validate and replay: check inputs alone, or as poll sequences.
#include "command.hpp"

#include <tented/contract/replay.hpp>

#include <unistd.h>

#include <filesystem>
#include <optional>

namespace tented::contract::cli {

namespace {

struct check_args
{
    check_settings settings;
    std::vector<std::string> paths;
    bool verbose = false;
};

/// The input that `output` names (the same file, by any path), if one does.
std::optional<std::string> input_named_by_output(const std::vector<std::string>& paths, const std::string& output)
{
    std::error_code ec;
    if (output.empty() || !std::filesystem::exists(output, ec)) return std::nullopt;
    for (const auto& p : paths)
        if (p != "-" && std::filesystem::equivalent(p, output, ec)) return p;
    return std::nullopt;
}

void add_verbose(CLI::App& cmd, bool& verbose)
{
    cmd.add_flag("-v,--verbose", verbose, "Name on standard error every file a folder walk skipped, and why");
}

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
    if (const auto input = input_named_by_output(paths, a.settings.output)) {
        say("--output " + a.settings.output + " is the input " + *input + ": a report never overwrites what it checks");
        return exit_usage;
    }
    const auto opts = a.settings.to_options();
    const auto part = a.settings.to_shard();
    report_output out(a.settings, opts, command);
    std::vector<std::string> errors;
    input_handler on{[&](sourced_report r) { out.add(r); }, [&](std::string e) { errors.push_back(std::move(e)); },
                     [&](skipped_input k) {
                         if (a.verbose) say("skipped " + k.path + ": " + k.reason);
                         out.skip(std::move(k));
                     }};
    if (part) {
        on.selected = shard_filter(case_ids(paths, g, opts, a.settings.jsonl), *part);
        out.sharded(*part);
    }
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
    add_shard_options(*cmd, a->settings);
    add_verbose(*cmd, a->verbose);
    return {cmd, [a] { return run_check(*a, grouping::alone, "validate"); }};
}

verb add_replay(CLI::App& app)
{
    auto a = std::make_shared<check_args>();
    auto* cmd = app.add_subcommand("replay", "Check poll sequences: folders of snapshots, JSON Lines logs, HAR captures");
    cmd->add_option("paths", a->paths, "Folders (one sequence each), .jsonl logs, .har captures, or .json files in order");
    cmd->add_flag("--jsonl", a->settings.jsonl, "Read files as JSON Lines logs");
    add_check_options(*cmd, a->settings);
    add_shard_options(*cmd, a->settings);
    add_verbose(*cmd, a->verbose);
    return {cmd, [a] { return run_check(*a, grouping::sequences, "replay"); }};
}

} // namespace tented::contract::cli
