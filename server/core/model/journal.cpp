#include "core/model/journal.hpp"

#include "core/model/text.hpp"

namespace push::core {

request_meta meta_of(api_request const& req) {
    request_meta m;
    m.listener = req.origin.listener;
    m.remote_port = req.origin.remote_port;
    // One pass; the first header of each name counts, as find_header would answer.
    for (auto const& h : req.headers) {
        std::string* slot = nullptr;
        if (h.name.size() == 4 && iequals(h.name, "Host"))
            slot = &m.host;
        else if (h.name.size() == 10 && iequals(h.name, "User-Agent"))
            slot = &m.user_agent;
        else if (h.name.size() == 12 && iequals(h.name, "X-Request-ID"))
            slot = &m.request_id;
        if (slot && slot->empty())
            *slot = h.value;
    }
    return m;
}

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
        if (e.id() == push_id)
            return &e;
    return nullptr;
}

} // namespace push::core
