// A fake Engine.IO client for the Socket.IO client's unit tests: fake_engine.cpp defines the
// members of sockspec::engineio::client over this in-memory state, so a test drives the
// transport (open, messages, failures, close) and sees every message the client sent.
// Linked instead of the real Engine.IO client (never together with sockspec_compiled).
#pragma once

#include <sockspec/engineio/client.hpp>

#include <boost/asio/strand.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sockspec::test {

/// The state behind one fake engineio::client. Drive it from the test thread while the
/// io_context is not running (its handlers are posted to the client's strand).
struct fake_engine {
    explicit fake_engine(boost::asio::any_io_executor ex) : strand(boost::asio::make_strand(ex)) {}

    boost::asio::strand<boost::asio::any_io_executor> strand;
    std::string url;
    engineio::client_options opts;
    engineio::client::open_handler on_open;
    engineio::client::message_handler on_message;
    engineio::client::close_handler on_close;
    engineio::client::upgrade_handler on_upgrade;
    bool open_called = false;
    bool is_open = false;
    bool closed = false;  // close() called or the session ended
    std::size_t buffered = 0;
    engineio::transport_type transport = engineio::transport_type::polling;
    /// Every message sent: data and whether binary.
    std::vector<std::pair<std::string, bool>> sent;

    /// The messages sent as text, in order.
    std::vector<std::string> texts() const {
        std::vector<std::string> out;
        for (auto const& [d, b] : sent)
            if (!b) out.push_back(d);
        return out;
    }

    /// The handshake succeeds: on_open.
    void accept();
    /// The connection attempt fails: on_close("transport error", ec).
    void fail(boost::system::error_code ec);
    /// The server sends a message.
    void deliver(std::string data, bool binary = false);
    /// The session ends: on_close(reason).
    void drop(std::string reason = "transport close");
};

/// Every fake engine created since the last `reset_fake_engines`, in creation order.
std::vector<std::shared_ptr<fake_engine>>& fake_engines();
void reset_fake_engines();

}  // namespace sockspec::test
