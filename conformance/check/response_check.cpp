#include "conformance/check/response_check.hpp"

#include "conformance/check/match.hpp"
#include "conformance/text/json_pointer.hpp"

namespace push::conformance {

std::optional<json::value> json_body(std::string const& text) {
    boost::system::error_code ec;
    auto body = json::parse(text, ec);
    if (ec)
        return std::nullopt;
    return body;
}

observed observe(incoming_response const& r) {
    observed o;
    o.status = r.status;
    o.headers = r.headers;
    o.raw_body = r.body;
    o.body = json_body(o.raw_body);
    return o;
}

namespace {

void run_checks(std::vector<field_check> const& checks, json::value const* doc,
                std::string const& label, std::vector<check_failure>& out) {
    for (auto const& c : checks) {
        json::value const* v = doc ? at_pointer(*doc, c.where) : nullptr;
        for (auto const& m : c.matchers)
            if (auto r = match(m, v); !r)
                out.push_back({label + " " + c.where, describe(m), r.error().message});
    }
}

void check_code(expectation const& e, observed const& o, std::vector<check_failure>& out) {
    if (!e.code)
        return;
    json::value const* code = o.body ? at_pointer(*o.body, "/code") : nullptr;
    if (code && code->is_number() && same_json(*code, json::value(*e.code)))
        return;
    out.push_back({"code", std::to_string(*e.code),
                   code     ? brief(*code)
                   : o.body ? "(no numeric code)"
                            : "(body is not JSON: " + o.raw_body.substr(0, 80) + ")"});
}

// True for the emulator's own headers (X-Emulator-*), which the real service never sends [D-7].
bool is_emulator_header(std::string_view name) {
    constexpr std::string_view prefix = "x-emulator-";
    return name.size() >= prefix.size() && same_name(name.substr(0, prefix.size()), prefix);
}

void check_headers(expectation const& e, observed const& o, std::vector<check_failure>& out) {
    for (auto const& c : e.headers) {
        if (is_emulator_header(c.where) && !o.from_emulator)
            continue;
        std::optional<json::value> v;
        if (auto const* found = find_header(o.headers, c.where))
            v = json::value(*found);
        for (auto const& m : c.matchers)
            if (auto r = match(m, v ? &*v : nullptr); !r)
                out.push_back({"header " + c.where, describe(m), r.error().message});
    }
}

// The journal entry's checks, path and rule; an unreadable entry fails them as one.
void check_journal(expectation const& e, observed const& o, std::vector<check_failure>& out) {
    if (!o.journal_error.empty() && (!e.journal.empty() || e.path || e.rule)) {
        out.push_back({"journal", "a readable entry", o.journal_error});
        return;
    }
    run_checks(e.journal, &*o.journal, "journal", out);
    for (auto [field, want] : {std::pair{"/path", &e.path}, std::pair{"/rule", &e.rule}}) {
        if (!*want)
            continue;
        auto const* v = at_pointer(*o.journal, field);
        if (!v || !v->is_string() || v->get_string() != **want)
            out.push_back({std::string("journal ") + field, "\"" + **want + "\"",
                           v ? brief(*v) : "(absent)"});
    }
}

} // namespace

std::vector<check_failure> check_expectation(expectation const& e, observed const& o) {
    std::vector<check_failure> out;
    if (e.min_ms && o.duration_ms < *e.min_ms)
        out.push_back({"duration", "at least " + std::to_string(*e.min_ms) + " ms",
                       std::to_string(o.duration_ms) + " ms"});
    if (e.connection || !o.ended.empty()) {
        auto const seen = o.ended.empty() ? "an answer, status " + std::to_string(o.status)
                                          : "connection " + o.ended;
        auto const want = e.connection ? "connection " + *e.connection : "an answer";
        if (seen != want)
            out.push_back({"connection", want, seen});
        if (!o.ended.empty())
            return out; // nothing else to check without an answer
    }
    if (!e.body_text.empty()) {
        json::value const text(o.raw_body);
        for (auto const& m : e.body_text)
            if (auto r = match(m, &text); !r)
                out.push_back({"body text", describe(m), r.error().message});
    }
    if (e.status && *e.status != o.status)
        out.push_back({"status", std::to_string(*e.status), std::to_string(o.status)});
    check_code(e, o, out);
    run_checks(e.body, o.body ? &*o.body : nullptr, "body", out);
    check_headers(e, o, out);
    if (o.journal)
        check_journal(e, o, out);
    return out;
}

} // namespace push::conformance
