// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_DECODER_HPP
#define TENTED_CONTRACT_DETAIL_DECODER_HPP

#include <tented/contract/detail/shadow.hpp>
#include <tented/contract/detail/sink.hpp>
#include <tented/contract/diagnostic.hpp>
#include <tented/contract/formats.hpp>
#include <tented/contract/rules.hpp>

#include <boost/config.hpp>
#include <boost/container/small_vector.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string_view.hpp>
#include <boost/json/value_stack.hpp>
#include <boost/mp11/algorithm.hpp>
#include <boost/system/error_code.hpp>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

// The one decoder: a boost::json::basic_parser handler that fills described structs as parse
// events arrive, without a DOM. Generic over Boost.Describe: the description of a type says which
// members exist, which are optional (std::optional) and what each holds.
namespace tented::contract::detail {

inline constexpr std::int64_t max_safe_integer = (std::int64_t{1} << 53) - 1;

enum class token : std::uint8_t { object, array, string, int64, uint64, number, boolean, null };

/// One value event: its kind, its scalar payload (the member `kind` names), its raw text
/// (strings, numbers) and where it began.
struct event
{
    explicit event(token k, std::size_t at = unknown_position) noexcept : kind(k), offset(at) {}

    token kind;
    std::size_t offset;
    std::string_view text{};
    union {
        std::int64_t i = 0;
        std::uint64_t u;
        double d;
        bool b;
    };
};

constexpr std::string_view json_type_name(token t) noexcept
{
    switch (t) {
    case token::object: return "object";
    case token::array: return "array";
    case token::string: return "string";
    case token::boolean: return "boolean";
    case token::null: return "null";
    default: return "number";
    }
}

class decoder_base;

struct frame;

/** Where the elements of a streamed `std::vector<T>` go, one at a time, so that a large array is
    checked without being kept: each is decoded into `element` (reused: its members keep their
    capacity from one element to the next, and a member absent from this element keeps a stale
    value, which `shadow` marks absent), then handed to `done` with its index in the array. */
template <class T>
struct element_stream
{
    T element{};
    shadow_t<T> shadow{};
    slot state{};
    std::size_t count = 0;
    void* context = nullptr; // handed to `begin` and `done`
    void (*begin)(void* context) = nullptr; // an array starts: one more, when the member repeats
    void (*done)(void* context, std::size_t index, const T&, const shadow_t<T>&, const slot&) = nullptr;

    void finish() { done(context, count - 1, element, shadow, state); }
};

/// What a frame does with the events inside its object or array.
struct frame_ops
{
    void (*on_key)(decoder_base&, frame&, std::string_view key, std::size_t offset);
    void (*on_value)(decoder_base&, frame&, const event&);
    void (*on_end)(decoder_base&, frame&);
};

/// One open object or array.
struct frame
{
    const frame_ops* ops = nullptr;
    // What reads the next value: `ops->on_value`, or in a typed object the decoder of the member
    // its key named, so that a value goes straight to its member.
    void (*on_value)(decoder_base&, frame&, const event&) = nullptr;
    void* value = nullptr;
    void* shadow = nullptr;
    bool is_object = false;
    bool capture_root = false;
    std::size_t member = 0;          // typed objects: current member index, or `unknown`
    std::size_t elements = 0;        // arrays: elements seen so far
    std::uint64_t seen = 0;          // typed objects: members seen, for duplicates
    std::string_view name;           // the current key when it is a described member: a name
                                     // from the description, so no copy per key
    std::string key;                 // the current key when it is not a described member
    std::unordered_set<std::string> other_keys; // typed objects: keys not described, for duplicates
    std::optional<std::deque<std::pair<std::uint64_t, std::size_t>>> names; // free-form objects:
                                     // (hash, offset) of every key, judged for duplicates when the
                                     // object ends; made at the first, as most objects are typed
    void* stream = nullptr;          // a streamed element: its element_stream, told when it ends

    static constexpr std::size_t unknown = static_cast<std::size_t>(-1);
};

/// The value of the JSON string whose opening quote is at `offset` in `text`, escapes resolved.
/// `text` holds a whole JSON text that parsed, so the string is well-formed.
inline std::string string_at(std::string_view text, std::size_t offset)
{
    std::size_t end = offset + 1;
    bool escaped = false;
    while (end < text.size() && text[end] != '"') {
        escaped = escaped || text[end] == '\\';
        end += text[end] == '\\' ? 2 : 1;
    }
    if (!escaped) return std::string(text.substr(offset + 1, end - offset - 1));
    return std::string(boost::json::parse(text.substr(offset, end + 1 - offset)).get_string());
}

/// FNV-1a: hashes object names for json/duplicate-key, whose equal hashes are compared as text.
inline std::uint64_t name_hash(std::string_view s) noexcept
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
    return h;
}

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
        f.capture_root = false;
        f.member = frame::unknown;
        f.elements = 0;
        f.seen = 0;
        // Clearing even an empty hash set writes its buckets: most frames have nothing to clear.
        if (!f.other_keys.empty()) f.other_keys.clear();
        f.names.reset();
        f.stream = nullptr;
    }

    frame& top() noexcept { return *top_; }
    std::size_t depth() const noexcept { return depth_; }

    /// Pushes a frame that reads a value nobody decodes (an unknown member, a wrong type).
    void skip(bool is_object);
    /// Starts capturing a free-form object (`metadata`) into `target`.
    void capture(boost::json::object* target, std::size_t offset);

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

    static void append_segment(std::string& p, const frame& f)
    {
        if (f.is_object) {
            append_pointer(p, f.member != frame::unknown ? f.name : std::string_view(f.key));
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
    void* stream_ = nullptr;
    const char* stream_tag_ = nullptr;
};

// ---- generic frames: unknown members, wrong types, metadata --------------------------------

/// Records a key that no description names in a typed object; false when the object already
/// had it. Typed objects have few such members (each is schema/unknown-field): their names are
/// kept, so a repeat is told at once and without the input text.
inline bool unknown_key(decoder_base& d, frame& f, std::string_view key, std::size_t offset)
{
    f.key.assign(key.data(), key.size());
    f.member = frame::unknown;
    const bool fresh = f.other_keys.insert(f.key).second;
    if (!fresh)
        d.report(rule::json_duplicate_key, offset, {}, [&] {
            return "member \"" + f.key + "\" appears twice in one object (which value a consumer "
                   "sees depends on its parser)";
        });
    return fresh;
}

/// Records a key of a free-form object (metadata, or a value nobody decodes). Such an object may
/// hold millions of members: only a hash and an offset of each are kept, and repeats are judged
/// when it ends. A parsed value has no text, and cannot repeat a name either.
inline void free_key(decoder_base& d, frame& f, std::string_view key, std::size_t offset)
{
    f.key.assign(key.data(), key.size());
    f.member = frame::unknown;
    if (!d.source().empty()) {
        if (!f.names) f.names.emplace();
        f.names->emplace_back(name_hash(key), offset);
    }
    if (d.capturing()) d.stack().push_key(key);
}

/// Reports each key of the free-form object `f` that repeats an earlier one (json/duplicate-key).
/// Keys of one hash are read back once and sorted by text, never compared pairwise, so that
/// names built to collide cost n log n, not n^2 (as for tent_ids, items/tent-id-unique).
inline void report_repeated_names(decoder_base& d, frame& f)
{
    if (!f.names || f.names->size() < 2 || !d.enabled(rule::json_duplicate_key)) return;
    auto& names = *f.names;
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
                  "member \"" + texts[k].first + "\" appears twice in one object (which value a consumer "
                  "sees depends on its parser)");
        }
    }
}

inline void generic_value(decoder_base& d, frame& f, const event& e)
{
    ++f.elements;
    if (e.kind == token::object || e.kind == token::array) {
        d.skip(e.kind == token::object);
        return;
    }
    if (!d.capturing()) return;
    auto& st = d.stack();
    switch (e.kind) {
    case token::string: st.push_string(e.text); break;
    case token::int64: st.push_int64(e.i); break;
    case token::uint64: st.push_uint64(e.u); break;
    case token::number: st.push_double(e.d); break;
    case token::boolean: st.push_bool(e.b); break;
    default: st.push_null(); break;
    }
}

inline void generic_end(decoder_base& d, frame& f)
{
    if (f.is_object) report_repeated_names(d, f);
    if (!d.capturing()) return;
    auto& st = d.stack();
    if (f.is_object) st.push_object(f.elements);
    else st.push_array(f.elements);
    if (--d.capture_depth() == 0)
        *static_cast<boost::json::object*>(f.value) = std::move(st.release().as_object());
}

inline constexpr frame_ops generic_ops{&free_key, &generic_value, &generic_end};

inline void decoder_base::skip(bool is_object)
{
    const bool capturing = capture_depth_ > 0;
    push(&generic_ops, nullptr, nullptr, is_object);
    if (capturing) ++capture_depth_;
}

inline void decoder_base::capture(boost::json::object* target, std::size_t)
{
    push(&generic_ops, target, nullptr, true);
    top().capture_root = true;
    stack_.reset();
    capture_depth_ = 1;
}

// ---- typed values ----------------------------------------------------------------------------

template <class T>
constexpr std::string_view expected_name()
{
    if constexpr (std::is_same_v<T, bool>) return "a boolean";
    else if constexpr (std::is_integral_v<T>) return "an integer";
    else if constexpr (is_vector<T>::value) return "an array";
    else if constexpr (is_described_struct<T>::value || std::is_same_v<T, boost::json::object>) return "an object";
    else return "a string";
}

template <class T>
void type_error(decoder_base& d, slot& s, const event& e)
{
    s.state = slot_state::invalid;
    if (e.kind == token::null)
        d.report(rule::schema_null, e.offset, {}, [] {
            return "expected " + std::string(expected_name<T>()) +
                   ", got null (the reference omits a member rather than sending null)";
        });
    else
        d.report(rule::schema_type, e.offset, {}, [&] {
            return "expected " + std::string(expected_name<T>()) + ", got " +
                   std::string(e.kind == token::object || e.kind == token::array ? "an " : "a ") +
                   std::string(json_type_name(e.kind));
        });
    if (e.kind == token::object || e.kind == token::array) d.skip(e.kind == token::object);
}

inline std::string number_text(const event& e)
{
    if (!e.text.empty()) return std::string(e.text);
    switch (e.kind) {
    case token::int64: return std::to_string(e.i);
    case token::uint64: return std::to_string(e.u);
    default: {
        // A parsed value keeps no text: show a double as a double, so 3.0 reads "3.0", not "3".
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", e.d);
        std::string t = buf;
        if (t.find_first_of(".eEin") == std::string::npos) t += ".0";
        return t;
    }
    }
}

/// What a JSON number is, judged exactly from its text (a double may round `2.2` of a large
/// number to a whole one, and Boost.JSON 1.81 reads `0e+9999` as NaN).
struct number_reading
{
    enum { whole, fraction, negative, too_large } kind = whole;
    std::int64_t value = 0;
    bool notation = false; // written with a fraction or an exponent
};

inline number_reading read_number(std::string_view text)
{
    number_reading r;
    const bool minus = !text.empty() && text.front() == '-';
    if (minus) text.remove_prefix(1);
    const auto e_at = text.find_first_of("eE");
    const auto mantissa = text.substr(0, e_at);
    const auto dot = mantissa.find('.');
    const auto int_part = mantissa.substr(0, dot);
    const auto frac_part = dot == std::string_view::npos ? std::string_view{} : mantissa.substr(dot + 1);
    r.notation = e_at != std::string_view::npos || dot != std::string_view::npos;
    std::string digits(int_part);
    digits.append(frac_part);
    const auto first = digits.find_first_not_of('0');
    if (first == std::string::npos) return r; // zero, however written
    if (minus) return r.kind = number_reading::negative, r;
    // value = digits x 10^scale; an exponent beyond +-10^6 decides on its sign alone.
    long long exponent = 0;
    if (e_at != std::string_view::npos) {
        auto ex = text.substr(e_at + 1);
        const bool neg = !ex.empty() && ex.front() == '-';
        if (!ex.empty() && (ex.front() == '-' || ex.front() == '+')) ex.remove_prefix(1);
        for (char c : ex) exponent = std::min<long long>(exponent * 10 + (c - '0'), 1000000);
        if (neg) exponent = -exponent;
    }
    digits.erase(0, first);
    long long scale = exponent - static_cast<long long>(frac_part.size());
    while (scale < 0 && !digits.empty() && digits.back() == '0') {
        digits.pop_back();
        ++scale;
    }
    if (scale < 0) return r.kind = number_reading::fraction, r;
    if (static_cast<long long>(digits.size()) + scale > 16) return r.kind = number_reading::too_large, r;
    digits.append(static_cast<std::size_t>(scale), '0');
    r.value = std::stoll(digits);
    if (r.value > max_safe_integer) r.kind = number_reading::too_large;
    return r;
}

/// The same judgement for a number that has no text (a parsed value's double).
inline number_reading read_number(double d)
{
    number_reading r;
    r.notation = true;
    if (std::isnan(d)) return r; // JSON has no NaN: Boost.JSON's reading of a zero such as 0e+9999
    if (!std::isfinite(d) || d > static_cast<double>(max_safe_integer)) r.kind = number_reading::too_large;
    else if (d < 0) r.kind = number_reading::negative;
    else if (d != std::floor(d)) r.kind = number_reading::fraction;
    else r.value = static_cast<std::int64_t>(d);
    return r;
}

inline void decode_integer(decoder_base& d, std::int64_t& ref, slot& s, const event& e)
{
    auto bad = [&](const char* what) {
        s.state = slot_state::invalid;
        d.report(rule::schema_integer, e.offset, {}, [&] { return std::string(what) + ", got " + number_text(e); });
    };
    switch (e.kind) {
    case token::int64:
        if (e.i < 0) return bad("expected a non-negative integer");
        if (e.i > max_safe_integer) return bad("expected an integer at most 2^53-1");
        ref = e.i;
        s.state = slot_state::present;
        return;
    case token::uint64: // from text only beyond 2^63-1; from a parsed value, any unsigned number
        if (e.u > static_cast<std::uint64_t>(max_safe_integer)) return bad("expected an integer at most 2^53-1");
        ref = static_cast<std::int64_t>(e.u);
        s.state = slot_state::present;
        return;
    case token::number: {
        const auto v = e.text.empty() ? read_number(e.d) : read_number(e.text);
        if (v.kind == number_reading::negative) return bad("expected a non-negative integer");
        if (v.kind == number_reading::fraction) return bad("expected a whole number");
        if (v.kind == number_reading::too_large) return bad("expected an integer at most 2^53-1");
        ref = v.value;
        s.state = slot_state::present;
        if (v.notation)
            d.report(rule::schema_integer_notation, e.offset, {}, [&] {
                return "expected an integer written without fraction or exponent, got " + number_text(e) +
                       " (typed clients refuse to read it as an integer)";
            });
        return;
    }
    default: type_error<std::int64_t>(d, s, e);
    }
}

template <class E>
std::string enum_choices()
{
    std::string list;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto en) {
        if (!list.empty()) list += ", ";
        list += '"';
        list += en.name;
        list += '"';
    });
    return list;
}

/// Whether the `n` bytes at `a` and `b` are equal. Names of a description and of an enumeration
/// are short: a word or two loaded and compared costs less than a call to memcmp, and this runs
/// for every key and every enumeration value of the input.
BOOST_FORCEINLINE bool same_bytes(const char* a, const char* b, std::size_t n) noexcept
{
    const auto word = [](const char* p) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        return w;
    };
    const auto half = [](const char* p) {
        std::uint32_t w;
        std::memcpy(&w, p, 4);
        return w;
    };
    if (n >= 8) {
        for (std::size_t k = 0; k + 8 < n; k += 8)
            if (word(a + k) != word(b + k)) return false;
        return word(a + n - 8) == word(b + n - 8); // the last word may overlap the one before
    }
    if (n >= 4) return half(a) == half(b) && half(a + n - 4) == half(b + n - 4);
    for (std::size_t k = 0; k < n; ++k)
        if (a[k] != b[k]) return false;
    return true;
}

BOOST_FORCEINLINE bool same_text(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() && same_bytes(a.data(), b.data(), a.size());
}

/// The enumerators of `E` by name, from its description, chained by the length of their names:
/// the names of one enumeration mostly differ in length, so a value is mostly one comparison.
template <class E>
struct enum_names
{
    struct entry
    {
        std::string_view name;
        E value{};
    };
    using list = boost::describe::describe_enumerators<E>;
    static constexpr std::size_t size = boost::mp11::mp_size<list>::value;
    static constexpr std::size_t classes = 32;
    static_assert(size < 255, "an enumeration of fewer than 255 enumerators");

    static constexpr std::array<entry, size> table = [] {
        std::array<entry, size> t{};
        std::size_t i = 0;
        boost::mp11::mp_for_each<list>([&](auto en) { t[i++] = entry{en.name, en.value}; });
        return t;
    }();

    // For each length class, its first entry + 1 (0: none); for each entry, the next of its
    // class + 1.
    static constexpr auto chains = [] {
        std::array<std::uint8_t, classes> first{};
        std::array<std::uint8_t, size> next{};
        for (std::size_t i = size; i-- > 0;) {
            auto& head = first[table[i].name.size() % classes];
            next[i] = head;
            head = static_cast<std::uint8_t>(i + 1);
        }
        return std::pair{first, next};
    }();
};

template <class E>
BOOST_FORCEINLINE bool enum_from_name(std::string_view name, E& out) noexcept
{
    using names = enum_names<E>;
    for (auto i = names::chains.first[name.size() % names::classes]; i != 0; i = names::chains.second[i - 1u]) {
        const auto& en = names::table[i - 1u];
        if (same_text(en.name, name)) {
            out = en.value;
            return true;
        }
    }
    return false;
}

template <class Tag>
BOOST_FORCEINLINE void check_format(decoder_base& d, std::string_view text, std::size_t offset)
{
    if (!d.opts().enabled(Tag::invalid_rule) && !d.opts().enabled(Tag::non_canonical_rule)) return;
    auto verdict = Tag::check(text);
    if (verdict.outcome == format_check::ok) return;
    const rule r = verdict.outcome == format_check::invalid ? Tag::invalid_rule : Tag::non_canonical_rule;
    d.report(r, offset, {}, [&] { return std::move(verdict.reason); });
}

template <class T>
const frame_ops& object_ops();
template <class T>
const frame_ops& array_ops();
template <class T>
const frame_ops& stream_ops();

/// Empties an array or object member `ref` for its value `e`: whatever its kind (null, a wrong
/// type), a value replaces what an earlier occurrence of the member held, as the rules read the
/// last; a streamed array also drops its earlier elements' facts and findings.
template <class T>
void start_over(decoder_base& d, T& ref, shadow_t<T>& sh, const event& e)
{
    if constexpr (is_vector<T>::value) {
        ref.clear();
        if (auto* stream = d.stream<typename T::value_type>()) {
            stream->count = 0;
            stream->begin(stream->context);
        }
    } else {
        ref = T{};
    }
    sh = {};
    sh.begin = e.offset;
}

/// Decodes the value of event `e` into `ref` of type `T`, recording it in `s` and `sh`.
template <class T>
void decode_value(decoder_base& d, T& ref, slot& s, shadow_t<T>& sh, const event& e)
{
    s.offset = e.offset;
    s.state = slot_state::present;
    if constexpr (is_vector<T>::value || is_described_struct<T>::value) start_over(d, ref, sh, e);
    if constexpr (is_optional<T>::value) {
        using V = typename T::value_type;
        if (!ref) ref.emplace();
        decode_value<V>(d, *ref, s, sh, e);
        if (s.state == slot_state::invalid) ref.reset();
    } else if (e.kind == token::null) {
        type_error<T>(d, s, e);
    } else if constexpr (std::is_same_v<T, bool>) {
        if (e.kind == token::boolean) ref = e.b;
        else type_error<T>(d, s, e);
    } else if constexpr (std::is_same_v<T, std::int64_t>) {
        decode_integer(d, ref, s, e);
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (e.kind != token::string) type_error<T>(d, s, e);
        else if (d.keeps_values()) ref.assign(e.text.data(), e.text.size());
    } else if constexpr (std::is_enum_v<T>) {
        if (e.kind != token::string) return type_error<T>(d, s, e);
        if (!enum_from_name(e.text, ref)) {
            s.state = slot_state::invalid;
            d.report(rule::schema_enum, e.offset, {}, [&] {
                return "expected one of " + enum_choices<T>() + ", got \"" + std::string(e.text) + '"';
            });
        }
    } else if constexpr (is_vector<T>::value) {
        if (e.kind != token::array) return type_error<T>(d, s, e);
        using E = typename T::value_type;
        if (auto* stream = d.stream<E>()) d.push(&stream_ops<E>(), stream, nullptr, false);
        else d.push(&array_ops<E>(), &ref, &sh, false);
    } else if constexpr (is_described_struct<T>::value) {
        if (e.kind != token::object) return type_error<T>(d, s, e);
        d.push(&object_ops<T>(), &ref, &sh, true);
    } else if constexpr (std::is_same_v<T, boost::json::object>) {
        if (e.kind != token::object) return type_error<T>(d, s, e);
        if (d.keeps_values()) d.capture(&ref, e.offset);
        else d.skip(true);
    } else {
        static_assert(is_formatted<T>::value, "decode_value: a member type the decoder does not know");
        // A formatted string: keep the text whatever its format, report the format's rule.
        // Reading for validation, a text whole in the input is viewed there, not copied.
        if (e.kind != token::string) return type_error<T>(d, s, e);
        if (!d.keeps_values() && d.in_source(e.text)) {
            sh.text = e.text;
        } else {
            ref.text.assign(e.text.data(), e.text.size());
            sh.text = {};
        }
        check_format<typename T::tag>(d, e.text, e.offset);
    }
}

template <class T>
struct object_frame
{
    static constexpr std::size_t n = member_count<T>;
    static_assert(n <= 64, "a described struct of at most 64 members");

    static constexpr std::array<std::string_view, n> names = [] {
        std::array<std::string_view, n> t{};
        std::size_t i = 0;
        boost::mp11::mp_for_each<members_of<T>>([&](auto m) { t[i++] = m.name; });
        return t;
    }();

    // Member lookup by an open-addressing table keyed on a name's length and its first and last
    // characters: a key costs one comparison, rather than a scan of the description.
    static constexpr std::size_t table_size = 128;
    static_assert(2 * n <= table_size, "the lookup table stays at most half full");

    static constexpr std::size_t home(std::string_view key) noexcept
    {
        const auto first = static_cast<unsigned char>(key.front()), last = static_cast<unsigned char>(key.back());
        return (key.size() * 31 + first * 7 + last) & (table_size - 1);
    }

    static constexpr std::array<std::uint8_t, table_size> lookup = [] {
        std::array<std::uint8_t, table_size> t{}; // member index + 1; 0 is an empty place
        for (std::size_t i = 0; i < n; ++i) {
            auto h = home(names[i]);
            while (t[h] != 0) h = (h + 1) & (table_size - 1);
            t[h] = static_cast<std::uint8_t>(i + 1);
        }
        return t;
    }();

    /// The index of the member named `key`, or `frame::unknown`.
    static std::size_t member_named(std::string_view key) noexcept
    {
        if (key.empty()) return frame::unknown;
        for (auto h = home(key); lookup[h] != 0; h = (h + 1) & (table_size - 1)) {
            const std::size_t i = lookup[h] - 1u;
            if (same_text(names[i], key)) return i;
        }
        return frame::unknown;
    }

    // Producers write members in one order, mostly the description's: the member after the
    // previous one (the first after `unknown`) is tried first, and when it is the key and new,
    // the key costs one comparison and no call.
    static void on_key(decoder_base& d, frame& f, std::string_view key, std::size_t offset)
    {
        const std::size_t next = f.member + 1;
        if (next < n && same_text(names[next], key) && !(f.seen & (std::uint64_t{1} << next)))
            return enter(f, next);
        other_order(d, f, key, offset);
    }

    static void enter(frame& f, std::size_t i) noexcept
    {
        f.member = i;
        f.name = names[i];
        f.on_value = member_decoders[i];
        f.seen |= std::uint64_t{1} << i;
    }

    BOOST_NOINLINE static void other_order(decoder_base& d, frame& f, std::string_view key, std::size_t offset)
    {
        const auto i = member_named(key);
        if (i == frame::unknown) return other_key(d, f, key, offset);
        const bool repeated = (f.seen & (std::uint64_t{1} << i)) != 0;
        enter(f, i);
        if (repeated) repeated_member(d, key, offset);
    }

    // Out of line, as every finding's path: what the path of every key does not carry.
    BOOST_NOINLINE static void repeated_member(decoder_base& d, std::string_view key, std::size_t offset)
    {
        d.report(rule::json_duplicate_key, offset, {}, [&] {
            return "member \"" + std::string(key) + "\" appears twice in one object (which value a "
                   "consumer sees depends on its parser; this kit reads the last)";
        });
    }

    BOOST_NOINLINE static void other_key(decoder_base& d, frame& f, std::string_view key, std::size_t offset)
    {
        f.on_value = &on_value;
        if (!unknown_key(d, f, key, offset)) return; // a repeated unknown member: the duplicate says it
        d.report(rule::schema_unknown_field, offset, {}, [&] {
            return "member \"" + f.key + "\" is not in the contract";
        });
    }

    /// The value of a member the description does not name: read, not kept.
    static void on_value(decoder_base& d, frame&, const event& e)
    {
        if (e.kind == token::object || e.kind == token::array) d.skip(e.kind == token::object);
    }

    template <std::size_t I>
    static void decode_member(decoder_base& d, frame& f, const event& e)
    {
        using D = boost::mp11::mp_at_c<members_of<T>, I>;
        auto& sh = *static_cast<object_shadow<T>*>(f.shadow);
        decode_value(d, static_cast<T*>(f.value)->*D::pointer, sh.slots[I], std::get<I>(sh.children), e);
    }

    template <std::size_t... I>
    static constexpr auto decoders_of(std::index_sequence<I...>)
    {
        return std::array<void (*)(decoder_base&, frame&, const event&), n>{&decode_member<I>...};
    }

    /// The decoder of each member, by its index in the description.
    static constexpr auto member_decoders = decoders_of(std::make_index_sequence<n>{});

    static void on_end(decoder_base& d, frame& f)
    {
        const auto& sh = *static_cast<const object_shadow<T>*>(f.shadow);
        std::size_t i = 0;
        boost::mp11::mp_for_each<members_of<T>>([&](auto m) {
            using M = member_type_of<T, decltype(m)>;
            if (!is_optional<M>::value && sh.slots[i].state == slot_state::absent)
                d.add(rule::schema_required, sh.begin, d.current_pointer(d.depth() - 1, m.name),
                            "missing required member \"" + std::string(m.name) + "\" (" +
                                std::string(expected_name<M>()) + ")");
            ++i;
        });
        if (f.stream) static_cast<element_stream<T>*>(f.stream)->finish();
    }
};

template <class T>
struct array_frame
{
    // Room made at the first element. A response holds at most 25 items by default
    // (limits/total): growing from one would move them, and their shadows, five times.
    static constexpr std::size_t initial_capacity = 32;

    static void on_key(decoder_base&, frame&, std::string_view, std::size_t) {}

    static void on_value(decoder_base& d, frame& f, const event& e)
    {
        auto& value = *static_cast<std::vector<T>*>(f.value);
        auto& sh = *static_cast<array_shadow<T>*>(f.shadow);
        if (value.empty()) {
            value.reserve(initial_capacity);
            sh.elements.reserve(initial_capacity);
            sh.children.reserve(initial_capacity);
        }
        ++f.elements;
        value.emplace_back();
        sh.elements.emplace_back();
        sh.children.emplace_back();
        decode_value(d, value.back(), sh.elements.back(), sh.children.back(), e);
    }

    static void on_end(decoder_base&, frame&) {}
};

/// The elements of a streamed array: each decoded into the stream's one element, then handed on.
template <class T>
struct stream_frame
{
    static void on_key(decoder_base&, frame&, std::string_view, std::size_t) {}

    static void on_value(decoder_base& d, frame& f, const event& e)
    {
        auto& stream = *static_cast<element_stream<T>*>(f.value);
        ++f.elements;
        ++stream.count;
        stream.state = slot{e.offset, slot_state::present};
        if constexpr (is_described_struct<T>::value) {
            if (e.kind == token::object) {
                // Not `decode_value`, which would reset the element and free what its members hold.
                stream.shadow.restart(e.offset);
                d.push(&object_ops<T>(), &stream.element, &stream.shadow, true);
                d.top().stream = &stream;
                return;
            }
        }
        decode_value(d, stream.element, stream.state, stream.shadow, e);
        stream.finish();
    }

    static void on_end(decoder_base&, frame&) {}
};

template <class T>
const frame_ops& object_ops()
{
    static constexpr frame_ops ops{&object_frame<T>::on_key, &object_frame<T>::on_value, &object_frame<T>::on_end};
    return ops;
}

template <class T>
const frame_ops& array_ops()
{
    static constexpr frame_ops ops{&array_frame<T>::on_key, &array_frame<T>::on_value, &array_frame<T>::on_end};
    return ops;
}

template <class T>
const frame_ops& stream_ops()
{
    static constexpr frame_ops ops{&stream_frame<T>::on_key, &stream_frame<T>::on_value, &stream_frame<T>::on_end};
    return ops;
}

/** The basic_parser handler that decodes a `Root` from text, or from a parsed value replayed
    as events (then without positions). */
template <class Root>
class decoder : public decoder_base
{
public:
    using error_code = boost::system::error_code;
    using string_view = boost::json::string_view;

    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);

    /// `text` is the whole input (empty when replaying a value: positions are unknown); the
    /// parser reads it from byte `start` on (past a byte-order mark), so every offset the
    /// decoder records is an offset into `text`.
    decoder(Root& root, shadow_t<Root>& shadow, slot& root_slot, const options& opts,
            std::vector<diagnostic>& out, std::string_view text, std::size_t start = 0)
        : decoder_base(opts, out), root_(root), shadow_(shadow), root_slot_(root_slot), text_(text), cursor_(start)
    {
        source_ = text;
    }

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }

    bool on_object_begin(error_code&) { return value(event{token::object, token_start(1)}); }
    bool on_array_begin(error_code&) { return value(event{token::array, token_start(1)}); }
    bool on_object_end(std::size_t, error_code&) { return end(); }
    bool on_array_end(std::size_t, error_code&) { return end(); }

    bool on_string_part(string_view s, std::size_t, error_code&) { return part(s); }
    bool on_key_part(string_view s, std::size_t, error_code&) { return part(s); }

    bool on_string(string_view s, std::size_t, error_code&)
    {
        event e{token::string};
        e.text = whole_string(s, e.offset);
        return value(e);
    }

    bool on_key(string_view s, std::size_t, error_code&)
    {
        std::size_t at = unknown_position;
        const std::string_view key = whole_string(s, at);
        frame& f = top();
        f.ops->on_key(*this, f, key, at);
        return true;
    }

    bool on_number_part(string_view s, error_code&) { return part(s); }

    bool on_int64(std::int64_t i, string_view s, error_code&)
    {
        event e = number_event(token::int64, s);
        e.i = i;
        return value(e);
    }

    bool on_uint64(std::uint64_t u, string_view s, error_code&)
    {
        event e = number_event(token::uint64, s);
        e.u = u;
        return value(e);
    }

    bool on_double(double v, string_view s, error_code&)
    {
        event e = number_event(token::number, s);
        e.d = v;
        return value(e);
    }

    bool on_bool(bool b, error_code&)
    {
        event e{token::boolean, token_start(b ? 4 : 5)};
        e.b = b;
        return value(e);
    }

    bool on_null(error_code&) { return value(event{token::null, token_start(4)}); }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }

private:
    bool value(const event& e)
    {
        if (top_ == nullptr) {
            decode_value(*this, root_, root_slot_, shadow_, e);
        } else {
            frame& f = top();
            f.on_value(*this, f, e);
        }
        return true;
    }

    bool end()
    {
        token_start(1);
        frame& f = top();
        f.ops->on_end(*this, f);
        pop();
        return true;
    }

    // The start of the next token: past white space and the separators `,` and `:`. Then the
    // cursor moves `length` bytes on (a token whose length is known only later moves it itself).
    std::size_t token_start(std::size_t length)
    {
        if (text_.empty()) return unknown_position;
        std::size_t at = cursor_;
        while (at < text_.size() && between_tokens[static_cast<unsigned char>(text_[at])]) ++at;
        cursor_ = at + length;
        return at;
    }

    // What may stand between two tokens: white space and the separators `,` and `:`.
    static constexpr auto between_tokens = [] {
        std::array<bool, 256> t{};
        for (unsigned char c : {' ', '\t', '\n', '\r', ',', ':'}) t[c] = true;
        return t;
    }();

    bool part(string_view s)
    {
        if (!in_part_) {
            part_start_ = token_start(0);
            parts_.clear();
            in_part_ = true;
        }
        parts_.append(s.data(), s.size());
        return true;
    }

    // Where the number viewed by `s` begins. Given whole, the parser views `text_` itself, so the
    // offset is pointer arithmetic and the white space before the token is not walked (in
    // pretty-printed text, most of the cost of positions); otherwise, as any token.
    std::size_t number_start(string_view s)
    {
        if (in_part_) return part_start_;
        const auto at = reinterpret_cast<std::uintptr_t>(s.data()) - reinterpret_cast<std::uintptr_t>(text_.data());
        if (text_.empty() || s.data() == nullptr || at < cursor_ || at >= text_.size() || s.size() > text_.size() - at)
            return token_start(0);
        return cursor_ = at;
    }

    // The whole text of the string or key that `last` ends, and in `offset` where its opening
    // quote is; the cursor moves past its closing quote. Given whole, the parser views `text_`
    // itself (rel below is then the white space between the cursor and the quote); with escapes
    // or in parts it views its own buffer, and the source string is walked instead.
    std::string_view whole_string(string_view last, std::size_t& offset)
    {
        if (!in_part_) {
            const std::size_t room = text_.size() - cursor_; // 0 when replaying a value
            const std::size_t rel = reinterpret_cast<std::uintptr_t>(last.data()) -
                                    reinterpret_cast<std::uintptr_t>(text_.data()) - cursor_ - 1;
            if (rel < room && last.size() < room - rel - 1) {
                offset = cursor_ + rel;
                cursor_ = offset + last.size() + 2;
            } else {
                offset = token_start(0);
                skip_source_string();
            }
            return std::string_view(last.data(), last.size());
        }
        offset = part_start_;
        parts_.append(last.data(), last.size());
        in_part_ = false;
        skip_source_string();
        return parts_;
    }

    // Moves the cursor, at an opening quote, past the closing one.
    void skip_source_string()
    {
        if (text_.empty()) return;
        std::size_t at = cursor_ + 1;
        while (at < text_.size() && text_[at] != '"') at += text_[at] == '\\' ? 2 : 1;
        cursor_ = at + 1;
    }

    event number_event(token kind, string_view s)
    {
        event e{kind, number_start(s)};
        if (in_part_) {
            parts_.append(s.data(), s.size());
            e.text = parts_;
            in_part_ = false;
        } else {
            e.text = std::string_view(s.data(), s.size());
        }
        if (!text_.empty()) cursor_ = e.offset + e.text.size();
        return e;
    }

    Root& root_;
    shadow_t<Root>& shadow_;
    slot& root_slot_;
    std::string_view text_;
    std::size_t cursor_;
    std::string parts_;
    std::size_t part_start_ = 0;
    bool in_part_ = false;
};

} // namespace tented::contract::detail

#endif
