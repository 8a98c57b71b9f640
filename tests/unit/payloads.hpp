// Generates large, valid bulk-job payloads as text for the robustness tests and the scaling
// benchmark: straight into a string (no DOM, no encode()), so a 100 MB payload takes a fraction
// of a second and the generator's own memory is only the text.
#ifndef TENTED_CONTRACT_TESTS_PAYLOADS_HPP
#define TENTED_CONTRACT_TESTS_PAYLOADS_HPP

#include <cstddef>
#include <cstdio>
#include <string>

namespace payloads {

/// A canonical tent_id (lowercase, version 4, RFC variant) unique for every `i`.
inline void append_tent_id(std::string& out, std::size_t i)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "b6f8d617-7cfe-4d63-a8e9-%012zx", i & 0xffffffffffffu);
    out += buf;
}

/// What an item carries besides its required members.
struct shape
{
    std::size_t items = 3;       // number of items (all queued; the job is "accepted")
    std::size_t name_bytes = 0;  // extra bytes of the first item's tent_name ('n' repeated)
    bool escaped_name = false;   // write that name as "\n" escapes instead (two bytes each)
    std::size_t metadata_members = 0; // members of a metadata object ("kNNN": NNN)
};

/** A payload that raises nothing when `max_items` >= `s.items` (and `max_bytes` admits it):
    every item queued, counters and credits consistent at 1 credit per item. */
inline std::string make(const shape& s)
{
    std::string out;
    out.reserve(s.items * 120 + s.name_bytes * (s.escaped_name ? 2 : 1) + s.metadata_members * 24 + 1024);
    const std::string n = std::to_string(s.items);
    out += R"({"bulk_job_id":"01JQZB4H8A7T5B3R2W1X9Y6Z0K","status":"accepted","template_id":"tpl_01JABC123XYZ",)";
    out += R"("auto_publish":false,"total":)" + n + R"(,"queued":)" + n +
           R"(,"generating":0,"completed":0,"failed":0,"items":[)";
    for (std::size_t i = 0; i < s.items; ++i) {
        if (i) out += ',';
        out += R"({"index":)";
        out += std::to_string(i);
        out += R"(,"tent_id":")";
        append_tent_id(out, i);
        out += R"(","tent_name":"Tent )";
        out += std::to_string(i);
        if (i == 0 && s.name_bytes) {
            if (s.escaped_name) for (std::size_t k = 0; k < s.name_bytes; ++k) out += "\\n";
            else out.append(s.name_bytes, 'n');
        }
        out += R"(","status":"queued"})";
    }
    out += R"(],"credits":{"reserved":)" + n + R"(,"consumed":0,"refunded":0,"pending_reconciliation":)" + n + "}";
    out += R"(,"created_at":"2026-03-25T14:30:00.000Z","updated_at":"2026-03-25T14:31:10.000Z")";
    if (s.metadata_members) {
        out += R"(,"metadata":{)";
        for (std::size_t k = 0; k < s.metadata_members; ++k) {
            if (k) out += ',';
            out += "\"k" + std::to_string(k) + "\":" + std::to_string(k);
        }
        out += '}';
    }
    out += "}\n";
    return out;
}

/// The number of items whose payload (from `make`) is about `bytes` long.
inline std::size_t items_for_bytes(std::size_t bytes)
{
    const std::size_t per_item = make({1000}).size() / 1000;
    return bytes / per_item;
}

} // namespace payloads

#endif
