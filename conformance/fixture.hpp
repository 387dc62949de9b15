// Conformance fixtures: one JSON file per case, fixtures/push/<area>/<nnn>-<slug>.json
// (format in docs/conformance.md). Loading validates every field; errors name the file and the
// JSON pointer of the offending value.
#pragma once

#include <boost/json.hpp>
#include <boost/system/result.hpp>

#include <cstdint>
#include <optional>
#include <ostream>
#include <regex>
#include <string>
#include <utility>
#include <vector>

namespace push::conformance {

namespace json = boost::json;

/// A fixture that cannot be used: which file, where in it (JSON pointer), and why.
struct load_error {
    load_error() = default;
    load_error(std::string f, std::string p, std::string m)
        : file(std::move(f)), pointer(std::move(p)), message(std::move(m)) {}
    std::string file;
    std::string pointer;
    std::string message;
    /// Further unusable fixtures found in the same load (load_fixtures reports them all).
    std::vector<load_error> more;
    /// "file: /pointer: message", the line printed for the user; one line per error in `more`.
    std::string describe() const;
};

template <class T> using load_result = boost::system::result<T, load_error>;

/// One named condition on a value, e.g. {"equals": 400} or {"regex": "^[0-9A-Za-z]{22}$"}.
struct matcher {
    enum class kind { equals, regex, type, absent, present, one_of, length };
    kind what = kind::present;
    json::value arg;        // the operand as written
    std::regex pattern;     // for regex
    std::string describe() const;
};

/// All matchers on one location: a JSON pointer into a body, or a header name.
struct field_check {
    std::string where;
    std::vector<matcher> matchers;
};

/// What one response must look like. `path` and `rule` are read from the emulator's journal.
struct expectation {
    std::optional<int> status;
    std::optional<int> code;
    std::vector<field_check> body;
    std::vector<field_check> headers;
    std::vector<field_check> journal; // emulator only
    std::optional<std::string> path;  // journal /path (emulator only)
    std::optional<std::string> rule;  // journal /rule (emulator only)
    std::vector<expectation> alternatives; // matching one of these is `non_strict`
};

/// How a request is signed: automatically with the target's (or case app's) credentials, not at
/// all, or with overrides of any part.
struct signing_spec {
    bool enabled = true;
    std::optional<std::string> app_key, nonce, timestamp, signature, secret;
    std::vector<std::string> omit; // header names (without prefix) not to send
    std::string prefix;            // "RC-" sends RC-App-Key etc.
    bool uppercase = false;        // upper-case hex, as the .NET SDK sends
    bool seconds = false;          // timestamp_unit "s", as every official SDK sends
    std::int64_t timestamp_offset_ms = 0;
    /// True unless the signature is deliberately broken (signing off, a signature, secret or
    /// app_key override, an omitted header). Conservative: an empty nonce, a stale timestamp or
    /// RC- headers still count as valid, since whether the service refuses them is unknown.
    bool is_valid() const noexcept;
};

struct request_spec {
    std::string method = "POST";
    std::string path;
    std::vector<std::pair<std::string, std::string>> headers;
    std::optional<std::string> body; // bytes to send (JSON serialized, raw or base64-decoded)
    signing_spec signing;
};

/// One step of a case: a signed request, an emulator control call, or a clock change.
struct step {
    enum class kind { request, control, clock };
    kind what = kind::request;
    request_spec request;          // request and control (control calls are never signed)
    std::string clock_op;          // advance | set | freeze | resume | reset
    json::value clock_arg;         // "1h" for advance, an integer ms for set
    std::optional<expectation> expect;
    bool spends_quota = false;     // a validly signed call to /push.json (or declared to spend)
};

struct fixture {
    std::string id;      // area/nnn
    std::string area;
    std::string file;
    std::vector<std::string> rules;
    std::string description;
    bool emulator_only = false;
    bool strict = false;
    /// `"spends_quota": true`: every request step counts, even those the automatic rule (a validly
    /// signed call to /push.json) does not see.
    bool declared_cost = false;
    bool requires_admin_token = false; // only meaningful against an emulator run with a token
    bool has_app = false;
    json::object app;                  // app settings for the fresh per-case app (emulator)
    std::vector<request_spec> setup;   // emulator control calls, before the steps
    std::vector<step> steps;
    /// Number of steps that spend real quota.
    int quota_cost() const noexcept;
};

/// For test messages and logs: a load error as describe() gives it, a fixture as "id (file)".
std::ostream& operator<<(std::ostream& os, load_error const& e);
std::ostream& operator<<(std::ostream& os, fixture const& f);

/// Parses one fixture document; `file` is used in errors and stored in the fixture.
load_result<fixture> parse_fixture(json::value const& doc, std::string const& file);
/// Reads and parses one file.
load_result<fixture> load_fixture(std::string const& file);
/// Loads every *.json under `dir`, sorted by id; ids must be unique, each file must be named
/// `<area>/<nnn>-<slug>.json` after its id, and when `<dir>/../requirements.md` exists every rule
/// must be an ID of that catalogue. The error lists every unusable fixture (`load_error::more`).
load_result<std::vector<fixture>> load_fixtures(std::string const& dir);
/// The rule IDs of a requirements catalogue (first cell of each table row shaped like an ID).
std::vector<std::string> catalogue_rule_ids(std::string const& markdown);
/// Parses a duration: an integer of ms or "90s", "1h", "31d", "1h30m", "-301s".
std::optional<std::int64_t> parse_duration_ms(json::value const& v);

} // namespace push::conformance

namespace push::conformance {
[[noreturn]] void throw_exception_from_error(load_error const& e,
                                             boost::source_location const& loc);
}
