#include "json_util.hpp"

#include <boost/json/serialize.hpp>

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace sockspec::gen {

std::string js_number(double d) {
    if (!std::isfinite(d)) return "null";
    if (d == 0) return "0";
    std::string sign = d < 0 ? "-" : "";
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(d), std::chars_format::scientific);
    std::string sci(buf, r.ptr);  // "d.ddde+XX"
    auto e_at = sci.find('e');
    std::string digits;
    for (char c : sci.substr(0, e_at))
        if (c != '.') digits += c;
    int k = static_cast<int>(digits.size());
    int n = std::atoi(sci.c_str() + e_at + 1) + 1;  // value = 0.digits * 10^n
    // ECMAScript Number::toString, steps for k digits and exponent n.
    if (k <= n && n <= 21) return sign + digits + std::string(n - k, '0');
    if (0 < n && n <= 21) return sign + digits.substr(0, n) + "." + digits.substr(n);
    if (-6 < n && n <= 0) return sign + "0." + std::string(-n, '0') + digits;
    std::string mant = k == 1 ? digits : digits.substr(0, 1) + "." + digits.substr(1);
    return sign + mant + "e" + (n - 1 >= 0 ? "+" : "-") + std::to_string(std::abs(n - 1));
}

std::string to_canonical_json(boost::json::value const& v) {
    switch (v.kind()) {
        case boost::json::kind::null:
            return "null";
        case boost::json::kind::bool_:
            return v.get_bool() ? "true" : "false";
        case boost::json::kind::int64:
            return std::to_string(v.get_int64());
        case boost::json::kind::uint64:
            return std::to_string(v.get_uint64());
        case boost::json::kind::double_:
            return js_number(v.get_double());
        case boost::json::kind::string:
            return boost::json::serialize(v);
        case boost::json::kind::array: {
            std::string out = "[";
            for (auto const& e : v.get_array()) {
                if (out.size() > 1) out += ',';
                out += to_canonical_json(e);
            }
            return out + "]";
        }
        case boost::json::kind::object: {
            std::string out = "{";
            for (auto const& m : v.get_object()) {
                if (out.size() > 1) out += ',';
                out += boost::json::serialize(boost::json::string_view(m.key())) + ":" +
                       to_canonical_json(m.value());
            }
            return out + "}";
        }
    }
    return "null";
}

}  // namespace sockspec::gen
