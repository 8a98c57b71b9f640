// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_HPP
#define TENTED_CONTRACT_HPP

/// The umbrella header: everything but the testing integrations (`contract/testing/...`).
#include <tented/contract/capture.hpp>
#include <tented/contract/corpus.hpp>
#include <tented/contract/decode.hpp>
#include <tented/contract/diagnostic.hpp>
#include <tented/contract/encode.hpp>
#include <tented/contract/formats.hpp>
#include <tented/contract/import.hpp>
#include <tented/contract/live/poller.hpp>
#include <tented/contract/live/redact.hpp>
#include <tented/contract/locate.hpp>
#include <tented/contract/output.hpp>
#include <tented/contract/position.hpp>
#include <tented/contract/replay.hpp>
#include <tented/contract/rules.hpp>
#include <tented/contract/schema.hpp>
#include <tented/contract/sequence.hpp>
#include <tented/contract/shard.hpp>
#include <tented/contract/types.hpp>
#include <tented/contract/validate.hpp>
#include <tented/contract/version.hpp>

#endif
