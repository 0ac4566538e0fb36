// sockspec/typed/detail/dispatch.hpp: the machinery of the typed server layer
// (sockspec/typed/server.hpp): argument matching, the decode-validate-invoke dispatch point,
// and the error reporting hooks. Not a public interface.
#pragma once

#include <sockspec/codec/codec.hpp>
#include <sockspec/server/server.hpp>
#include <sockspec/typed/detail/args.hpp>
#include <sockspec/typed/event_traits.hpp>

#include <cstddef>
#include <exception>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace sockspec::typed {

/// What a typed namespace (or, through the process-wide defaults, every typed handler) does
/// with what it cannot hand to a handler. Each hook runs on the server's strand.
struct hooks {
    /// A payload of a typed event failed validation and there is no ack to carry the error
    /// (the leg has none, or the client asked for none); or a client's acknowledgement of a
    /// typed `emit_with_ack` failed validation. Gets the socket, the event's wire name and the
    /// decode error (code, path, message). Empty: dropped silently, as untrusted input must not
    /// flood logs.
    std::function<void(server::socket&, std::string_view event, codec::decode_error const&)>
        on_invalid_payload;
    /// A typed handler threw (caught at the one typed dispatch point, never rethrown), or
    /// `on<E>` was used on a socket of another namespace (a std::logic_error). Empty: one line
    /// on std::cerr.
    std::function<void(server::socket&, std::string_view event, std::exception_ptr)>
        on_handler_error;
};

/// The process-wide hooks of typed handlers registered with the free functions (`typed::on<E>`
/// on an untyped socket), and the fallback of a typed namespace whose own hook is empty. Set
/// them before `listen` (they are read on the strand, never locked).
inline std::function<void(server::socket&, std::string_view event, codec::decode_error const&)>
    on_invalid_payload;
/// See `on_invalid_payload`.
inline std::function<void(server::socket&, std::string_view event, std::exception_ptr)>
    on_handler_error;

namespace detail {

inline void report_exception(hooks const* h, server::socket& s, std::string_view event,
                             std::exception_ptr e) {
    if (h && h->on_handler_error) {
        h->on_handler_error(s, event, e);
        return;
    }
    if (on_handler_error) {
        on_handler_error(s, event, e);
        return;
    }
    try {
        std::rethrow_exception(e);
    } catch (std::exception const& x) {
        std::cerr << "sockspec: typed handler of \"" << event << "\" threw: " << x.what() << '\n';
    } catch (...) {
        std::cerr << "sockspec: typed handler of \"" << event << "\" threw\n";
    }
}

inline void report_invalid(hooks const* h, server::socket& s, std::string_view event,
                           codec::decode_error const& err) {
    if (h && h->on_invalid_payload)
        h->on_invalid_payload(s, event, err);
    else if (on_invalid_payload)
        on_invalid_payload(s, event, err);
}

// Runs `f`, reporting what it throws: the one place typed user code is called from.
template <class F>
void guarded(hooks const* h, server::socket& s, std::string_view event, F&& f) {
    try {
        std::forward<F>(f)();
    } catch (...) {
        report_exception(h, s, event, std::current_exception());
    }
}

// Registers the typed dispatch of E on `s`: decode and validate the arguments of E's
// client_to_server leg, then `invoke(socket&, decoded args tuple, untyped ack)`. A bad payload
// goes to the ack (as the validation error object) or to the hooks, never to `invoke`. `hk`
// (may be null) is kept alive by the registration. Returns false, registering nothing, when `s`
// belongs to another namespace than E.
template <class E, class Invoke>
bool install(server::socket& s, std::shared_ptr<hooks const> hk, Invoke invoke) {
    using leg = typename E::client_to_server;
    using args = typename leg::args;
    if (s.get_nsp().name() != E::nsp::path) {
        report_exception(hk.get(), s, E::name,
                         std::make_exception_ptr(std::logic_error(
                             "typed::on<E>: event \"" + std::string(E::name) +
                             "\" belongs to namespace \"" + std::string(E::nsp::path) +
                             "\", the socket to \"" + s.get_nsp().name() + "\"")));
        return false;
    }
    // The handler is owned by the socket, so the raw pointer cannot dangle.
    server::socket* self = &s;
    s.on(std::string(E::name), [self, hk = std::move(hk), invoke = std::move(invoke)](
                                   std::string_view raw, server::ack_fn ack_fn) mutable {
        guarded(hk.get(), *self, E::name, [&] {
            std::string buf;
            args decoded{};
            codec::decode_error err;
            if (!codec::decode_args<leg>(bracket(buf, raw), decoded, err)) {
                if constexpr (has_ack_v<leg>) {
                    if (ack_fn) {
                        ack_fn(validation_error(err));
                        return;
                    }
                }
                report_invalid(hk.get(), *self, E::name, err);
                return;
            }
            invoke(*self, decoded, std::move(ack_fn));
        });
    });
    return true;
}

// The untyped ack callback of a typed `emit_with_ack<E>`: decodes the client's answer with E's
// server_to_client ack types and calls `cb(ec, ack args const&...)`; on timeout, disconnect or
// a failed validation (reported to the hooks too) `cb` gets the error and value-initialized
// arguments.
template <class E, class Callback>
server::ack_callback ack_decoder(server::socket& s, std::shared_ptr<hooks const> hk,
                                 Callback cb) {
    using leg = typename E::server_to_client;
    server::socket* self = &s;
    auto keep = s.shared_from_this();  // the callback may outlive a disconnect
    return [keep = std::move(keep), self, hk = std::move(hk), cb = std::move(cb)](
               boost::system::error_code ec, std::string_view raw) mutable {
        guarded(hk.get(), *self, E::name, [&] {
            deliver_ack<leg>(
                ec, raw,
                [&](codec::decode_error const& err) {
                    report_invalid(hk.get(), *self, E::name, err);
                },
                cb);
        });
    };
}

}  // namespace detail
}  // namespace sockspec::typed
