// tented-contract generate: payloads from the kit's RapidCheck generators, as JSON Lines. The
// only translation unit of the tool that includes RapidCheck.
#include "command.hpp"

#include <tented/contract/encode.hpp>
#include <tented/contract/testing/rapidcheck.hpp>

#include <boost/describe/enum_from_string.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <iostream>
#include <optional>

namespace tented::contract::cli {

namespace {

/// What `generate` writes: valid payloads (optionally pinned), or violations of one rule.
struct generate_args
{
    std::size_t count = 1;
    std::uint64_t seed = 0;
    std::string status;
    std::optional<std::size_t> items;
    std::string violate;
};

std::vector<std::string> job_status_names()
{
    std::vector<std::string> names;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<job_status>>(
        [&](auto e) { names.emplace_back(e.name); });
    return names;
}

rc::Gen<std::string> payloads(const generate_args& g)
{
    namespace tt = testing;
    if (!g.violate.empty()) {
        const auto& v = tt::violation_for(g.violate); // an unknown id throws std::invalid_argument: exit 2
        if (v.opts.max_bytes != options{}.max_bytes)
            say("these payloads raise " + std::string(v.rule) + " when checked with --max-bytes " +
                std::to_string(v.opts.max_bytes));
        return v.gen;
    }
    tt::generation_options o;
    if (!g.status.empty()) {
        job_status s{};
        boost::describe::enum_from_string(g.status.c_str(), s); // CLI11 admitted only described names
        o.status = s;
    }
    o.items = g.items;
    return rc::gen::map(tt::gen_bulk_job(o), [](const bulk_job& job) { return to_json(job); });
}

/// Writes `count` payloads as JSON Lines, the same ones for the same seed: the kit's RapidCheck
/// generators driven by a random source seeded with `seed`, at RapidCheck's nominal size (100,
/// the generators' full range), one split of the source per payload.
int generate_payloads(const generate_args& g)
{
    const auto gen = payloads(g);
    rc::Random random(g.seed);
    for (std::size_t i = 0; i < g.count; ++i) std::cout << gen(random.split(), rc::kNominalSize).value() << '\n';
    return exit_ok;
}

} // namespace

verb add_generate(CLI::App& app)
{
    auto g = std::make_shared<generate_args>();
    auto* cmd = app.add_subcommand("generate", "Write generated payloads as JSON Lines: valid ones, or ones that "
                                               "raise one rule (the same payloads for the same --seed)");
    cmd->add_option("--count", g->count, "How many payloads (default 1)")->check(whole_number(0, max_count));
    cmd->add_option("--seed", g->seed, "Seed of the random source (default 0)")
        ->check(whole_number(0, std::numeric_limits<std::uint64_t>::max()));
    auto* status = cmd->add_option("--status", g->status, "Job status of every valid payload")
                       ->check(one_of(job_status_names(), "a job status"));
    // A response holds 1 to 25 items (limits/total): more would not be a valid payload.
    auto* items = cmd->add_option("--items", g->items, "Number of items of every valid payload (1 to 25)")
                      ->check(whole_number(1, 25));
    cmd->add_option("--violate", g->violate, "Write payloads that raise rule RULE (a rule of sections 1 to 8)")
        ->type_name("RULE")
        ->excludes(status)
        ->excludes(items);
    return {cmd, [g] { return generate_payloads(*g); }};
}

} // namespace tented::contract::cli
