// sockspec/socketio/ack_fn.hpp: the acknowledgement sender handed to event handlers, shared by
// the server (sockspec::server::ack_fn) and the client (sockspec::client::ack_fn). Asio-free.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace sockspec::socketio {

/// Answers an incoming event's acknowledgement request: raw JSON arguments (comma-separated,
/// without brackets; may be empty), and optionally binary attachments referred to by
/// placeholders `{"_placeholder":true,"num":N}` in `args` (then sent as BINARY_ACK). Empty
/// (false) when the peer asked for none; calling an empty one does nothing; calling it more
/// than once sends nothing more. Copyable; callable from any thread.
class ack_fn {
public:
    /// The sending function.
    using function_type = std::function<void(std::string_view, std::vector<std::string>)>;
    /// An empty ack_fn (no acknowledgement requested).
    ack_fn() noexcept = default;
    /// An empty ack_fn.
    ack_fn(std::nullptr_t) noexcept {}  // NOLINT(google-explicit-constructor)
    /// An ack_fn sending through `f`: `f(args, attachments)`, or `f(args)` for a text-only
    /// sender (converts implicitly, as the std::function it replaces did).
    template <class F>
        requires(!std::is_same_v<std::decay_t<F>, ack_fn> &&
                 (std::is_invocable_v<F&, std::string_view, std::vector<std::string>> ||
                  std::is_invocable_v<F&, std::string_view>))
    ack_fn(F f) {  // NOLINT(google-explicit-constructor)
        // An empty std::function (or null function pointer) makes an empty ack_fn.
        if constexpr (std::is_constructible_v<bool, F&>)
            if (!static_cast<bool>(f)) return;
        if constexpr (std::is_invocable_v<F&, std::string_view, std::vector<std::string>>)
            f_ = std::move(f);
        else
            f_ = [g = std::move(f)](std::string_view a, std::vector<std::string>) mutable { g(a); };
    }
    /// Sends the acknowledgement `[args]` (with `attachments`, a BINARY_ACK).
    void operator()(std::string_view args = {}, std::vector<std::string> attachments = {}) const {
        if (f_) f_(args, std::move(attachments));
    }
    /// True when the peer asked for an acknowledgement.
    explicit operator bool() const noexcept { return static_cast<bool>(f_); }

private:
    function_type f_;
};

}  // namespace sockspec::socketio
