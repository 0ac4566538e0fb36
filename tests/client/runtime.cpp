// The sockspec runtime of the unit tests, compiled with the fake Engine.IO client
// (fake_engine.cpp) instead of the real one: the bodies the Socket.IO client needs.
#include <sockspec/client/impl/client.ipp>
#include <sockspec/client/impl/error.ipp>
#include <sockspec/engineio/impl/error.ipp>
#include <sockspec/socketio/impl/error.ipp>
#include <sockspec/socketio/impl/packet.ipp>
