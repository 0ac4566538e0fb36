// sockspec/engineio/impl/packet.hpp: template bodies of engineio/packet.hpp.
#pragma once

#include <iterator>

namespace sockspec::engineio {

template <class Range>
std::string encode_payload(Range const& packets) {
    std::string out;
    encode_payload(out, packets, 0);
    return out;
}

template <class Range>
std::size_t encode_payload(std::string& out, Range const& packets, std::size_t max_payload) {
    std::size_t taken = 0;
    std::size_t size = 0;
    for (packet const& p : packets) {
        std::size_t const n = polling_packet_size(p) + (taken == 0 ? 0 : 1);
        // The client's rule (engine.io-client _getWritablePackets): never split below one packet.
        if (taken != 0 && max_payload != 0 && size + n > max_payload) break;
        if (taken != 0) out += record_separator;
        encode_polling_packet(out, p);
        size += n;
        ++taken;
    }
    return taken;
}

}  // namespace sockspec::engineio
