// sockspec/engineio/impl/server_state.ipp: non-template bodies of
// engineio/detail/server_state.hpp.
#pragma once

#include <sockspec/engineio/detail/server_state.hpp>

#include <boost/beast/core/detail/base64.hpp>

#include <array>
#include <random>

#if defined(__linux__)
#include <sys/random.h>
#endif

namespace sockspec::engineio::detail {

SOCKSPEC_DECL server_state::server_state(boost::asio::any_io_executor ex, server_options o)
    : executor(std::move(ex)),
      opts(std::move(o)),
      acceptor_strand(boost::asio::make_strand(executor)),
      acceptor(acceptor_strand) {
    if (opts.path.empty() || opts.path.back() != '/') opts.path += '/';
    if (opts.path.front() != '/') opts.path.insert(opts.path.begin(), '/');
}

SOCKSPEC_DECL bool server_state::serves(std::string_view path) const noexcept {
    std::string_view const prefix = opts.path;
    return path.starts_with(prefix) || path == prefix.substr(0, prefix.size() - 1);
}

SOCKSPEC_DECL std::shared_ptr<server_state> server_state::route(std::string_view path) {
    auto best = shared_from_this();
    std::size_t best_len = serves(path) ? opts.path.size() : 0;
    std::lock_guard lock(mutex);
    for (auto const& m : mounts) {
        if (m->serves(path) && m->opts.path.size() >= best_len) {
            best = m;
            best_len = m->opts.path.size();
        }
    }
    return best;
}

SOCKSPEC_DECL session_ptr server_state::find(std::string_view sid) const {
    std::lock_guard lock(mutex);
    auto const it = sessions.find(std::string(sid));
    return it == sessions.end() ? nullptr : it->second;
}

SOCKSPEC_DECL void server_state::add(session_ptr const& s) {
    std::lock_guard lock(mutex);
    sessions.emplace(s->id(), s);
}

SOCKSPEC_DECL void server_state::remove(std::string const& sid) {
    std::lock_guard lock(mutex);
    sessions.erase(sid);
}

SOCKSPEC_DECL std::string server_state::make_sid() {
    std::array<unsigned char, 16> bytes{};
    std::size_t got = 0;
#if defined(__linux__)
    // The kernel CSPRNG; getrandom() of at most 256 bytes never returns short once seeded.
    while (got < bytes.size()) {
        auto const n = ::getrandom(bytes.data() + got, bytes.size() - got, 0);
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
#endif
    if (got < bytes.size()) {
        // std::random_device is non-deterministic (the OS source) on the supported platforms.
        std::random_device rd;
        for (auto& b : bytes) b = static_cast<unsigned char>(rd());
    }
    namespace base64 = boost::beast::detail::base64;
    std::string out(base64::encoded_size(bytes.size()), '\0');
    out.resize(base64::encode(out.data(), bytes.data(), bytes.size()));
    // base64url without padding: safe in a query string without escaping.
    while (!out.empty() && out.back() == '=') out.pop_back();
    for (char& c : out) {
        if (c == '+') c = '-';
        if (c == '/') c = '_';
    }
    return out;
}

}  // namespace sockspec::engineio::detail
