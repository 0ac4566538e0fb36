// sockspec/codec/error.hpp: decode errors of the payload codecs (category `sockspec.codec`).
#pragma once

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

namespace sockspec::codec {

/// Why a payload was rejected.
enum class error {
    syntax = 1,        ///< not well-formed JSON (or trailing content)
    wrong_type,        ///< a JSON value of the wrong kind ("expected number")
    missing_field,     ///< a required field or argument is absent
    bad_enum,          ///< a string that is not one of the enumeration's values
    bad_literal,       ///< a value other than the literal's one value
    bad_format,        ///< a string that does not match its `format`
    out_of_range,      ///< a number outside minimum/maximum, the type's range or 2^53
    bad_length,        ///< a string length or item count outside its bounds
    pattern_mismatch,  ///< a string that does not match its `pattern`
    at_least_one_of,   ///< none of an `atLeastOneOf` group is present
    bad_arity,         ///< a tuple with the wrong number of items
};

/// The `sockspec.codec` error category.
inline boost::system::error_category const& codec_category() noexcept {
    struct category final : boost::system::error_category {
        char const* name() const noexcept override { return "sockspec.codec"; }
        std::string message(int ev) const override {
            switch (static_cast<error>(ev)) {
                case error::syntax:
                    return "malformed JSON";
                case error::wrong_type:
                    return "wrong JSON type";
                case error::missing_field:
                    return "missing required field";
                case error::bad_enum:
                    return "unknown enumeration value";
                case error::bad_literal:
                    return "wrong literal value";
                case error::bad_format:
                    return "string does not match its format";
                case error::out_of_range:
                    return "number out of range";
                case error::bad_length:
                    return "length out of bounds";
                case error::pattern_mismatch:
                    return "string does not match its pattern";
                case error::at_least_one_of:
                    return "none of the alternatives present";
                case error::bad_arity:
                    return "wrong number of items";
            }
            return "unknown sockspec.codec error";
        }
    };
    static category const instance;
    return instance;
}

/// Makes an error_code of the `sockspec.codec` category.
inline boost::system::error_code make_error_code(error e) noexcept {
    return {static_cast<int>(e), codec_category()};
}

/// What went wrong and where: `path` names the offending value from the decoded root
/// (`location.coordinates[1]`, `[0]` for an argument without a name), `message` says what was
/// expected (`expected number`). Filled by every decoder on failure.
struct decode_error {
    boost::system::error_code code;
    std::string path;
    std::string message;

    /// Records a failure at the current value; always returns false.
    bool fail(error e, std::string_view msg) {
        code = make_error_code(e);
        path.clear();
        message.assign(msg);
        return false;
    }
    /// Prefixes the path with an object key (`key` or `key.rest`); always returns false.
    bool in_field(std::string_view key) {
        if (path.empty() || path.front() == '[')
            path.insert(0, key);
        else {
            path.insert(0, 1, '.');
            path.insert(0, key);
        }
        return false;
    }
    /// Prefixes the path with an array index (`[i]`); always returns false.
    bool in_index(std::size_t i) {
        if (!path.empty() && path.front() != '[') path.insert(0, 1, '.');
        path.insert(0, "[" + std::to_string(i) + "]");
        return false;
    }
    /// `path: message`, or just the message at the root.
    std::string what() const { return path.empty() ? message : path + ": " + message; }
};

}  // namespace sockspec::codec

template <>
struct boost::system::is_error_code_enum<sockspec::codec::error> : std::true_type {};
