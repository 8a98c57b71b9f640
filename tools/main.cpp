// tented-contract: the command-line front end of the kit. This file only dispatches: each
// subcommand is one file of tools/, a thin client of the library.
#include "command.hpp"

#include <tented/contract/detail/utf8.hpp>
#include <tented/contract/version.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <exception>
#include <new>
#include <stdexcept>

namespace cli = tented::contract::cli;

namespace {

// A big payload is mapped while it is checked: if another program cuts it meanwhile, the pages
// past its new end no longer exist and reading them raises SIGBUS. The mapping is mended (its
// check then ends in an error naming the file, and the run goes on); any other bus error is said,
// not a crash.
extern "C" void on_bus_error(int, siginfo_t* info, void*)
{
    if (cli::patch_truncated_input(info->si_addr)) return;
    static const char message[] = "tented-contract: bus error: mapped memory is gone (an input file cut while it "
                                  "was read?)\n";
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(2);
}

// A standard descriptor the caller closed (`>&-`) would be the next file or socket the run
// opens, and a report meant for it would go there (a port file, libcurl's socket pair). Each is
// held on /dev/null opened the wrong way round, as gnulib's stdopen does: every use of it fails,
// and a failed write is said as any is (exit 2).
void hold_standard_descriptors()
{
    for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; ++fd) {
        if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        const int held = ::open("/dev/null", fd == STDIN_FILENO ? O_WRONLY : O_RDONLY);
        if (held != fd && held >= 0) ::close(held); // fd was taken meanwhile: nothing to hold
    }
}

} // namespace

int main(int argc, char** argv)
{
    hold_standard_descriptors();
    cli::keep_output_reasons();
    struct sigaction bus = {};
    bus.sa_sigaction = on_bus_error;
    bus.sa_flags = SA_SIGINFO;
    ::sigaction(SIGBUS, &bus, nullptr);
    // Past a file size limit (`ulimit -f`), SIGXFSZ would end the run in silence with a partial
    // --output file beside its target; ignored, the write fails (EFBIG) and is said as any
    // failed write: exit 2, the partial file removed.
    std::signal(SIGXFSZ, SIG_IGN);
    CLI::App app{"tented-contract: check responses of GET /v1/bulk-jobs/{bulkJobId} against their contract"};
    app.set_version_flag("--version", std::string("tented-contract ") + tented::contract::version);
    app.require_subcommand(1);
    // Usage errors speak as every other message of the tool does, its name first.
    // CLI11 quotes the arguments it refuses: escaped and cut short, as every message of the tool.
    app.failure_message([](const CLI::App* failed, const CLI::Error& e) {
        std::string what = e.what() + cli::unknown_option_hint(*failed, e);
        if (what.size() > 300) what = std::string(tented::contract::detail::utf8_prefix(what, 300)) + "...";
        return "tented-contract: " + tented::contract::printable(what) + "\nRun with --help for more information.\n";
    });

    const cli::verb verbs[] = {cli::add_validate(app), cli::add_replay(app), cli::add_corpus(app),
                               cli::add_import(app),   cli::add_rules(app),  cli::add_generate(app),
                               cli::add_schema(app),   cli::add_serve(app),  cli::add_watch(app)};
    if (const auto unknown = cli::unknown_verb(argc, argv, verbs); !unknown.empty()) {
        cli::say(unknown);
        return cli::exit_usage;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version print, and their output may fail as any report's.
        return app.exit(e) == 0 && cli::output_written() ? cli::exit_ok : cli::exit_usage;
    }
    int status = cli::exit_ok;
    try {
        for (const auto& v : verbs)
            if (*v.command) status = v.run();
    } catch (const std::bad_alloc&) {
        cli::say("out of memory (a lower --max-bytes or --max-findings bounds what one input may take)");
        return cli::exit_usage;
    } catch (const std::exception& e) {
        cli::say(e.what());
        return cli::exit_usage;
    }
    return cli::output_written() ? status : cli::exit_usage;
}
