// sockspec/client/impl/error.ipp: the "sockspec.client" error category.
#pragma once

#include <sockspec/client/error.hpp>

#include <string>

namespace sockspec::client {

namespace detail {

class client_category_impl final : public boost::system::error_category {
public:
    char const* name() const noexcept override { return "sockspec.client"; }
    std::string message(int ev) const override {
        switch (static_cast<error>(ev)) {
            case error::ack_timeout:
                return "acknowledgement timed out";
            case error::disconnected:
                return "socket disconnected before the acknowledgement";
            case error::buffer_full:
                return "emit buffer full: the oldest buffered emit was dropped";
            case error::connect_timeout:
                return "connection attempt timed out";
            case error::parse_error:
                return "malformed Socket.IO packet";
            case error::transport_error:
                return "Engine.IO transport error";
            case error::connect_refused:
                return "namespace connection refused by the server";
        }
        return "unknown sockspec.client error";
    }
};

}  // namespace detail

SOCKSPEC_DECL boost::system::error_category const& client_category() noexcept {
    static detail::client_category_impl const cat;
    return cat;
}

SOCKSPEC_DECL boost::system::error_code make_error_code(error e) noexcept {
    return {static_cast<int>(e), client_category()};
}

}  // namespace sockspec::client
