#include "conformance/cli/options.hpp"

#include "conformance/target/endpoint.hpp"

#include <cerrno>
#include <climits>
#include <cstdlib>

namespace push::conformance {

char const* const cli_usage =
    "usage: push-conformance [options] [PREFIX...]\n"
    "  PREFIX                 runs the cases whose id starts with PREFIX: 'audience' a group,\n"
    "                         'audience/00' audience/001..009, 'audience/004' one case\n"
    "  --target URL           the emulator (default http://127.0.0.1:8080), or with --live\n"
    "                         the real endpoint (http or https)\n"
    "  --fixtures DIR         fixture directory (default fixtures/push, else the installed\n"
    "                         suite, share/push-emulator/fixtures/push)\n"
    "  --list                 list the selected cases (id, description, rules, flags)\n"
    "  --dry-run              show which cases would run or be skipped, and why; send nothing\n"
    "  --strict               also run strict (SHOULD-level / strict-profile) cases\n"
    "  --admin-token T        X-Emulator-Token for the emulator's control API\n"
    "  --live                 real endpoint: emulator-only cases are skipped and quota is\n"
    "                         spent only within --live-quota-budget\n"
    "  --app-key K, --app-secret S   credentials (else PUSH_APP_KEY / PUSH_APP_SECRET)\n"
    "  --live-quota-budget N  quota-spending calls allowed in this run (default 0)\n"
    "  --ledger FILE          live quota ledger (default .push-conformance-ledger.json)\n"
    "  --drift URL            also run against URL and report differences\n"
    "  --report DIR           write index.json, one file per case, junit.xml (and drift.json)\n"
    "  --record DIR           with --live: store every answer of the real service in DIR\n"
    "                         (secrets scrubbed, requests re-signable)\n"
    "  --replay DIR           send the requests recorded in DIR to --target and report where\n"
    "                         its answers differ from the recorded ones (offline on the\n"
    "                         emulator: no quota, no credentials)\n"
    "  --timeout MS           per-request timeout, at least 1 (default 10000)\n"
    "  --cacert FILE          also trust the PEM certificates in FILE for https:// targets\n"
    "                         (the emulator's --tls-cert-out)\n"
    "  --version              print the version and exit\n"
    "  Valued options also take the form --option=VALUE.\n";

namespace {

// A non-negative int, read as std::stoi reads it (leading blanks and a sign allowed) but to the
// end of `s`; the caller words the problem.
result<int> to_int(std::string const& s) {
    errno = 0;
    char* end = nullptr;
    long v = std::strtol(s.c_str(), &end, 10);
    bool whole = end != s.c_str() && static_cast<std::size_t>(end - s.c_str()) == s.size();
    if (!whole || errno == ERANGE || v < 0 || v > INT_MAX)
        return fail("not a non-negative int");
    return static_cast<int>(v);
}

bool takes_value(std::string const& name) {
    static constexpr char const* valued[] = {
        "--target",       "--fixtures",    "--app-key",
        "--app-secret",   "--admin-token", "--drift",
        "--drift-target", "--report",      "--live-quota-budget",
        "--ledger",       "--timeout",     "--record",
        "--replay",       "--cacert"};
    for (auto const* v : valued)
        if (name == v)
            return true;
    return false;
}

// Sets the flag `name` (true) when it is a switch; false when it is not one.
bool set_switch(cli& c, std::string const& name) {
    if (name == "--list")
        c.list = true;
    else if (name == "--dry-run")
        c.dry_run = true;
    else if (name == "--strict")
        c.strict = true;
    else if (name == "--live")
        c.live = true;
    else
        return false;
    return true;
}

// A URL-valued option: `url` must be an http:// or https:// URL with a host and port.
result<std::string> checked_url(std::string const& name, std::string const& url) {
    if (auto e = parse_endpoint(url); !e)
        return fail(name + ": " + e.error().message + " (got '" + url + "')");
    return url;
}

// A valued option (`takes_value(name)`).
result<> set_option(cli& c, std::string const& name, std::string const& v) {
    if (name == "--target" || name == "--drift" || name == "--drift-target") {
        auto url = checked_url(name, v);
        if (!url)
            return url.error();
        if (name == "--target")
            c.target = *url;
        else
            c.drift = *url;
    } else if (name == "--live-quota-budget") {
        auto n = to_int(v);
        if (!n)
            return fail(name + " needs a non-negative integer (got '" + v + "')");
        c.budget = *n;
    } else if (name == "--timeout") {
        auto n = to_int(v);
        if (!n || *n < 1)
            return fail(name + " needs a whole number of milliseconds, at least 1 (got '" + v +
                        "')");
        c.timeout_ms = *n;
    } else if (name == "--fixtures")
        c.fixtures = v;
    else if (name == "--app-key")
        c.app_key = v;
    else if (name == "--app-secret")
        c.app_secret = v;
    else if (name == "--admin-token")
        c.admin_token = v;
    else if (name == "--report")
        c.report = v;
    else if (name == "--record")
        c.record = v;
    else if (name == "--replay")
        c.replay = v;
    else if (name == "--cacert")
        c.cacert = v;
    else
        c.ledger = v; // --ledger
    return {};
}

// One option at args[i] (--name, --name value or --name=value); advances `i` past its value.
result<> read_option(cli& c, std::vector<std::string> const& args, std::size_t& i) {
    auto const& a = args[i];
    auto eq = a.rfind("--", 0) == 0 ? a.find('=') : std::string::npos;
    std::string name = a.substr(0, eq);
    std::optional<std::string> value;
    if (eq != std::string::npos)
        value = a.substr(eq + 1);
    if (set_switch(c, name)) {
        if (value)
            return fail(name + " takes no value");
        return {};
    }
    if (!takes_value(name))
        return fail("unknown option " + name);
    if (!value && (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0))
        return fail(name + " needs a value");
    return set_option(c, name, value ? *value : args[++i]);
}

// --record needs the real service; --replay is a run of its own.
result<> check_combinations(cli const& c) {
    if (c.record && !c.live)
        return fail("--record stores the real service's answers: it needs --live");
    if (c.replay && (c.record || c.drift || c.list || c.dry_run))
        return fail("--replay cannot be combined with --record, --drift, --list or --dry-run");
    return {};
}

} // namespace

result<cli_parse> parse_cli(std::vector<std::string> const& args) {
    cli_parse out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        auto const& a = args[i];
        if (a == "--help" || a == "-h") {
            out.help = true;
            return out;
        }
        if (a == "--version") {
            out.version = true;
            return out;
        }
        if (a.empty() || a.front() != '-') {
            out.options.prefixes.push_back(a);
            continue;
        }
        if (auto r = read_option(out.options, args, i); !r)
            return r.error();
    }
    if (auto r = check_combinations(out.options); !r)
        return r.error();
    return out;
}

std::string version_line() {
    return std::string("push-conformance ") + PUSH_EMULATOR_VERSION;
}

} // namespace push::conformance
