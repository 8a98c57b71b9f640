// tented-contract validate and replay: check inputs alone, or as poll sequences.
#include "command.hpp"

#include <tented/contract/inputs.hpp>

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

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
    if (refuses_output(a.settings.output, paths)) return exit_usage;
    const auto opts = a.settings.to_options();
    const auto part = a.settings.to_shard();
    report_output out(a.settings, opts, command);
    std::vector<std::string> errors;
    progress_line progress(command, out.written_in_pieces_on_terminal());
    input_handler on{[&](sourced_report r) {
                         if (!r.findings.diagnostics.empty()) progress.clear();
                         out.add(r);
                     },
                     [&](std::string e) { errors.push_back(std::move(e)); },
                     [&](skipped_input k) {
                         if (a.verbose) progress.clear(), say("skipped " + k.path + ": " + k.reason);
                         out.skip(std::move(k));
                     }};
    if (part && part->count > 1) { // one shard of one is the whole run: no pass to list its cases
        on.selected = shard_filter(case_ids(paths, g, opts, a.settings.jsonl), *part);
        out.sharded(*part);
    }
    input_units units(paths, g, opts, a.settings.jsonl, on.selected);
    run_units(units, a.settings.jobs, [&](unit_result& r) {
        emit_to(r, on);
        progress.add(r.inputs_done, r.reports.size(), r.bytes, units.inputs_listed());
    });
    progress.clear();
    return out.finish(errors);
}

} // namespace

namespace {

/// Runs `f` on `jobs` threads: more threads than cores is what was asked for, which oneTBB would
/// otherwise cap, and say so.
template <class F>
void on_threads(std::size_t jobs, F&& f)
{
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, jobs);
    tbb::task_arena arena(static_cast<int>(jobs));
    arena.execute(std::forward<F>(f));
}

} // namespace

void for_each_index(std::size_t n, std::size_t jobs, const std::function<void(std::size_t)>& f)
{
    if (jobs <= 1) {
        for (std::size_t i = 0; i < n; ++i) f(i);
        return;
    }
    on_threads(jobs, [&] { tbb::parallel_for(std::size_t{0}, n, f); });
}

bool patch_truncated_input(const void* address) noexcept { return detail::patch_truncated_mapping(address); }

void run_units(input_units& units, std::size_t jobs, const std::function<void(unit_result&)>& emit)
{
    if (jobs <= 1) return run_in_order(units, emit);
    using unit = std::shared_ptr<check_unit>;
    on_threads(jobs, [&] {
        // A few units a thread in flight: enough to keep every thread busy, few enough that a
        // log's batches never pile up in memory.
        tbb::parallel_pipeline(
            jobs * 4,
            tbb::make_filter<void, unit>(tbb::filter_mode::serial_in_order,
                                         [&](tbb::flow_control& fc) {
                                             auto u = std::make_shared<check_unit>();
                                             if (!units.next(*u)) fc.stop();
                                             return u;
                                         }) &
                tbb::make_filter<unit, unit>(tbb::filter_mode::parallel,
                                             [](unit u) {
                                                 if (u->check && !u->in_order) u->check(u->result);
                                                 return u;
                                             }) &
                tbb::make_filter<unit, void>(tbb::filter_mode::serial_in_order, [&](const unit& u) {
                    if (u->check && u->in_order) u->check(u->result);
                    emit(u->result);
                }));
    });
}

verb add_validate(CLI::App& app)
{
    auto a = std::make_shared<check_args>();
    auto* cmd = app.add_subcommand("validate", "Check payloads: files, folders (recursive), - for stdin");
    cmd->add_option("paths", a->paths, "Files (.json, .jsonl, .ndjson, .har), folders, or -");
    cmd->add_flag("--jsonl", a->settings.jsonl, "Read every input as JSON Lines (one payload a line)");
    add_check_options(*cmd, a->settings);
    add_shard_options(*cmd, a->settings);
    add_jobs_option(*cmd, a->settings.jobs);
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
    add_jobs_option(*cmd, a->settings.jobs);
    add_verbose(*cmd, a->verbose);
    return {cmd, [a] { return run_check(*a, grouping::sequences, "replay"); }};
}

} // namespace tented::contract::cli
