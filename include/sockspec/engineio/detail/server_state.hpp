// sockspec/engineio/detail/server_state.hpp: state shared by a server, its sessions and its
// HTTP connections (private). Kept alive by every pending operation, so a server object may be
// destroyed while they finish.
#pragma once

#include <sockspec/detail/config.hpp>
#include <sockspec/engineio/options.hpp>
#include <sockspec/engineio/session.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sockspec::engineio {

/// An HTTP request the Engine.IO endpoint does not handle (another path).
using http_request = boost::beast::http::request<boost::beast::http::string_body>;
/// The answer to an `http_request`.
using http_response = boost::beast::http::response<boost::beast::http::string_body>;
/// Handles a request for another path; calls `respond` exactly once, from any thread.
using http_handler =
    std::function<void(http_request req, std::function<void(http_response)> respond)>;
/// Receives each new session, on the session's strand, before any of its messages.
using connection_handler = std::function<void(session_ptr)>;

namespace detail {

/// What the server needs of an HTTP connection, whatever its stream.
class connection_base {
public:
    virtual ~connection_base() = default;
    /// Server shutdown: close once the current response is written.
    virtual void shutdown() = 0;
};

struct server_state : std::enable_shared_from_this<server_state> {
    SOCKSPEC_DECL server_state(boost::asio::any_io_executor ex, server_options o);

    boost::asio::any_io_executor executor;
    server_options opts;
    boost::asio::strand<boost::asio::any_io_executor> acceptor_strand;
    boost::asio::ip::tcp::acceptor acceptor;
    connection_handler on_connection;
    http_handler on_http;
    std::function<bool(request_info const&)> allow_request;
    std::atomic<bool> closing{false};
    std::atomic<std::uint64_t> next_id{1};

    mutable std::mutex mutex;
    std::unordered_map<std::string, session_ptr> sessions;
    std::unordered_map<std::uint64_t, std::weak_ptr<connection_base>> connections;
    /// Wraps an accepted socket (e.g. in TLS) and launches its connection; null: plain HTTP.
    std::function<void(std::shared_ptr<server_state> const&, boost::asio::ip::tcp::socket)>
        make_connection;
    /// The endpoints served on this one's listener (`server::mount`), guarded by `mutex`.
    std::vector<std::shared_ptr<server_state>> mounts;

    /// Whether `path` (a request's path) is under this endpoint's `opts.path`.
    SOCKSPEC_DECL bool serves(std::string_view path) const noexcept;
    /// The endpoint of a request for `path` on this listener: among this one and the mounted
    /// ones, the one whose path is the longest prefix of `path` (a later mount wins a tie);
    /// this one when none matches (its `on_http` handler answers).
    SOCKSPEC_DECL std::shared_ptr<server_state> route(std::string_view path);

    /// The open session `sid`, or null.
    SOCKSPEC_DECL session_ptr find(std::string_view sid) const;
    /// Registers a new session.
    SOCKSPEC_DECL void add(session_ptr const& s);
    /// Forgets a closed session.
    SOCKSPEC_DECL void remove(std::string const& sid);
    /// A new unguessable session id: 16 bytes from the OS CSPRNG, base64url (22 characters).
    SOCKSPEC_DECL static std::string make_sid();
};

}  // namespace detail
}  // namespace sockspec::engineio

#ifdef SOCKSPEC_HEADER_ONLY
#include <sockspec/engineio/impl/server_state.ipp>
#include <sockspec/engineio/impl/session.ipp>
#endif
