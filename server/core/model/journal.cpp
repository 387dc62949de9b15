#include "core/model/journal.hpp"

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
        if (e.id() == push_id)
            return &e;
    return nullptr;
}

} // namespace push::core
