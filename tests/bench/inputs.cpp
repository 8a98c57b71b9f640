// Writes the inputs of the whole-process benchmark (whole_process.py) into a folder, the same
// bytes for the same seed, each payload valid (jobs.hpp):
//   payloads/NNNNN.json  FILES files, each one job of 1 to 25 items at a random step of its life
//   polls.jsonl          a JSON Lines log of POLLS polls of jobs of 1 to 25 items: eight jobs at
//                        a time, polled in random turn, each job's polls its steps in order
//                        (its whole life, but for the jobs still running when the log ends)
//   big.json             one payload of ITEMS items, at the last step of an auto-publishing job
//   bench_inputs DIR [--files N] [--polls N] [--items N] [--seed S]
// Defaults: 10,000 files (29 MB), 100,000 polls (290 MB), 10^6 items (219 MB), seed 1.
#include "jobs.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct settings
{
    fs::path dir;
    std::uint64_t files = 10000, polls = 100000, items = 1000000, seed = 1;
};

[[noreturn]] void usage(const char* why)
{
    std::fprintf(stderr, "bench_inputs: %s\nusage: bench_inputs DIR [--files N] [--polls N] [--items N] [--seed S]\n",
                 why);
    std::exit(2);
}

settings parse(int argc, char** argv)
{
    settings s;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        std::uint64_t* value = arg == "--files" ? &s.files
                               : arg == "--polls" ? &s.polls
                               : arg == "--items" ? &s.items
                               : arg == "--seed"  ? &s.seed
                                                  : nullptr;
        if (!value) {
            if (arg.rfind("--", 0) == 0 || !s.dir.empty()) usage(("unexpected argument " + arg).c_str());
            s.dir = arg;
            continue;
        }
        char* end = nullptr;
        if (i + 1 == argc || (*value = std::strtoull(argv[i + 1], &end, 10), *end != '\0'))
            usage((arg + " takes a number").c_str());
        ++i;
    }
    if (s.dir.empty()) usage("no folder given");
    return s;
}

[[noreturn]] void cannot_write(const fs::path& path)
{
    std::fprintf(stderr, "bench_inputs: cannot write %s: %s\n", path.c_str(), std::strerror(errno));
    std::exit(1);
}

std::FILE* create(const fs::path& path)
{
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) cannot_write(path);
    return f;
}

void append(std::FILE* f, const std::string& text, const fs::path& path)
{
    if (std::fwrite(text.data(), 1, text.size(), f) != text.size()) cannot_write(path);
}

void close_file(std::FILE* f, const fs::path& path)
{
    if (std::fclose(f) != 0) cannot_write(path);
}

void write_file(const fs::path& path, const std::string& text)
{
    std::FILE* f = create(path);
    append(f, text, path);
    close_file(f, path);
}

bench::job random_job(bench::splitmix& rng) { return bench::job(rng.next(), 1 + rng.below(25)); }

std::uint64_t write_payloads(const fs::path& dir, std::uint64_t count, bench::splitmix& rng)
{
    fs::remove_all(dir); // no file of an earlier, larger run left behind
    fs::create_directories(dir);
    std::uint64_t bytes = 0;
    std::string text;
    for (std::uint64_t k = 0; k < count; ++k) {
        const bench::job job = random_job(rng);
        text.clear();
        job.write(text, rng.below(job.last_step() + 1));
        text += '\n';
        char name[32];
        std::snprintf(name, sizeof name, "%05llu.json", static_cast<unsigned long long>(k));
        write_file(dir / name, text);
        bytes += text.size();
    }
    return bytes;
}

std::uint64_t write_log(const fs::path& path, std::uint64_t polls, bench::splitmix& rng)
{
    struct running
    {
        bench::job job;
        std::uint32_t next_step = 0;
    };
    std::vector<running> jobs;
    for (int k = 0; k < 8; ++k) jobs.push_back({random_job(rng)});
    std::FILE* f = create(path);
    std::uint64_t bytes = 0;
    std::string line;
    for (std::uint64_t k = 0; k < polls; ++k) {
        running& r = jobs[rng.below(static_cast<std::uint32_t>(jobs.size()))];
        line.clear();
        r.job.write(line, r.next_step++);
        line += '\n';
        append(f, line, path);
        bytes += line.size();
        if (r.next_step > r.job.last_step()) r = {random_job(rng)};
    }
    close_file(f, path);
    return bytes;
}

std::uint64_t write_big(const fs::path& path, std::uint64_t items, bench::splitmix& rng)
{
    bench::job job(rng.next(), items);
    while (!job.auto_publish()) job = bench::job(rng.next(), items); // the larger items: a URL each
    std::string text;
    job.write(text, std::numeric_limits<std::uint32_t>::max());
    text += '\n';
    write_file(path, text);
    return text.size();
}

} // namespace

int main(int argc, char** argv)
{
    const settings s = parse(argc, argv);
    if (s.items == 0) usage("--items must be at least 1");
    fs::create_directories(s.dir);
    bench::splitmix rng{s.seed};
    const auto files = write_payloads(s.dir / "payloads", s.files, rng);
    std::printf("payloads/    %llu files, %llu bytes\n", static_cast<unsigned long long>(s.files),
                static_cast<unsigned long long>(files));
    const auto log = write_log(s.dir / "polls.jsonl", s.polls, rng);
    std::printf("polls.jsonl  %llu polls, %llu bytes\n", static_cast<unsigned long long>(s.polls),
                static_cast<unsigned long long>(log));
    const auto big = write_big(s.dir / "big.json", s.items, rng);
    std::printf("big.json     %llu items, %llu bytes\n", static_cast<unsigned long long>(s.items),
                static_cast<unsigned long long>(big));
    return 0;
}
