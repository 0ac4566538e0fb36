// sockspec/socketio/impl/error.ipp: the "sockspec.socketio" error category.
#pragma once

#include <sockspec/socketio/error.hpp>

#include <string>

namespace sockspec::socketio {

namespace detail {

class error_category_impl final : public boost::system::error_category {
public:
    char const* name() const noexcept override { return "sockspec.socketio"; }

    std::string message(int ev) const override { return message(ev, nullptr, 0); }

    char const* message(int ev, char*, std::size_t) const noexcept override {
        switch (static_cast<error>(ev)) {
            case error::empty_packet:
                return "empty Socket.IO packet";
            case error::invalid_type:
                return "invalid Socket.IO packet type";
            case error::invalid_attachments:
                return "invalid Socket.IO attachment count";
            case error::too_many_attachments:
                return "too many Socket.IO binary attachments";
            case error::invalid_namespace:
                return "invalid Socket.IO namespace";
            case error::invalid_id:
                return "invalid Socket.IO acknowledgement id";
            case error::invalid_json:
                return "Socket.IO payload is not valid JSON";
            case error::invalid_payload:
                return "invalid Socket.IO payload for the packet type";
            case error::reserved_event_name:
                return "reserved Socket.IO event name";
            case error::invalid_placeholder:
                return "invalid Socket.IO binary placeholder";
            case error::unexpected_binary:
                return "unexpected Socket.IO binary attachment";
            case error::unexpected_text:
                return "Socket.IO text packet while waiting for binary attachments";
        }
        return "sockspec.socketio error";
    }
};

}  // namespace detail

SOCKSPEC_DECL boost::system::error_category const& socketio_category() noexcept {
    static detail::error_category_impl const category;
    return category;
}

SOCKSPEC_DECL boost::system::error_code make_error_code(error e) noexcept {
    return {static_cast<int>(e), socketio_category()};
}

}  // namespace sockspec::socketio
