// Recordings of the real service: per case and request, what the service answered (status, the
// headers that matter, body), with the request as the fixture wrote it, so that it can be signed
// again with other credentials. Secrets never enter a recording. Format in docs/recordings.md.
#pragma once

#include "conformance/fixture/fixture.hpp"
#include "conformance/run/case_result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace push::conformance {

/// One request of a case and the answer it got.
struct recorded_exchange {
    json::object request; // as a fixture writes it: path, headers, body, signing (no secret)
    int status = 0;
    header_list headers;             // only the headers that matter (header_matters)
    std::optional<json::value> body; // the body when it is JSON
    std::string raw_body;            // the body as received
};

/// One case of a recording.
struct recorded_case {
    std::string id;
    std::vector<std::string> rules;
    std::string description;
    std::string fixture; // the fixture file it came from
    std::string profile; // the fixture's, for a replay on the emulator
    json::object app;    // the fixture's app settings, for a replay on the emulator
    std::vector<recorded_exchange> exchanges;
    std::string file; // where it was read from (empty when not read)
};

/// A recording: where and when it was made, and its cases.
struct recording {
    std::string target;      // the base URL that answered
    std::string recorded_at; // UTC, ISO 8601
    std::string made_by;     // "push-conformance --live --record", or how it was made by hand
    std::vector<recorded_case> cases;
};

/// The values a recording must never contain: the app secret and key, the signatures sent.
struct secrets {
    std::vector<std::string> values;
    /// `text` with every secret value replaced by "<redacted>".
    std::string scrub(std::string text) const;
    /// `v` with every string scrubbed (object keys included).
    json::value scrub(json::value const& v) const;
};

/// The recorded case of `f` run to `r`: nullopt unless every request step was answered. `keep`
/// lists the secrets to scrub (the case's sent signatures are added).
std::optional<recorded_case> record_case(fixture const& f, case_result const& r,
                                         secrets const& keep);

/// Writes `rec` to `dir`: recording.json and cases/<area>-<nnn>.json (stale case files are
/// removed first).
result<> write_recording(std::string const& dir, recording const& rec);

/// Reads the recording in `dir`; problems name the file and the JSON pointer.
result<recording> read_recording(std::string const& dir);

} // namespace push::conformance
