// sockspec/engineio/detail/client_url.hpp: the server URL of an Engine.IO client and the
// request targets made from it (private).
#pragma once

#include <sockspec/engineio/session.hpp>

#include <boost/system/errc.hpp>
#include <boost/system/result.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sockspec::engineio::detail {

/// Where a client connects: from `http://`, `https://`, `ws://` or `wss://` URLs.
struct client_url {
    /// TLS (https, wss).
    bool secure = false;
    /// The host to resolve: a name or an IP address (IPv6 without brackets).
    std::string host;
    /// True when `host` is an IP address (no SNI then).
    bool host_is_ip = false;
    /// The port (the scheme's default when the URL has none).
    std::string port;
    /// The Host header: the URL's host and port as written.
    std::string host_header;
};

/// Parses `url`; an unknown scheme or a missing host is `invalid_argument`.
inline boost::system::result<client_url> parse_client_url(std::string_view url) {
    auto const r = boost::urls::parse_uri(url);
    if (!r) return r.error();
    client_url u;
    auto const scheme = r->scheme();
    if (scheme == "http" || scheme == "ws") {
        u.secure = false;
    } else if (scheme == "https" || scheme == "wss") {
        u.secure = true;
    } else {
        return boost::system::errc::make_error_code(boost::system::errc::invalid_argument);
    }
    if (!r->has_authority() || r->host_address().empty())
        return boost::system::errc::make_error_code(boost::system::errc::invalid_argument);
    u.host = r->host_address();
    u.host_is_ip = r->host_type() == boost::urls::host_type::ipv4 ||
                   r->host_type() == boost::urls::host_type::ipv6;
    u.port = r->has_port() && !r->port().empty() ? std::string(r->port())
                                                 : std::string(u.secure ? "443" : "80");
    u.host_header = std::string(r->encoded_host_and_port());
    return u;
}

/// The request target `<path>?EIO=4&transport=<t>[&sid=<sid>][&<query>...]`.
inline std::string client_target(std::string_view path, transport_type t, std::string_view sid,
                                 std::vector<std::pair<std::string, std::string>> const& query) {
    boost::urls::url u;
    u.set_path(path);
    auto params = u.params();
    params.append({"EIO", "4"});
    params.append({"transport", to_string(t)});
    if (!sid.empty()) params.append({"sid", sid});
    for (auto const& [k, v] : query) params.append({k, v});
    return std::string(u.encoded_target());
}

}  // namespace sockspec::engineio::detail
