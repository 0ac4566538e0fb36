// sockspec/engineio/detail/client_tls.hpp: HTTPS and WSS connections of the Engine.IO client
// (private; Boost.Asio SSL, OpenSSL).
//
// Kept out of impl/client.ipp so that <sockspec/src.hpp> compiles no OpenSSL call and programs
// that do not use the client link without OpenSSL. client.hpp includes this header: each
// translation unit that includes client.hpp installs the TLS maker (`client_tls_hook`) during
// static initialization, so every program that makes a client can make https/wss connections.
// (The translation unit of <sockspec/src.hpp> is the exception: it includes client.hpp with
// SOCKSPEC_DETAIL_CLIENT_NO_TLS defined.)
#pragma once

#include <sockspec/engineio/detail/client_conn.hpp>

#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream_base.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/system/errc.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <memory>
#include <string>
#include <utility>

namespace sockspec::engineio::detail {

/// The Tls policy of a TLS connection: SNI, host name verification, the client handshake.
struct client_tls {
    std::shared_ptr<boost::asio::ssl::context> ctx;
    std::string name;
    bool sni = false;

    template <class WebSocket, class Handler>
    void connect(WebSocket& ws, Handler&& h) const {
        auto& ssl = ws.next_layer();
        // SNI carries a host name, never an IP literal (RFC 6066, section 3).
        if (sni && ::SSL_set_tlsext_host_name(ssl.native_handle(), name.c_str()) != 1) {
            boost::beast::error_code ec(static_cast<int>(::ERR_get_error()),
                                        boost::asio::error::get_ssl_category());
            boost::asio::post(ws.get_executor(),
                              [h = std::forward<Handler>(h), ec]() mutable { h(ec); });
            return;
        }
        // The certificate must name the URL's host (or tls.server_name): DNS or IP SAN.
        ssl.set_verify_callback(boost::asio::ssl::host_name_verification(name));
        ssl.async_handshake(boost::asio::ssl::stream_base::client, std::forward<Handler>(h));
    }

    bool is_truncation(boost::system::error_code const& ec) const {
        return ec == boost::asio::ssl::error::stream_truncated;
    }
};

/// A TLS connection.
using tls_client_conn =
    basic_client_conn<boost::beast::ssl_stream<boost::beast::tcp_stream>, client_tls>;

/// Makes the TLS connections of one client, sharing its SSL context.
class tls_conn_factory final : public client_conn_factory {
public:
    explicit tls_conn_factory(client_tls tls) : tls_(std::move(tls)) {}

    std::shared_ptr<client_conn> make(boost::asio::any_io_executor ex) override {
        auto& ctx = *tls_.ctx;
        return std::make_shared<tls_client_conn>(tls_, std::move(ex), ctx);
    }

private:
    client_tls tls_;
};

/// The client_tls_maker: an SSL context from the client's TLS options.
inline std::shared_ptr<client_conn_factory> make_tls_conn_factory(client_tls_options const& t,
                                                                  std::string const& name, bool sni,
                                                                  boost::system::error_code& ec) {
    namespace ssl = boost::asio::ssl;
    auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
    ctx->set_options(
        ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3, ec);
    if (ec) return nullptr;
    if (t.verify_peer) {
        ctx->set_verify_mode(ssl::verify_peer, ec);
        if (ec) return nullptr;
        if (!t.ca_file.empty())
            ctx->load_verify_file(t.ca_file, ec);
        else
            ctx->set_default_verify_paths(ec);
        if (ec) return nullptr;
    } else {
        ctx->set_verify_mode(ssl::verify_none, ec);
        if (ec) return nullptr;
    }
    if (t.cert_file.empty() != t.key_file.empty()) {
        ec = boost::system::errc::make_error_code(boost::system::errc::invalid_argument);
        return nullptr;
    }
    if (!t.cert_file.empty()) {
        ctx->use_certificate_chain_file(t.cert_file, ec);
        if (ec) return nullptr;
        ctx->use_private_key_file(t.key_file, ssl::context::pem, ec);
        if (ec) return nullptr;
    }
    return std::make_shared<tls_conn_factory>(client_tls{std::move(ctx), name, sni});
}

/// Installs make_tls_conn_factory as the program's TLS maker.
inline bool install_client_tls() noexcept {
    client_tls_hook() = &make_tls_conn_factory;
    return true;
}

#ifndef SOCKSPEC_DETAIL_CLIENT_NO_TLS
// One per translation unit that includes client.hpp (as Asio's openssl_init): runs during
// static initialization, before main.
[[maybe_unused]] static bool const client_tls_installed = install_client_tls();
#endif

}  // namespace sockspec::engineio::detail
