#include "transport/connections.hpp"

namespace push::transport {

connection_table::slot::slot(connection_table& table, std::function<void()> close) : table_(table) {
    rec_.close = std::move(close);
    ++table_.stats_.connections;
}

connection_table::slot::~slot() {
    busy();
    if (!rec_.closed)
        --table_.stats_.connections;
}

void connection_table::slot::idle() {
    if (rec_.idle || rec_.closed)
        return;
    rec_.idle = true;
    rec_.idle_pos = table_.idle_.insert(table_.idle_.end(), &rec_);
    table_.count_idle();
}

void connection_table::slot::busy() {
    if (!rec_.idle)
        return;
    rec_.idle = false;
    table_.idle_.erase(rec_.idle_pos);
    table_.count_idle();
}

bool connection_table::close_oldest_idle() {
    if (idle_.empty())
        return false;
    record* oldest = idle_.front();
    idle_.pop_front();
    oldest->idle = false;
    oldest->closed = true;
    --stats_.connections;
    count_idle();
    // Closing the socket ends the session's pending read; its coroutine then finishes.
    oldest->close();
    return true;
}

} // namespace push::transport
