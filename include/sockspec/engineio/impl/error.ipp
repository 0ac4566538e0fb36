// sockspec/engineio/impl/error.ipp: the "sockspec.engineio" error category.
#pragma once

#include <sockspec/engineio/error.hpp>

#include <string>

namespace sockspec::engineio {

namespace detail {

class error_category_impl final : public boost::system::error_category {
public:
    char const* name() const noexcept override { return "sockspec.engineio"; }

    std::string message(int ev) const override { return message(ev, nullptr, 0); }

    char const* message(int ev, char*, std::size_t) const noexcept override {
        switch (static_cast<error>(ev)) {
            case error::empty_packet:
                return "empty Engine.IO packet";
            case error::unknown_packet_type:
                return "unknown Engine.IO packet type";
            case error::bad_base64:
                return "invalid base64 in Engine.IO binary packet";
            case error::bad_handshake:
                return "invalid Engine.IO open packet";
            case error::bad_error_body:
                return "invalid Engine.IO HTTP error body";
        }
        return "sockspec.engineio error";
    }
};

}  // namespace detail

SOCKSPEC_DECL boost::system::error_category const& engineio_category() noexcept {
    static detail::error_category_impl const category;
    return category;
}

SOCKSPEC_DECL boost::system::error_code make_error_code(error e) noexcept {
    return {static_cast<int>(e), engineio_category()};
}

}  // namespace sockspec::engineio
