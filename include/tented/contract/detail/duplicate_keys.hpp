// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_DUPLICATE_KEYS_HPP
#define TENTED_CONTRACT_DETAIL_DUPLICATE_KEYS_HPP

#include <tented/contract/detail/fnv1a.hpp>
#include <tented/contract/detail/frames.hpp>
#include <tented/contract/detail/json_text.hpp>
#include <tented/contract/formats.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// json/duplicate-key: a name that repeats in one object, told at once in a typed object (few
// unknown names) and when it ends in a free-form one (any number of names, kept as hashes).
namespace tented::contract::detail {

/// Records a key that no description names in a typed object; false when the object already
/// had it. Typed objects have few such members (each is schema/unknown-field): their names are
/// kept, so a repeat is told at once and without the input text.
inline bool unknown_key(decoder_base& d, frame& f, std::string_view key, std::size_t offset)
{
    auto& others = f.others_made();
    others.key.assign(key.data(), key.size());
    f.member = frame::unknown;
    const bool fresh = others.typed.insert(others.key).second;
    if (!fresh)
        d.report(rule::json_duplicate_key, offset, {}, [&] {
            return "member " + detail::quoted(others.key) + " appears twice in one object (which value a consumer "
                   "sees depends on its parser)";
        });
    return fresh;
}

/// Records a key of a free-form object (metadata, or a value nobody decodes). Such an object may
/// hold millions of members: only a hash and an offset of each are kept, and repeats are judged
/// when it ends. A parsed value has no text, and cannot repeat a name either.
inline void free_key(decoder_base& d, frame& f, std::string_view key, std::size_t offset)
{
    auto& others = f.others_made();
    others.key.assign(key.data(), key.size());
    f.member = frame::unknown;
    if (!d.source().empty()) others.free.emplace_back(fnv1a(key), offset);
    if (d.capturing()) d.stack().push_key(key);
}

/// Reports each key of the free-form object `f` that repeats an earlier one (json/duplicate-key).
/// Keys of one hash are read back once and sorted by text, never compared pairwise, so that
/// names built to collide cost n log n, not n^2 (as for tent_ids, items/tent-id-unique).
inline void report_repeated_names(decoder_base& d, frame& f)
{
    if (!f.others || f.others->free.size() < 2 || !d.enabled(rule::json_duplicate_key)) return;
    auto& names = f.others->free;
    std::sort(names.begin(), names.end()); // by hash, then by offset
    for (std::size_t run = 0, end = 0; run < names.size(); run = end) {
        for (end = run + 1; end < names.size() && names[end].first == names[run].first;) ++end;
        if (end - run < 2) continue;
        std::vector<std::pair<std::string, std::size_t>> texts; // (name, offset)
        for (std::size_t k = run; k < end; ++k) texts.emplace_back(string_at(d.source(), names[k].second), names[k].second);
        std::sort(texts.begin(), texts.end()); // a name's occurrences side by side, first one first
        for (std::size_t k = 1; k < texts.size(); ++k) {
            if (texts[k].first != texts[k - 1].first) continue;
            std::string pointer = d.current_pointer(d.depth() - 1);
            append_pointer(pointer, texts[k].first);
            d.add(rule::json_duplicate_key, texts[k].second, std::move(pointer),
                  "member " + detail::quoted(texts[k].first) + " appears twice in one object (which value a consumer "
                  "sees depends on its parser)");
        }
    }
}

} // namespace tented::contract::detail

#endif
