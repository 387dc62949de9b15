#include "core/journal.hpp"

namespace push::core {

void push_journal::append(journal_entry e, std::size_t capacity) {
    if (e.accepted)
        ++accepted_;
    entries_.push_back(std::move(e));
    while (entries_.size() > capacity) {
        if (entries_.front().accepted)
            --accepted_;
        entries_.pop_front();
        ++evicted_;
    }
}

void push_journal::clear() noexcept {
    entries_.clear();
    evicted_ = 0;
    accepted_ = 0;
}

journal_entry const* push_journal::find(std::string_view push_id) const noexcept {
    if (push_id.empty())
        return nullptr;
    for (auto const& e : entries_)
        if (e.id == push_id)
            return &e;
    return nullptr;
}

namespace {

/// Length of the valid UTF-8 sequence at the start of `s`, or 0 when it is not one.
std::size_t utf8_sequence(std::string_view s) noexcept {
    auto const b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    auto const cont = [&](std::size_t i) { return i < s.size() && (b(i) & 0xC0) == 0x80; };
    unsigned char const c = b(0);
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2) || (c == 0xE0 && b(1) < 0xA0) || (c == 0xED && b(1) > 0x9F))
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3) || (c == 0xF0 && b(1) < 0x90) ||
            (c == 0xF4 && b(1) > 0x8F))
            return 0;
        return 4;
    }
    return 0;
}

} // namespace

std::string to_valid_utf8(std::string_view bytes, bool& replaced) {
    std::string out;
    out.reserve(bytes.size());
    replaced = false;
    while (!bytes.empty()) {
        auto const n = utf8_sequence(bytes);
        if (n == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
            replaced = true;
            bytes.remove_prefix(1);
            continue;
        }
        out.append(bytes.substr(0, n));
        bytes.remove_prefix(n);
    }
    return out;
}

json::value request_as_received(std::string const& body) {
    boost::system::error_code ec;
    json::parse_options opts;
    opts.max_depth = max_json_depth;
    json::value v = json::parse(body, ec, {}, opts);
    if (!ec)
        return v;
    // A body that is not JSON is kept as text; bytes that are not UTF-8 become U+FFFD so that
    // the journal itself stays valid JSON.
    bool replaced = false;
    json::object raw{{"raw", to_valid_utf8(body, replaced)}};
    if (replaced)
        raw["invalid_utf8"] = true;
    return raw;
}

} // namespace push::core
