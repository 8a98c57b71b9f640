// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_FRAMES_HPP
#define TENTED_CONTRACT_DETAIL_FRAMES_HPP

#include <tented/contract/detail/events.hpp>
#include <tented/contract/detail/formats_fast.hpp>
#include <tented/contract/detail/members.hpp>
#include <tented/contract/detail/shadow.hpp>
#include <tented/contract/detail/sink.hpp>
#include <tented/contract/rules.hpp>

#include <boost/container/small_vector.hpp>
#include <boost/json/value_stack.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

// The decoder's stack of open objects and arrays, each frame with what reads the events inside it,
// and the JSON Pointer of the value it is at.
namespace tented::contract::detail {

class decoder_base;

struct frame;

/** Where the elements of a streamed `std::vector<T>` go, one at a time, so that a large array is
    checked without being kept: each is decoded into `element` (reused: its members keep their
    capacity from one element to the next, and a member absent from this element keeps a stale
    value, which `shadow` marks absent), then handed to `done` with its index in the array. */
template <class T>
struct element_stream
{
    T element; // every member of a described type has an initialiser: no zeroing first
    shadow_t<T> shadow{};
    slot state{};
    std::size_t count = 0;
    void* context = nullptr; // handed to `begin` and `done`
    void (*begin)(void* context) = nullptr; // an array starts: one more, when the member repeats
    void (*done)(void* context, std::size_t index, const T&, const shadow_t<T>&, const slot&) = nullptr;

    void finish() { done(context, count - 1, element, shadow, state); }
};

using value_reader = void (*)(decoder_base&, frame&, const event&);

/// What a frame does with the events inside its object or array. A typed object also lists its
/// members' names and decoders, by index in the description, so that the decoder matches the
/// expected key itself (`decoder_base::enter_next`) and calls `on_key` only for the others.
struct frame_ops
{
    void (*on_key)(decoder_base&, frame&, std::string_view key, std::size_t offset);
    value_reader on_value;
    void (*on_end)(decoder_base&, frame&);
    std::size_t members;                 // 0 unless a typed object
    const text_words* names;             // [members]
    const value_reader* member_decoders; // [members]
};

/// One open object or array.
struct frame
{
    // Provided, so that a frame made by `emplace_back()` is not zeroed whole before its members
    // are initialised: a `rep stos` of some 250 bytes, slow to start, for each frame of each input.
    frame() {}

    const frame_ops* ops = nullptr;
    // What reads the next value: `ops->on_value`, or in a typed object the decoder of the member
    // its key named, so that a value goes straight to its member.
    value_reader on_value = nullptr;
    void* value = nullptr;
    void* shadow = nullptr;
    bool is_object = false;
    std::size_t member = 0;          // typed objects: current member index, or `unknown`
    std::size_t elements = 0;        // arrays: elements seen so far
    std::uint64_t seen = 0;          // typed objects: members seen, for duplicates
    void* stream = nullptr;          // a streamed element: its element_stream, told when it ends

    /// What a frame keeps of keys that no description names. Made at the first such key: most
    /// objects have none, and a frame without it is made, reset and destroyed at little cost.
    struct other_keys
    {
        std::string key; // the current key, when it is not a described member (one that is has
                         // its name in `ops->names`: no copy per key)
        std::unordered_set<std::string> typed; // typed objects: keys not described, for duplicates
        std::deque<std::pair<std::uint64_t, std::size_t>> free; // free-form objects: (hash, offset)
                         // of every key, judged for duplicates when the object ends
    };
    std::unique_ptr<other_keys> others;

    /// `others`, made when it was not.
    other_keys& others_made()
    {
        if (!others) others = std::make_unique<other_keys>();
        return *others;
    }

    /// The current key when it is not a described member.
    std::string_view key() const noexcept { return others ? std::string_view(others->key) : std::string_view(); }

    static constexpr std::size_t unknown = static_cast<std::size_t>(-1);
};

/// Appends `segment` to an RFC 6901 pointer, escaping `~` and `/`.
inline void append_pointer(std::string& out, std::string_view segment)
{
    out += '/';
    for (char c : segment) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
}

/// The type-independent half of the decoder: frames, positions and the findings sink.
class decoder_base : public sink
{
public:
    using sink::sink;

    /// Reports `r` at `offset` with the pointer of the current value plus `extra`, when enabled;
    /// `message` is called only then.
    template <class Message>
    void report(rule r, std::size_t offset, std::string_view extra, Message&& message)
    {
        if (!enabled(r)) return;
        add(r, offset, current_pointer(depth_, extra), std::forward<Message>(message)());
    }

    /// The pointer of the value the top frame is at, from frames [0, upto), plus `extra`.
    std::string current_pointer(std::size_t upto, std::string_view extra = {}) const
    {
        std::string p;
        for (std::size_t k = 0; k < upto; ++k) append_segment(p, frames_[k]);
        if (!extra.empty()) append_pointer(p, extra);
        return p;
    }

    void push(const frame_ops* ops, void* value, void* shadow, bool is_object)
    {
        if (depth_ == frames_.size()) frames_.emplace_back();
        frame& f = frames_[depth_++];
        top_ = &f;
        f.ops = ops;
        f.on_value = ops->on_value;
        f.value = value;
        f.shadow = shadow;
        f.is_object = is_object;
        f.member = frame::unknown;
        f.elements = 0;
        f.seen = 0;
        f.stream = nullptr;
        if (f.others) forget_other_keys(*f.others);
    }

    /// Enters the member that follows the current one in the description of the typed object `f`
    /// when `key` names it and it was not seen yet (the first member when none is current);
    /// false otherwise. Producers keep one order, mostly the description's: most keys cost this
    /// one comparison and no call.
    static bool enter_next(frame& f, std::string_view key) noexcept
    {
        const std::size_t next = f.member + 1; // `unknown` + 1 is 0
        const frame_ops& ops = *f.ops;
        if (next >= ops.members || !same_text(ops.names[next], key) || (f.seen >> next & 1u)) return false;
        enter(f, next);
        return true;
    }

    /// Makes member `i` of the typed object `f` current: its value goes to its decoder.
    static void enter(frame& f, std::size_t i) noexcept
    {
        f.member = i;
        f.on_value = f.ops->member_decoders[i];
        f.seen |= std::uint64_t{1} << i;
    }

    frame& top() noexcept { return *top_; }
    std::size_t depth() const noexcept { return depth_; }

    boost::json::value_stack& stack() noexcept { return stack_; }
    bool capturing() const noexcept { return capture_depth_ > 0; }
    std::size_t& capture_depth() noexcept { return capture_depth_; }

    /// The whole input text, empty when replaying a parsed value (then nothing has a position).
    std::string_view source() const noexcept { return source_; }

    /// Whether `s` views the input text (then it lives as long as the input).
    bool in_source(std::string_view s) const noexcept
    {
        const auto at = reinterpret_cast<std::uintptr_t>(s.data()) - reinterpret_cast<std::uintptr_t>(source_.data());
        return !source_.empty() && at <= source_.size() && s.size() <= source_.size() - at;
    }

    /// What the URL checks of this input remember (`url_memo`).
    url_memo& urls() noexcept { return urls_; }

    /// False when reading for validation: free-form objects (`metadata`) and free text
    /// (`tent_name`, `message`: the rules read only whether they are present) are checked, not kept.
    bool keeps_values() const noexcept { return keep_values_; }
    void keep_values(bool keep) noexcept { keep_values_ = keep; }

    /// Streams every `std::vector<T>` through `s` instead of filling it.
    template <class T>
    void stream_elements(element_stream<T>& s) noexcept
    {
        stream_ = &s;
        stream_tag_ = &stream_tag<T>;
    }

    /// The stream for vectors of `T`, or null when they are filled.
    template <class T>
    element_stream<T>* stream() const noexcept
    {
        return stream_tag_ == &stream_tag<T> ? static_cast<element_stream<T>*>(stream_) : nullptr;
    }

protected:
    void pop() noexcept
    {
        --depth_;
        top_ = depth_ > 0 ? &frames_[depth_ - 1] : nullptr;
    }

    // Clearing even an empty hash set writes its buckets: most frames have nothing to clear.
    static void forget_other_keys(frame::other_keys& o)
    {
        if (!o.typed.empty()) o.typed.clear();
        o.free.clear();
    }

    static void append_segment(std::string& p, const frame& f)
    {
        if (f.is_object) {
            append_pointer(p, f.member != frame::unknown ? f.ops->names[f.member].text : f.key());
        } else if (f.elements > 0) {
            p += '/';
            p += std::to_string(f.elements - 1);
        }
    }

    template <class T>
    static inline const char stream_tag = 0;

    // A response nests four deep (job, items, an item, credits): room for twice that in the
    // decoder, so that decoding one allocates no frame.
    boost::container::small_vector<frame, 8> frames_;
    std::size_t depth_ = 0;
    frame* top_ = nullptr; // frames_[depth_ - 1]: every event reads it
    boost::json::value_stack stack_;
    std::size_t capture_depth_ = 0;
    std::string_view source_;
    bool keep_values_ = true;
    url_memo urls_;
    void* stream_ = nullptr;
    const char* stream_tag_ = nullptr;
};

} // namespace tented::contract::detail

#endif
