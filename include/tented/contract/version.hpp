// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_VERSION_HPP
#define TENTED_CONTRACT_VERSION_HPP

/// The kit's version, defined here once; CMakeLists.txt and meson.build read it from this line,
/// and a test checks that `tented-contract --version` prints the same string.
#define TENTED_CONTRACT_VERSION_STRING "0.1.0"

namespace tented::contract {

/** The kit's semantic version, as `MAJOR.MINOR.PATCH`.

    Source: the single definition above; the build systems and the CLI repeat it.
*/
inline constexpr const char* version = TENTED_CONTRACT_VERSION_STRING;

} // namespace tented::contract

#endif
