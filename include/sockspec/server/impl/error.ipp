// sockspec/server/impl/error.ipp: the "sockspec.server" error category.
#pragma once

#include <sockspec/server/error.hpp>

#include <string>

namespace sockspec::server {

namespace detail {

class server_category_impl final : public boost::system::error_category {
public:
    char const* name() const noexcept override { return "sockspec.server"; }
    std::string message(int ev) const override {
        switch (static_cast<error>(ev)) {
        case error::ack_timeout: return "acknowledgement timed out";
        case error::disconnected: return "socket disconnected before the acknowledgement";
        case error::parse_error: return "malformed Socket.IO packet";
        }
        return "unknown sockspec.server error";
    }
};

}  // namespace detail

SOCKSPEC_DECL boost::system::error_category const& server_category() noexcept {
    static detail::server_category_impl const cat;
    return cat;
}

SOCKSPEC_DECL boost::system::error_code make_error_code(error e) noexcept {
    return {static_cast<int>(e), server_category()};
}

}  // namespace sockspec::server
