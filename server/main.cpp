// push-emulator: wiring only. Parse the configuration, build the state, listen, announce, serve
// until SIGINT or SIGTERM. Everything else lives in core/ and transport/.
#include "announce.hpp"
#include "config.hpp"
#include "core/model/state.hpp"
#include "coverage_report.hpp"
#include "transport/extra_listeners.hpp"

#include <csignal>
#include <cstdlib>
#include <iostream>

namespace {

using namespace push;
using namespace push::transport;

core::emulator_state make_state(emulator_config const& config) {
    core::emulator_state state;
    state.settings = config.settings;
    for (auto const& app : config.apps)
        state.upsert_app(app);
    return state;
}

/// The address as a URL host: IPv6 in brackets.
std::string url_host(net::ip::address const& address) {
    auto host = address.to_string();
    return address.is_v6() ? "[" + host + "]" : host;
}

} // namespace

int main(int argc, char* argv[]) {
    auto config = load_config({argv + 1, static_cast<std::size_t>(argc - 1)});
    if (!config) {
        std::cerr << "push-emulator: " << config.error().message << " (see --help)\n";
        return 2;
    }
    if (config->help || config->version) {
        std::cout << (config->help ? help_text() : "push-emulator " PUSH_EMULATOR_VERSION "\n");
        return 0;
    }
    auto state = make_state(*config);
    state.metrics.started_ms = wall_clock_ms();
    if (config->devices_file) {
        auto seeded = seed_devices_file(state, *config->devices_file, wall_clock_ms());
        if (!seeded) {
            std::cerr << "push-emulator: " << seeded.error().message << '\n';
            return 2;
        }
        for (auto const& warning : *seeded)
            std::cerr << "push-emulator: warning: " << warning << '\n';
    }
    logger log(config->log_level, std::cerr);
    session_context ctx{
        state,
        log,
        config->read_timeout,
        config->idle_timeout,
        connection_table{state.transport, fit_open_file_limit(config->max_connections, log)},
        wait_list{state.transport, config->max_waits}};

    net::io_context ioc(1);
    // Log lines of one turn of the loop go out in one write.
    log.defer_flush([&ioc](std::function<void()> flush) { net::post(ioc, std::move(flush)); });
    tcp::endpoint const endpoint(net::ip::make_address(config->listen), config->port);
    auto acceptor = open_acceptor(ioc, endpoint);
    if (!acceptor) {
        std::cerr << "push-emulator: cannot listen on " << config->listen << ':' << config->port
                  << ": " << acceptor.error().message() << '\n';
        return 1;
    }
    // Stop cleanly on SIGINT or SIGTERM (handled before anyone can learn the port); a reader of
    // --ready-fd that went away must not kill the server.
    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code, int) { ioc.stop(); });
    std::signal(SIGPIPE, SIG_IGN);
    // The backup host and HTTPS, when asked for: same state, same connections
    auto const& l = config->listeners;
    listener_failure failed;
    auto extra = extra_listeners::open(
        ioc, endpoint.address(),
        {l.backup_port, l.tls_port, l.backup_tls_port, {l.tls_cert, l.tls_key}, l.tls_cert_out},
        failed);
    if (!extra) {
        std::cerr << "push-emulator: " << failed.message << '\n';
        return failed.exit_code;
    }
    auto const bound = acceptor->local_endpoint();
    print_banner(std::cout, state, url_host(bound.address()), bound.port(),
                 extra->banner_lines(url_host(bound.address())));
    if (auto ready = announce_ready(*config, bound.port()); !ready) {
        std::cerr << "push-emulator: " << ready.error().message << '\n';
        return 1;
    }
    net::co_spawn(ioc, accept_loop(std::move(*acceptor), ctx), net::detached);
    extra->start(ioc, ctx);
    ioc.run();
    withdraw_port_file(*config);
    if (config->coverage_report) {
        if (auto written = write_coverage_report(state, *config->coverage_report); !written) {
            std::cerr << "push-emulator: " << written.error().message << '\n';
            return EXIT_FAILURE;
        }
    }
    return EXIT_SUCCESS;
}
