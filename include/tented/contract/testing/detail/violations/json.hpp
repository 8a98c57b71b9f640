// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_JSON_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_JSON_HPP

#include <tented/contract/testing/detail/violations/edit.hpp>

namespace tented::contract::testing::detail {

/// The violation generators of section 1: the JSON text itself, in catalogue order.
inline void add_json_violations(violation_table& t)
{
    using boost::json::value;
    t.add("json/syntax", "truncates the text, appends garbage, adds a trailing comma or a comment, or puts an invalid "
                         "token, byte or escape in place of a value or a member name",
        change(any_job(), [](const bulk_job&, edit& e, std::size_t kind, std::size_t pick) {
            static const char* const bad_strings[] = {
                "\"tpl_\xFF\"", "\"tpl_\xC3\"", "\"tpl_\xED\xA0\x80\"", "\"tpl_\t\"", "\"tpl_\x01\"",
                "\"tpl_\\ud800\"", "\"tpl_\\udc00x\"", "\"tpl_\\x41\"", "'tpl_a'", "\"tpl_a"};
            static const char* const bad_numbers[] = {"NaN", "+1", "01", "1.", ".5", "0x1", "Infinity", "-", "1e"};
            static const char* const bad_names[] = {"status", "'status'", "\"status\" \"status\""};
            switch (kind % 7) {
            case 0:
                e.finish = [pick](std::string& s) { s.resize(1 + pick % (s.size() - 1)); };
                break;
            case 1:
                e.finish = [pick](std::string& s) {
                    static const char* const tails[] = {" x", "}", " {}", ",", "\"", " HTTP/1.1 200 OK", "]"};
                    s += tails[pick % 7];
                };
                break;
            case 2:
                e.finish = [](std::string& s) { s.insert(s.size() - 1, ","); };
                break;
            case 3:
                e.prefix = "/* comment */";
                break;
            case 4: e.write_raw(e.root()["template_id"], bad_strings[pick % 10]); break;
            case 5: e.write_raw(e.root()["total"], bad_numbers[pick % 9]); break;
            default: {
                auto& root = e.root();
                const value status = root["status"];
                root.erase("status");
                const std::string marker = "@@name@@";
                root[marker] = status;
                e.raw.emplace_back("\"" + marker + "\"", bad_names[pick % 3]);
            }
            }
        }, gen_index(7), gen_pick()));

    t.add("json/duplicate-key", "repeats a member of the job, of an item or of credits, with the same value",
        change(any_job(), [](const bulk_job& job, edit& e, std::size_t where, std::size_t pick) {
            boost::json::object* o = &e.root();
            if (where % 3 == 1) o = &e.credits();
            if (where % 3 == 2) o = &e.item(pick % job.items.size());
            std::vector<std::string> names;
            for (const auto& kv : *o) names.emplace_back(kv.key());
            const auto& name = names[pick % names.size()];
            const std::string marker = "@@dup@@";
            const value copy = o->at(name); // a copy: inserting may move the members
            (*o)[marker] = copy;
            e.raw.emplace_back("\"" + marker + "\"", "\"" + name + "\"");
        }, gen_pick(), gen_pick()));

    t.add("json/depth", "nests 63 to 90 arrays or objects in metadata: the document is 65 to 92 deep (limit 64)",
        change(any_job(), [](const bulk_job&, edit& e, std::size_t levels, bool objects) {
            value deep = std::int64_t{0};
            for (std::size_t i = 0; i < levels; ++i) {
                if (objects) deep = boost::json::object{{"a", std::move(deep)}};
                else deep = boost::json::array{std::move(deep)};
            }
            e.root()["metadata"] = boost::json::object{{"deep", std::move(deep)}};
        }, rc::gen::inRange<std::size_t>(63, 91), rc::gen::arbitrary<bool>()));

    t.add("json/bom", "puts a UTF-8 byte-order mark before a valid payload",
        change(any_job(), [](const bulk_job&, edit& e) { e.prefix = "\xEF\xBB\xBF"; }));

    {
        options small;
        small.max_bytes = 256;
        t.add("json/too-large", "a valid payload, checked with max_bytes 256 (every payload is longer)",
            change(any_job(), [](const bulk_job&, edit& e) {
                e.finish = [](std::string& s) {
                    if (s.size() <= 256) s.append(257 - s.size(), ' ');
                };
            }),
            small);
    }
}

} // namespace tented::contract::testing::detail

#endif
