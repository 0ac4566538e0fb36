// sockspec/src.hpp: the bodies of every non-template sockspec function, for separate compilation.
//
// Define SOCKSPEC_SEPARATE_COMPILATION in every translation unit of the program and include this
// header in exactly one source file (Boost.Beast's src.hpp scheme). Headers that gain an
// impl/*.ipp add it here.
#pragma once

#ifndef SOCKSPEC_SEPARATE_COMPILATION
#error "Define SOCKSPEC_SEPARATE_COMPILATION to include <sockspec/src.hpp>"
#endif

#include <sockspec/engineio/impl/error.ipp>
#include <sockspec/engineio/impl/packet.ipp>
#include <sockspec/engineio/impl/server.ipp>
#include <sockspec/engineio/impl/server_state.ipp>
#include <sockspec/engineio/impl/session.ipp>
#include <sockspec/engineio/impl/client.ipp>
#include <sockspec/socketio/impl/error.ipp>
#include <sockspec/socketio/impl/packet.ipp>
#include <sockspec/adapter/impl/memory_adapter.ipp>
// The JWT bodies need libcrypto: they are in <sockspec/jwt/src.hpp>, included separately.
#include <sockspec/server/impl/error.ipp>
#include <sockspec/server/impl/server.ipp>
#include <sockspec/client/impl/error.ipp>
#include <sockspec/client/impl/client.ipp>
