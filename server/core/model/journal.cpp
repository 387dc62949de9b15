#include "core/model/journal.hpp"

#include "core/model/text.hpp"

namespace push::core {

request_meta meta_of(api_request const& req) {
    request_meta m;
    m.listener = req.origin.listener;
    m.remote_port = req.origin.remote_port;
    m.service = req.origin.host;
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

namespace {

/// Heap bytes of a string beyond the object itself (libstdc++ keeps 15 bytes inline).
std::size_t heap(std::string const& s) noexcept {
    constexpr std::size_t inline_capacity = 15;
    return s.capacity() > inline_capacity ? s.capacity() + 1 : 0;
}
std::size_t heap(std::optional<std::string> const& s) noexcept {
    return s ? heap(*s) : 0;
}
std::size_t heap(std::vector<std::string> const& v) noexcept {
    std::size_t n = v.capacity() * sizeof(std::string);
    for (auto const& s : v)
        n += heap(s);
    return n;
}
template <class... T> std::size_t heap_all(T const&... parts) noexcept {
    return (heap(parts) + ...);
}

std::size_t heap(notification const& n) noexcept {
    std::size_t bytes = heap_all(n.title, n.alert);
    if (auto const& i = n.ios)
        bytes += heap_all(i->title, i->alert, i->thread_id, i->apns_collapse_id, i->category,
                          i->rich_media_uri, i->interruption_level, i->extras);
    if (auto const& a = n.android) {
        bytes += heap_all(a->alert, a->extras);
        if (a->hw)
            bytes += heap_all(a->hw->channel_id, a->hw->importance, a->hw->image, a->hw->category);
        if (a->honor)
            bytes += heap_all(a->honor->importance, a->honor->image);
        if (a->mi)
            bytes += heap_all(a->mi->channel_id, a->mi->large_icon_uri);
        if (a->oppo)
            bytes += heap_all(a->oppo->channel_id, a->oppo->category);
        if (a->vivo)
            bytes += heap_all(a->vivo->classification, a->vivo->category);
        if (a->fcm)
            bytes += heap_all(a->fcm->channel_id, a->fcm->collapse_key, a->fcm->image_url);
    }
    if (auto const& h = n.harmony_os) {
        bytes += heap_all(h->alert, h->extras);
        if (h->ohos)
            bytes += heap_all(h->ohos->category, h->ohos->image);
    }
    return bytes;
}

std::size_t heap(recipients const& r) noexcept {
    std::size_t bytes = r.devices.capacity() * sizeof(reached_device) +
                        r.excluded.devices.capacity() * sizeof(excluded_device);
    for (auto const& d : r.devices)
        bytes += heap_all(d.device_id, d.user_id);
    for (auto const& d : r.excluded.devices)
        bytes += heap_all(d.device_id, d.user_id);
    return bytes;
}

std::size_t heap(request_meta const& m) noexcept {
    return heap_all(m.listener, m.host, m.user_agent, m.request_id);
}

std::size_t heap(accepted_push const& a) noexcept {
    auto const& p = a.push;
    return sizeof(accepted_push) + heap(a.id) + p.platforms.capacity() * sizeof(platform) +
           heap_all(p.audience.tag, p.audience.tag_or, p.audience.userid, p.audience.package_name) +
           heap(p.notification) + heap(a.reached);
}

} // namespace

std::size_t entry_bytes(journal_entry const& e) noexcept {
    return sizeof(journal_entry) + heap(e.body) +
           heap_all(e.refusal.message(), e.refusal.path(), e.refusal.rule()) + heap(e.meta) +
           heap(e.ignored_fields) + heap(e.lenient_only) + (e.accepted ? heap(*e.accepted) : 0);
}

void push_journal::append(journal_entry e, journal_limits limits) {
    e.bytes = entry_bytes(e);
    bytes_ += e.bytes;
    if (e.accepted)
        ++accepted_;
    entries_.push_back(std::move(e));
    while (!entries_.empty() && entries_.size() > limits.entries) {
        evict_oldest();
        ++evicted_by_count_;
    }
    while (!entries_.empty() && bytes_ > limits.bytes) {
        evict_oldest();
        ++evicted_by_bytes_;
    }
}

void push_journal::evict_oldest() {
    auto const& oldest = entries_.front();
    if (oldest.accepted)
        --accepted_;
    bytes_ -= oldest.bytes;
    entries_.pop_front();
}

void push_journal::clear() noexcept {
    entries_.clear();
    evicted_by_count_ = 0;
    evicted_by_bytes_ = 0;
    bytes_ = 0;
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
