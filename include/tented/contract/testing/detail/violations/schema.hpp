// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_SCHEMA_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_SCHEMA_HPP

#include <tented/contract/testing/detail/violations/edit.hpp>

namespace tented::contract::testing::detail {

/// The violation generators of section 2: members, types and values, in catalogue order.
inline void add_schema_violations(violation_table& t)
{
    using boost::json::value;
    t.add("schema/required", "removes a required member of the job, of an item or of credits",
        change(any_job(), [](const bulk_job&, edit& e, std::size_t pick) {
            auto candidates = present_targets(e, true);
            auto [o, tg] = candidates[pick % candidates.size()];
            o->erase(tg->name);
        }, gen_pick()));

    t.add("schema/type", "gives the root, a member or an item a value of another JSON type (never null)",
        change(any_job(), [](const bulk_job& job, edit& e, std::size_t where, std::size_t pick) {
            const std::size_t kind = where % 8;
            if (kind == 0) {
                e.json = other_type(boost::json::kind::object, pick);
                return;
            }
            if (kind == 1) {
                e.items()[pick % job.items.size()] = other_type(boost::json::kind::object, pick / 7);
                return;
            }
            auto candidates = present_targets(e, false);
            auto [o, tg] = candidates[pick % candidates.size()];
            (*o)[tg->name] = other_type(tg->kind, pick / 7);
        }, gen_pick(), gen_pick()));

    t.add("schema/null", "sets the root, a member or an item to null",
        change(any_job(), [](const bulk_job& job, edit& e, std::size_t where, std::size_t pick) {
            const std::size_t kind = where % 8;
            if (kind == 0) {
                e.json = nullptr;
                return;
            }
            if (kind == 1) {
                e.items()[pick % job.items.size()] = nullptr;
                return;
            }
            auto candidates = present_targets(e, false);
            auto [o, tg] = candidates[pick % candidates.size()];
            (*o)[tg->name] = nullptr;
        }, gen_pick(), gen_pick()));

    t.add("schema/enum", "gives the job status, an item status or a publication_status an undocumented value",
        change(any_job(), [](const bulk_job& job, edit& e, std::size_t where, std::size_t pick) {
            static const char* const words[] = {"in_progress", "processing", "done", "cancelled", "", "pending ",
                                                "succeeded", "partial", "unknown", "queued_for_publication"};
            const std::string word = pick % 2 == 0 ? std::string(words[pick / 2 % 10]) : std::string();
            const std::size_t i = pick % job.items.size();
            std::vector<std::size_t> publishing;
            for (std::size_t k = 0; k < job.items.size(); ++k)
                if (job.items[k].publication_status) publishing.push_back(k);
            switch (where % 3) {
            case 0: e.root()["status"] = word.empty() ? uppercase(wire_name(job.status)) : word; break;
            case 1:
                e.item(i)["status"] = word.empty() ? uppercase(wire_name(job.items[i].status)) : word;
                break;
            default:
                if (publishing.empty()) {
                    e.root()["status"] = word.empty() ? "Running" : word;
                } else {
                    const auto k = publishing[pick % publishing.size()];
                    e.item(k)["publication_status"] =
                        word.empty() ? uppercase(wire_name(*job.items[k].publication_status)) : word;
                }
            }
        }, gen_pick(), gen_pick()));

    t.add("schema/integer", "gives a count, an index or a credit a negative, fractional (also past 2^50) or too large (> 2^53-1) value",
        change(any_job(), [](const bulk_job&, edit& e, std::size_t pick, std::size_t how, std::int64_t n, std::int64_t wide) {
            auto candidates = present_targets(e, false, true);
            auto [o, tg] = candidates[pick % candidates.size()];
            value& v = (*o)[tg->name];
            switch (how % 6) {
            case 0: v = -n; break;
            case 1: v = static_cast<double>(n) + 0.5; break;
            case 2: v = (std::int64_t{1} << 53) + n - 1; break;
            case 3: v = std::uint64_t{18446744073709551615u}; break;
            case 4: v = 1e300; break;
            // Past 2^50 a quarter is the last fraction a double holds; written with 17 digits, a
            // parser that reads numbers imprecisely (Boost.JSON's default) rounds it to a whole.
            default: v = static_cast<double>((std::int64_t{1} << 50) + wide) + 0.25; break;
            }
        }, gen_pick(), gen_pick(), rc::gen::inRange<std::int64_t>(1, 1000),
           rc::gen::inRange<std::int64_t>(0, std::int64_t{1} << 50)));

    t.add("schema/integer-notation", "writes a count, an index or a credit as 3.0, 3e0, 3E0, 30e-1 or 3E+0",
        change(any_job(), [](const bulk_job&, edit& e, std::size_t pick, std::size_t how) {
            auto candidates = present_targets(e, false, true);
            auto [o, tg] = candidates[pick % candidates.size()];
            value& v = (*o)[tg->name];
            e.write_raw(v, integer_notation(v.as_int64(), how));
        }, gen_pick(), gen_pick()));

    t.add("schema/unknown-field", "adds a member the contract does not name to the job, an item or credits",
        change(any_job(), [](const bulk_job& job, edit& e, std::size_t where, std::size_t pick, const std::string& word,
                             const value& v) {
            static const char* const names[] = {"priority", "retry_count", "currency", "progress", "clientItemId",
                                                "client_id", "tentId", "errors", "eta", "links"};
            const std::string name = pick % 3 == 2 ? "x_" + word : std::string(names[pick % 10]);
            boost::json::object* o = &e.root();
            if (where % 3 == 1) o = &e.credits();
            if (where % 3 == 2) o = &e.item(pick % job.items.size());
            (*o)[name] = v;
        }, gen_pick(), gen_pick(), gen_word(lower_alphabet, 1, 8), gen_value(2, false)));
}

} // namespace tented::contract::testing::detail

#endif
