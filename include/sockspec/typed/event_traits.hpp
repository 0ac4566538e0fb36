// sockspec/typed/event_traits.hpp: the vocabulary of generated event descriptors.
//
// Tiny and Asio-free on purpose: generated headers include it, and so can any translation unit
// that only needs to name events. The typed server and client build on these traits.
#pragma once

#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>

/// The runtime version generated code is locked to (MAVLink/flatc style): a generated header
/// static_asserts that SOCKSPEC_VERSION_MAJOR/MINOR match the sockspec-gen that wrote it.
#define SOCKSPEC_VERSION_MAJOR 0
#define SOCKSPEC_VERSION_MINOR 1

namespace sockspec {

/// Which way an event (or one leg of it) travels.
enum class direction : std::uint8_t {
    client_to_server = 1,
    server_to_client = 2,
    both = 3,
};

/// The ack type of a leg that takes no acknowledgement callback.
struct no_ack {};

/// Stands for the missing leg of a one-way event (e.g. `server_to_client` of a
/// client-to-server event).
struct no_leg {};

/// A list of event descriptors (the generated per-direction lists).
template <class... Events>
struct event_list {
    static constexpr std::size_t size = sizeof...(Events);
};

/// A leg is present unless it is `no_leg`.
template <class Leg>
inline constexpr bool is_leg_v = !std::is_same_v<Leg, no_leg>;

/// An event descriptor has a wire `name`, a namespace tag `nsp`, and two legs
/// `client_to_server` / `server_to_client`, each a struct with `args` (std::tuple of argument
/// types), `ack` (`no_ack` or std::tuple of ack argument types) and `fingerprint`, or `no_leg`.
template <class E>
concept event_descriptor = requires {
    { E::name } -> std::convertible_to<std::string_view>;
    typename E::nsp;
    typename E::client_to_server;
    typename E::server_to_client;
};

/// True when clients may emit E (servers handle it).
template <class E>
inline constexpr bool is_client_to_server_v = is_leg_v<typename E::client_to_server>;

/// True when servers may emit E (clients handle it).
template <class E>
inline constexpr bool is_server_to_client_v = is_leg_v<typename E::server_to_client>;

/// True when the leg takes an acknowledgement callback.
template <class Leg>
inline constexpr bool has_ack_v = !std::is_same_v<typename Leg::ack, no_ack>;

}  // namespace sockspec
