// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_CORPUS_HPP
#define TENTED_CONTRACT_CORPUS_HPP

#include <tented/contract/replay.hpp>
#include <tented/contract/rules.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace tented::contract {

/** What a corpus case holds: one payload, or a poll sequence (a folder of snapshots, a JSON
    Lines log, a HAR capture). */
enum class case_kind { payload, sequence_folder, json_lines, har };

/** One case of a corpus, with what replaying it must raise.

    - `path`: the case file or folder; `name`: its path relative to the corpus root, with `/`.
    - `expected`: the exact set of rule ids (sorted, distinct) the case must raise: from
      `NAME.expect` beside it when present (one id a line, `#` comments), else from the layout:
      `.../invalid/<rule-id>/NAME` expects `{<rule-id>}`, anything else expects nothing.
    - `opts`: the options of `NAME.options.json` beside it (`max_bytes`, `max_items`,
      `max_depth`), else the defaults.
    Source: corpus/README.md.
*/
struct corpus_case
{
    std::filesystem::path path;
    std::string name;
    case_kind kind = case_kind::payload;
    std::vector<std::string> expected;
    options opts;
};

/// Thrown by `load_corpus` for a corpus it cannot read, and by `installed_corpus_dir` when the
/// build named no corpus folder: the message names the path or the macro, and why.
class corpus_error : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/** Every case under `root`, sorted by name. A payload case is a `*.json` file (not
    `*.options.json`); under a `sequences` folder, a folder holding `*.json` files is one
    sequence case; a `*.jsonl`/`*.ndjson` or `*.har` file is a sequence case anywhere. Only
    regular files (or links to them) are cases: a FIFO, socket or device is skipped, since
    reading one could block forever.

    Errors: throws `corpus_error` when `root` is not a readable folder or holds no case (a
    wrong path must not pass as an empty corpus), a `.expect` names an
    unknown rule id, or a `.options.json` is not an object of known non-negative integers (a
    `max_depth` at most `max_safe_depth`).
    Example (Catch2):
    @code
    auto c = GENERATE(from_range(tented::contract::load_corpus("corpus")));
    CHECK(tented::contract::replay_case(c).raised == c.expected);
    @endcode
*/
inline std::vector<corpus_case> load_corpus(const std::filesystem::path& root);

/** The kit's own corpus, as installed: `PREFIX/share/tented-contract/corpus`, a folder for
    `load_corpus` (the reference page's three examples are its `docs/` folder). In a build that
    adds the kit's sources instead (CMake `add_subdirectory`, a meson subproject), the sources'
    `corpus/` folder.

    A header-only library cannot find its own prefix, so the build names the folder, as the macro
    `TENTED_CONTRACT_CORPUS_DIR` (a string literal): the CMake target `tented::contract`, the
    pkg-config file `tented-contract.pc` (variable `corpusdir`) and the meson dependency
    `tented-contract` define it. No environment variable overrides it: a test replays the corpus
    its build was configured with, whatever shell runs it.

    Errors: throws `corpus_error` (a `std::runtime_error`) naming the macro when it is not
    defined (the headers used without the target, the pkg-config file or the meson dependency:
    define it yourself then), or when it names no folder (the kit installed without its corpus,
    or moved after the build).
    Example (Catch2):
    @code
    const auto c = GENERATE(from_range(tented::contract::load_corpus(tented::contract::installed_corpus_dir() / "docs")));
    CHECK(tented::contract::replay_case(c).raised == c.expected);
    @endcode
    Source: cmake/install.cmake, cmake/tented-contract.pc.in and meson.build install the corpus.
*/
inline std::filesystem::path installed_corpus_dir();

/** What replaying a case gave: the distinct rule ids raised (sorted) and every finding with its
    record. `matched()` when `raised` equals the case's `expected`. */
struct case_outcome
{
    std::vector<std::string> raised;
    std::vector<sourced_report> reports;
    std::vector<std::string> errors;

    bool matches(const corpus_case& c) const { return errors.empty() && raised == c.expected; }
};

/** Replays one case through the library: `validate` for a payload, `sequence_checker` for a
    sequence, grouped as `tented-contract replay` groups it. Errors: never throws on bad input;
    an unreadable file is in `errors`. */
inline case_outcome replay_case(const corpus_case& c);

} // namespace tented::contract

#include <tented/contract/detail/corpus.hpp>

#endif
