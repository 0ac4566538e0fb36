// The Engine.IO v4 client (sockspec/engineio/client.hpp) against real peers over loopback:
//   - our own sockspec::engineio::server (echo) in this process;
//   - raw Beast peers written here, for what a well-behaved server never does (a server that
//     stops pinging, a port that accepts but never answers) and to see the client's exact
//     requests (batching, pong);
//   - the npm engine.io server (tests/engineio_client/server.js);
//   - TLS: our server with a certificate of a throwaway CA made by the openssl CLI.
// The io_context runs on two threads; TearDown checks that it drains once everything is closed,
// so a client that leaves an operation or a timer behind fails the test.
#include <sockspec/engineio/client.hpp>
#include <sockspec/engineio/server.hpp>
#include <sockspec/engineio/tls.hpp>

#include "support/run_command.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

namespace eio = sockspec::engineio;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using namespace std::chrono_literals;
using error_code = boost::system::error_code;

// --- what handlers saw -------------------------------------------------------------------------

/// Events recorded by handlers on any thread, waited for by the test thread. Thread-safe.
class recorder {
public:
    void add(std::string e) {
        {
            std::lock_guard lock(mutex_);
            events_.push_back(std::move(e));
        }
        cv_.notify_all();
    }

    void closed(std::string_view reason, error_code ec) {
        {
            std::lock_guard lock(mutex_);
            ++closes_;
            close_ec_ = ec;
            events_.push_back("close " + std::string(reason));
        }
        cv_.notify_all();
    }

    std::vector<std::string> events() const {
        std::lock_guard lock(mutex_);
        return events_;
    }

    /// The recorded messages ("text ..." / "bin <hex>"), in order.
    std::vector<std::string> messages() const {
        std::vector<std::string> out;
        for (auto const& e : events())
            if (e.starts_with("text ") || e.starts_with("bin ")) out.push_back(e);
        return out;
    }

    template <class Pred>
    bool wait(Pred pred, std::chrono::milliseconds timeout = 5s) const {
        std::unique_lock lock(mutex_);
        return cv_.wait_for(lock, timeout, [&] { return pred(events_); });
    }

    bool wait_for(std::string const& e, std::chrono::milliseconds timeout = 5s) const {
        return wait([&](auto const& ev) { return std::find(ev.begin(), ev.end(), e) != ev.end(); },
                    timeout);
    }

    bool wait_prefix(std::string_view prefix, std::chrono::milliseconds timeout = 5s) const {
        return wait(
            [&](auto const& ev) {
                return std::any_of(ev.begin(), ev.end(),
                                   [&](auto const& x) { return x.starts_with(prefix); });
            },
            timeout);
    }

    bool wait_messages(std::size_t n, std::chrono::milliseconds timeout = 5s) const {
        return wait(
            [&](auto const& ev) {
                return static_cast<std::size_t>(std::count_if(ev.begin(), ev.end(), [](auto& x) {
                           return x.starts_with("text ") || x.starts_with("bin ");
                       })) >= n;
            },
            timeout);
    }

    bool saw_prefix(std::string_view prefix) const {
        auto const ev = events();
        return std::any_of(ev.begin(), ev.end(),
                           [&](auto const& x) { return x.starts_with(prefix); });
    }

    bool saw(std::string const& e) const {
        auto const ev = events();
        return std::find(ev.begin(), ev.end(), e) != ev.end();
    }

    int closes() const {
        std::lock_guard lock(mutex_);
        return closes_;
    }

    error_code close_ec() const {
        std::lock_guard lock(mutex_);
        return close_ec_;
    }

private:
    mutable std::mutex mutex_;
    mutable std::condition_variable cv_;
    std::vector<std::string> events_;
    int closes_ = 0;
    error_code close_ec_;
};

/// Waits (polling every 5 ms, at most 5 s) for a condition no event reports, e.g. a state of
/// our server's session.
bool wait_until(std::function<bool()> const& pred) {
    auto const deadline = std::chrono::steady_clock::now() + 5s;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > deadline) return pred();
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

std::string hex(std::string_view s) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : s) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

/// Records every event of `c` into `r`.
void wire(eio::client& c, recorder& r) {
    c.on_open([&r](eio::handshake const&) { r.add("open"); });
    c.on_message([&r](std::string data, bool binary) {
        r.add(binary ? "bin " + hex(data) : "text " + data);
    });
    c.on_close([&r](std::string_view reason, error_code ec) { r.closed(reason, ec); });
    c.on_upgrade(
        [&r](eio::transport_type t) { r.add("upgrade " + std::string(eio::to_string(t))); });
}

eio::client_options with_transports(std::vector<eio::transport_type> t) {
    eio::client_options o;
    o.transports = std::move(t);
    return o;
}

std::string const binary_data("\x00\x01\xfe\xff", 4);

// --- a hand-written HTTP peer ------------------------------------------------------------------

/// An HTTP server on 127.0.0.1 answering each request with `respond` (nullopt: never answers,
/// the connection stays open). Runs on its own strand of the test's io_context.
class raw_peer : public std::enable_shared_from_this<raw_peer> {
public:
    using request = http::request<http::string_body>;
    using responder = std::function<std::optional<std::string>(request const&)>;

    raw_peer(boost::asio::io_context& ioc, responder respond, recorder& log)
        : strand_(boost::asio::make_strand(ioc)),
          acceptor_(strand_),
          respond_(std::move(respond)),
          log_(log) {
        acceptor_.open(tcp::v4());
        acceptor_.set_option(boost::asio::socket_base::reuse_address(true));
        acceptor_.bind({boost::asio::ip::make_address("127.0.0.1"), 0});
        acceptor_.listen();
        port = acceptor_.local_endpoint().port();
    }

    void start() {
        boost::asio::post(strand_, [self = shared_from_this()] { self->do_accept(); });
    }

    /// Closes the acceptor and every connection.
    void stop() {
        boost::asio::post(strand_, [self = shared_from_this()] {
            error_code ec;
            self->acceptor_.close(ec);
            for (auto const& c : self->conns_) c->stream.socket().close(ec);
            self->conns_.clear();
        });
    }

    unsigned short port = 0;
    /// Close each connection after answering a POST (as node does with an idle keep-alive
    /// connection after its keepAliveTimeout), without `Connection: close`. Set before start.
    bool close_after_post = false;

private:
    struct conn {
        explicit conn(tcp::socket s) : stream(std::move(s)) {}
        boost::beast::tcp_stream stream;
        boost::beast::flat_buffer buffer;
        request req;
        http::response<http::string_body> res;
    };

    void do_accept() {
        acceptor_.async_accept(boost::asio::make_strand(acceptor_.get_executor()),
                               [self = shared_from_this()](error_code ec, tcp::socket s) {
                                   if (ec) return;
                                   self->log_.add("accepted");
                                   auto c = std::make_shared<conn>(std::move(s));
                                   self->conns_.push_back(c);
                                   self->do_read(c);
                                   self->do_accept();
                               });
    }

    void do_read(std::shared_ptr<conn> c) {
        c->req = {};
        http::async_read(c->stream, c->buffer, c->req,
                         [self = shared_from_this(), c](error_code ec, std::size_t) {
                             if (ec) {
                                 // The client closed it (the peer's own stop() aborts instead).
                                 if (ec != boost::asio::error::operation_aborted)
                                     self->log_.add("disconnected");
                                 return;
                             }
                             boost::asio::post(self->strand_, [self, c] { self->answer(c); });
                         });
    }

    void answer(std::shared_ptr<conn> c) {
        auto body = respond_(c->req);
        // Held: never answered, but the connection is still read, to see the client leave.
        if (!body) return do_read(c);
        c->res = {};
        c->res.result(http::status::ok);
        c->res.version(11);
        c->res.keep_alive(c->req.keep_alive());
        c->res.set(http::field::content_type, "text/plain; charset=UTF-8");
        c->res.body() = std::move(*body);
        c->res.prepare_payload();
        http::async_write(c->stream, c->res,
                          [self = shared_from_this(), c,
                           close = close_after_post && c->req.method() == http::verb::post](
                              error_code ec, std::size_t) {
                              if (ec) return;
                              if (close) {
                                  c->stream.socket().close(ec);
                                  return;
                              }
                              self->do_read(c);
                          });
    }

    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    tcp::acceptor acceptor_;
    responder respond_;
    recorder& log_;
    std::vector<std::shared_ptr<conn>> conns_;
};

/// The open packet of a raw peer's session.
std::string raw_open_packet(std::chrono::milliseconds interval, std::chrono::milliseconds timeout,
                            std::vector<std::string> upgrades = {}) {
    eio::handshake h;
    h.sid = "raw-sid";
    h.upgrades = std::move(upgrades);
    h.ping_interval = interval;
    h.ping_timeout = timeout;
    return "0" + eio::serialize_handshake(h);
}

// --- the npm engine.io server ------------------------------------------------------------------

/// `node server.js`, its port read from its first line. Ends when its stdin is closed (or is
/// killed after 2 s).
class node_server {
public:
    ~node_server() {
        if (stdin_ >= 0) ::close(stdin_);
        if (stdout_ >= 0) ::close(stdout_);
        if (pid_ <= 0) return;
        for (int i = 0; i < 200; ++i) {
            if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
            std::this_thread::sleep_for(10ms);
        }
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }

    /// Starts the server; the port, or 0 on failure (`why` says what happened).
    unsigned short start(std::string& why) {
        int in[2];
        int out[2];
        if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0) {
            why = "pipe";
            return 0;
        }
        pid_ = ::fork();
        if (pid_ == 0) {
            ::dup2(in[0], 0);
            ::dup2(out[1], 1);
            ::execl(SOCKSPEC_NODE, SOCKSPEC_NODE, SOCKSPEC_CLIENT_FIXTURE, nullptr);
            ::_exit(127);
        }
        ::close(in[0]);
        ::close(out[1]);
        stdin_ = in[1];
        stdout_ = out[0];
        std::string line;
        auto const deadline = std::chrono::steady_clock::now() + 10s;
        while (!line.ends_with('\n')) {
            auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            pollfd p{stdout_, POLLIN, 0};
            char ch = 0;
            if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) != 1 ||
                ::read(stdout_, &ch, 1) != 1) {
                why = "no port line from node; got: " + line;
                return 0;
            }
            line += ch;
        }
        if (!line.starts_with("listening ")) {
            why = "unexpected line: " + line;
            return 0;
        }
        return static_cast<unsigned short>(std::stoi(line.substr(10)));
    }

private:
    pid_t pid_ = -1;
    int stdin_ = -1;
    int stdout_ = -1;
};

bool node_available() {
    std::string_view const node = SOCKSPEC_NODE;
    return !node.empty() && !node.ends_with("NOTFOUND") &&
           std::filesystem::exists(std::filesystem::path(SOCKSPEC_NODE_MODULES) / "engine.io");
}

// --- TLS files ---------------------------------------------------------------------------------

/// A throwaway CA and a server certificate for 127.0.0.1 / localhost signed by it, made once by
/// the openssl CLI in a temporary directory (removed at exit).
struct tls_files {
    std::filesystem::path dir;
    std::string error;

    std::string ca() const { return (dir / "ca.pem").string(); }
    std::string cert() const { return (dir / "cert.pem").string(); }
    std::string key() const { return (dir / "key.pem").string(); }
    std::string client_cert() const { return (dir / "client.pem").string(); }
    std::string client_key() const { return (dir / "client.key").string(); }

    tls_files() {
        std::string_view const openssl = SOCKSPEC_OPENSSL;
        if (openssl.empty() || openssl.ends_with("NOTFOUND")) {
            error = "openssl CLI not found";
            return;
        }
        char tmpl[] = "/tmp/sockspec-eio-client-XXXXXX";
        if (::mkdtemp(tmpl) == nullptr) {
            error = "mkdtemp failed";
            return;
        }
        dir = tmpl;
        std::string const o(openssl);
        std::string const d = dir.string();
        std::string const ec = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
        std::string const script =
            "set -e; cd '" + d + "'; " + o + " req -x509" + ec +
            " -keyout ca.key -out ca.pem -days 2 -subj '/CN=sockspec test CA' 2>&1; " + o + " req" +
            ec + " -keyout key.pem -out server.csr -subj '/CN=127.0.0.1' 2>&1; " +
            "printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\nbasicConstraints=CA:FALSE\\n' "
            "> ext.cnf; " +
            o +
            " x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out cert.pem "
            "-days 2 -extfile ext.cnf 2>&1; " +
            o + " req" + ec + " -keyout client.key -out client.csr -subj '/CN=client' 2>&1; " + o +
            " x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client.pem "
            "-days 2 2>&1";
        auto const r = sockspec::test::run_command("timeout 30 sh -c \"" + script + "\" 2>&1");
        if (r.status != 0) error = "openssl failed: " + r.output;
    }

    ~tls_files() {
        std::error_code ec;
        if (!dir.empty()) std::filesystem::remove_all(dir, ec);
    }
};

tls_files const& tls() {
    static tls_files const files;
    return files;
}

// --- the fixture -------------------------------------------------------------------------------

class client_test : public ::testing::Test {
protected:
    void SetUp() override {
        for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { ioc.run(); });
    }

    void TearDown() override {
        if (server) server->close();
        if (peer) peer->stop();
        work_.reset();
        auto const deadline = std::chrono::steady_clock::now() + 5s;
        while (!ioc.stopped() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(5ms);
        EXPECT_TRUE(ioc.stopped()) << "the io_context did not drain: something was left behind";
        ioc.stop();
        for (auto& t : threads_) t.join();
    }

    /// Our server, echoing (the message "close" closes the session instead).
    void start_server(eio::server_options opts = {},
                      std::shared_ptr<boost::asio::ssl::context> tls_ctx = nullptr) {
        opts.close_timeout = 300ms;
        server = std::make_unique<eio::server>(ioc.get_executor(), std::move(opts));
        server->on_connection([this](eio::session_ptr s) {
            server_log.add("connection");
            s->on_close([this](std::string_view reason) {
                server_log.add("server close " + std::string(reason));
            });
            s->on_message([w = std::weak_ptr<eio::session>(s)](std::string data, bool binary) {
                auto s = w.lock();
                if (!s) return;
                if (!binary && data == "close")
                    s->close();
                else if (binary)
                    s->send_binary(data);
                else
                    s->send(data);
            });
        });
        if (tls_ctx) eio::enable_tls(*server, std::move(tls_ctx));
        ASSERT_FALSE(server->listen({boost::asio::ip::make_address("127.0.0.1"), 0}));
        port = server->local_endpoint().port();
    }

    void start_peer(raw_peer::responder respond) {
        peer = std::make_shared<raw_peer>(ioc, std::move(respond), peer_log);
        peer->start();
        port = peer->port;
    }

    std::string url(std::string_view scheme = "http") const {
        return std::string(scheme) + "://127.0.0.1:" + std::to_string(port);
    }

    std::shared_ptr<eio::client> make_client(eio::client_options o = {},
                                             std::string_view scheme = "http") {
        auto c = eio::client::create(ioc.get_executor(), url(scheme), std::move(o));
        wire(*c, log);
        return c;
    }

    /// Opens `c`, echoes text, binary, text, closes it; the order is kept.
    void echo_round_trip(eio::client& c) {
        c.send("hello");
        c.send(binary_data, true);
        c.send("world");
        ASSERT_TRUE(log.wait_messages(3)) << "echoes missing";
        EXPECT_EQ(log.messages(),
                  (std::vector<std::string>{"text hello", "bin 0001feff", "text world"}));
    }

    boost::asio::io_context ioc;
    std::unique_ptr<eio::server> server;
    std::shared_ptr<raw_peer> peer;
    unsigned short port = 0;
    recorder log;         // the client's handlers
    recorder server_log;  // our server's sessions
    recorder peer_log;    // the raw peer

private:
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
        ioc.get_executor()};
    std::vector<std::thread> threads_;
};

// --- our server ----------------------------------------------------------------------------------

TEST_F(client_test, polling_only_echoes_text_and_binary_in_order) {
    start_server();
    auto c = make_client(with_transports({eio::transport_type::polling}));
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    EXPECT_TRUE(c->is_open());
    EXPECT_FALSE(c->id().empty());
    EXPECT_EQ(c->transport(), eio::transport_type::polling);
    echo_round_trip(*c);
    EXPECT_EQ(c->transport(), eio::transport_type::polling);
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
    EXPECT_FALSE(c->is_open());
    // The close packet went out in a POST: the server saw the client close, not a timeout.
    EXPECT_TRUE(server_log.wait_for("server close transport close"));
    EXPECT_FALSE(log.saw_prefix("upgrade"));
    EXPECT_EQ(log.closes(), 1);
}

TEST_F(client_test, websocket_only_echoes_text_and_binary_in_order) {
    start_server();
    auto c = make_client(with_transports({eio::transport_type::websocket}));
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    EXPECT_EQ(c->transport(), eio::transport_type::websocket);
    echo_round_trip(*c);
    ASSERT_EQ(server->sessions().size(), 1u);
    EXPECT_EQ(server->sessions()[0]->transport(), eio::transport_type::websocket);
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
    EXPECT_TRUE(server_log.wait_for("server close transport close"));
    EXPECT_FALSE(log.saw_prefix("upgrade"));
    EXPECT_EQ(log.closes(), 1);
}

TEST_F(client_test, default_options_upgrade_polling_to_websocket) {
    start_server();
    auto c = make_client();
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    // Sent while the probe may be in flight: nothing is lost or reordered by the switch.
    c->send("before");
    ASSERT_TRUE(log.wait_for("upgrade websocket"));
    EXPECT_EQ(c->transport(), eio::transport_type::websocket);
    ASSERT_EQ(server->sessions().size(), 1u);
    // The client switched when it sent the upgrade packet; the server switches on reading it.
    auto const session = server->sessions()[0];
    EXPECT_TRUE(wait_until([&] { return session->transport() == eio::transport_type::websocket; }));
    c->send("after");
    ASSERT_TRUE(log.wait_messages(2));
    EXPECT_EQ(log.messages(), (std::vector<std::string>{"text before", "text after"}));
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
    EXPECT_TRUE(server_log.wait_for("server close transport close"));
}

TEST_F(client_test, no_upgrade_when_disabled) {
    start_server();
    auto o = eio::client_options{};
    o.upgrade = false;
    auto c = make_client(o);
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    c->send("ping-pong");
    ASSERT_TRUE(log.wait_messages(1));
    EXPECT_EQ(c->transport(), eio::transport_type::polling);
    EXPECT_FALSE(log.saw_prefix("upgrade"));
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
}

// Messages queued before the open and many back-to-back sends arrive in order, text and binary
// interleaved, in POSTs that each fit the server's maxPayload (the server closes the session
// with "payload too large"/HTTP 413 on a bigger body, which would fail the test).
TEST_F(client_test, many_sends_are_batched_within_max_payload_and_kept_in_order) {
    eio::server_options so;
    so.max_http_buffer_size = 600;
    start_server(so);
    auto c = make_client(with_transports({eio::transport_type::polling}));
    std::vector<std::string> expected;
    for (int i = 0; i < 200; ++i) {
        auto const text = "message number " + std::to_string(i) + " padded to some length";
        if (i % 5 == 4) {
            c->send(text, true);
            expected.push_back("bin " + hex(text));
        } else {
            c->send(text);
            expected.push_back("text " + text);
        }
        if (i == 9) c->open();  // the first ten are queued before the open
    }
    ASSERT_TRUE(log.wait_messages(expected.size())) << log.messages().size() << " echoed";
    EXPECT_EQ(log.messages(), expected);
    EXPECT_FALSE(log.saw_prefix("close"));
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
}

TEST_F(client_test, polling_client_answers_pings) {
    eio::server_options so;
    so.ping_interval = 40ms;
    so.ping_timeout = 60ms;
    start_server(so);
    auto c = make_client(with_transports({eio::transport_type::polling}));
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    // Ten ping intervals: a missed pong would close the session within 100 ms.
    EXPECT_FALSE(server_log.wait_prefix("server close", 400ms));
    EXPECT_FALSE(log.saw_prefix("close"));
    echo_round_trip(*c);
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
}

TEST_F(client_test, websocket_client_answers_pings) {
    eio::server_options so;
    so.ping_interval = 40ms;
    so.ping_timeout = 60ms;
    start_server(so);
    auto c = make_client(with_transports({eio::transport_type::websocket}));
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    EXPECT_FALSE(server_log.wait_prefix("server close", 400ms));
    EXPECT_FALSE(log.saw_prefix("close"));
    echo_round_trip(*c);
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
}

TEST_F(client_test, server_close_is_transport_close_over_polling) {
    start_server();
    auto c = make_client(with_transports({eio::transport_type::polling}));
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    c->send("close");
    ASSERT_TRUE(log.wait_for("close transport close"));
    EXPECT_FALSE(log.close_ec());
    EXPECT_FALSE(c->is_open());
    EXPECT_EQ(log.closes(), 1);
}

TEST_F(client_test, server_close_is_transport_close_over_websocket) {
    start_server();
    auto c = make_client(with_transports({eio::transport_type::websocket}));
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    c->send("close");
    ASSERT_TRUE(log.wait_for("close transport close"));
    EXPECT_FALSE(log.close_ec());
    EXPECT_EQ(log.closes(), 1);
}

TEST_F(client_test, server_shutdown_closes_the_client) {
    start_server();
    auto c = make_client();
    c->open();
    ASSERT_TRUE(log.wait_for("upgrade websocket"));
    server->close();
    ASSERT_TRUE(log.wait_prefix("close transport"));
    EXPECT_EQ(log.closes(), 1);
}

TEST_F(client_test, close_in_on_open_runs_on_close_once) {
    start_server();
    auto c = eio::client::create(ioc.get_executor(), url(),
                                 with_transports({eio::transport_type::polling}));
    wire(*c, log);
    c->on_open([this, w = std::weak_ptr<eio::client>(c)](eio::handshake const&) {
        log.add("open");
        auto c = w.lock();
        c->close();
        c->close();
        c->send("ignored after close");
        log.add(c->is_open() ? "still open" : "closed in on_open");
    });
    c->open();
    ASSERT_TRUE(log.wait_for("closed in on_open"));
    EXPECT_TRUE(server_log.wait_for("server close transport close"));
    EXPECT_EQ(log.events(),
              (std::vector<std::string>{"open", "close forced close", "closed in on_open"}));
}

TEST_F(client_test, destroying_the_client_in_its_on_message_handler) {
    start_server();
    // The only reference to the client is in `holder`, which the handler empties.
    auto holder = std::make_shared<std::shared_ptr<eio::client>>(eio::client::create(
        ioc.get_executor(), url(), with_transports({eio::transport_type::polling})));
    auto& c = **holder;
    wire(c, log);
    c.on_open([this, holder](eio::handshake const&) {
        log.add("open");
        (*holder)->send("first");
        (*holder)->send("second");
    });
    c.on_message([this, holder](std::string data, bool) {
        log.add("message " + data);
        holder->reset();  // the last reference: ~client runs here, inside the handler
        log.add("still running");
    });
    c.open();
    holder.reset();
    ASSERT_TRUE(log.wait_for("still running"));
    // Dropping the client closes the session gracefully and runs no more handlers.
    EXPECT_TRUE(server_log.wait_for("server close transport close"));
    EXPECT_EQ(log.events(), (std::vector<std::string>{"open", "message first", "still running"}));
}

TEST_F(client_test, destroying_a_websocket_client_in_its_on_message_handler) {
    start_server();
    auto holder = std::make_shared<std::shared_ptr<eio::client>>(eio::client::create(
        ioc.get_executor(), url(), with_transports({eio::transport_type::websocket})));
    auto& c = **holder;
    wire(c, log);
    c.on_open([holder](eio::handshake const&) { (*holder)->send("first"); });
    c.on_message([this, holder](std::string data, bool) {
        log.add("message " + data);
        holder->reset();
    });
    c.open();
    holder.reset();
    ASSERT_TRUE(log.wait_for("message first"));
    EXPECT_TRUE(server_log.wait_for("server close transport close"));
    EXPECT_FALSE(log.saw_prefix("close"));
}

TEST_F(client_test, a_throwing_handler_closes_the_client) {
    start_server();
    auto c = make_client(with_transports({eio::transport_type::websocket}));
    c->on_message([](std::string, bool) { throw std::runtime_error("handler bug"); });
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    c->send("boom");
    ASSERT_TRUE(log.wait_for("close transport error"));
    EXPECT_EQ(log.close_ec(), boost::system::errc::state_not_recoverable);
    EXPECT_TRUE(server_log.wait_for("server close transport close"));
}

TEST_F(client_test, close_before_the_open_completes) {
    start_server();
    auto c = make_client();
    // On the strand, so that close() runs right after the open started (resolve pending),
    // before any completion of it: from this thread the whole open could win the race.
    boost::asio::post(c->get_executor(), [c] {
        c->open();
        boost::asio::post(c->get_executor(), [c] { c->close(); });
    });
    ASSERT_TRUE(log.wait_for("close forced close"));
    c.reset();
    EXPECT_EQ(log.closes(), 1);
    EXPECT_FALSE(log.saw("open"));
}

TEST_F(client_test, refused_connection_is_a_transport_error) {
    // A port nothing listens on: bind one, note it, close it.
    {
        boost::asio::io_context tmp;
        tcp::acceptor a(tmp, {boost::asio::ip::make_address("127.0.0.1"), 0});
        port = a.local_endpoint().port();
    }
    auto c = make_client();
    c->open();
    ASSERT_TRUE(log.wait_for("close transport error"));
    EXPECT_EQ(log.close_ec(), boost::asio::error::connection_refused);
}

// --- raw peers -----------------------------------------------------------------------------------

TEST_F(client_test, close_while_connecting_to_a_silent_server) {
    start_peer([](raw_peer::request const&) { return std::nullopt; });  // accepts, never answers
    auto c = make_client();
    c->open();
    ASSERT_TRUE(peer_log.wait_for("accepted"));
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
    EXPECT_FALSE(log.close_ec());
    // The pending handshake GET is cancelled: the client closes its connection.
    EXPECT_TRUE(peer_log.wait_for("disconnected"));
    c.reset();
    EXPECT_EQ(log.closes(), 1);
}

TEST_F(client_test, dropping_the_client_while_connecting) {
    start_peer([](raw_peer::request const&) { return std::nullopt; });
    auto c = make_client();
    c->open();
    ASSERT_TRUE(peer_log.wait_for("accepted"));
    c.reset();  // no close(): the impl cancels itself, runs no handler, and goes away
    EXPECT_TRUE(peer_log.wait_for("disconnected"));
    EXPECT_FALSE(log.saw_prefix("close"));
}

TEST_F(client_test, connect_timeout_bounds_the_open) {
    start_peer([](raw_peer::request const&) { return std::nullopt; });
    auto o = eio::client_options{};
    o.connect_timeout = 200ms;
    auto c = make_client(o);
    auto const start = std::chrono::steady_clock::now();
    c->open();
    ASSERT_TRUE(log.wait_for("close transport error"));
    EXPECT_GE(std::chrono::steady_clock::now() - start, 200ms);
    EXPECT_EQ(log.close_ec(), boost::asio::error::timed_out);
    EXPECT_FALSE(log.saw("open"));
}

TEST_F(client_test, silent_server_is_a_ping_timeout) {
    // The handshake, then GETs held forever: no ping ever comes.
    start_peer([](raw_peer::request const& req) -> std::optional<std::string> {
        if (req.method() == http::verb::post) return "ok";
        if (req.target().find("sid=") == std::string_view::npos)
            return raw_open_packet(100ms, 150ms);
        return std::nullopt;
    });
    auto c = make_client(with_transports({eio::transport_type::polling}));
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    auto const opened = std::chrono::steady_clock::now();
    ASSERT_TRUE(log.wait_for("close ping timeout"));
    // pingInterval + pingTimeout after the open, not before.
    EXPECT_GE(std::chrono::steady_clock::now() - opened, 240ms);
    EXPECT_EQ(log.close_ec(), boost::asio::error::timed_out);
    EXPECT_FALSE(c->is_open());
}

TEST_F(client_test, ping_is_answered_with_a_pong_post) {
    auto gets = std::make_shared<int>(0);
    start_peer([this, gets](raw_peer::request const& req) -> std::optional<std::string> {
        if (req.method() == http::verb::post) {
            peer_log.add("post " + req.body());
            return "ok";
        }
        if (req.target().find("sid=raw-sid") == std::string_view::npos)
            return raw_open_packet(25000ms, 20000ms);
        if (++*gets == 1) return "2";  // the first long-poll GET gets a ping
        return std::nullopt;
    });
    auto c = make_client(with_transports({eio::transport_type::polling}));
    c->open();
    ASSERT_TRUE(peer_log.wait_for("post 3"));
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
    EXPECT_TRUE(peer_log.wait_for("post 1"));  // the close packet, in its own POST
}

TEST_F(client_test, queued_messages_go_in_one_post_with_base64_binary) {
    start_peer([this](raw_peer::request const& req) -> std::optional<std::string> {
        if (req.method() == http::verb::post) {
            peer_log.add("post " + req.body());
            return "ok";
        }
        if (req.target().find("sid=raw-sid") == std::string_view::npos)
            return raw_open_packet(25000ms, 20000ms);
        return std::nullopt;
    });
    auto c = make_client(with_transports({eio::transport_type::polling}));
    c->send("a");
    c->send("b");
    c->send(std::string("\x01\x02\x03\x04", 4), true);
    c->send("c");
    // The sends were dispatched to the strand first: this runs after them.
    std::promise<std::size_t> buffered;
    boost::asio::post(c->get_executor(), [&] { buffered.set_value(c->buffered_amount()); });
    EXPECT_EQ(buffered.get_future().get(), 3u * 2u + 5u);  // 3 one-byte texts, 4 bytes, +1 each
    c->open();
    ASSERT_TRUE(peer_log.wait_prefix("post "));
    auto const events = peer_log.events();
    auto const first_post = std::find_if(events.begin(), events.end(),
                                         [](auto const& e) { return e.starts_with("post "); });
    EXPECT_EQ(*first_post,
              "post 4a\x1e"
              "4b\x1e"
              "bAQIDBA==\x1e"
              "4c");
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
}

TEST_F(client_test, query_and_extra_headers_are_sent) {
    start_peer([this](raw_peer::request const& req) -> std::optional<std::string> {
        peer_log.add(std::string(req.method_string()) + " " + std::string(req.target()) + " " +
                     std::string(req[http::field::authorization]));
        if (req.method() == http::verb::post) return "ok";
        if (req.target().find("sid=raw-sid") == std::string_view::npos)
            return raw_open_packet(25000ms, 20000ms);
        return std::nullopt;
    });
    auto o = with_transports({eio::transport_type::polling});
    o.path = "/custom";  // the trailing slash is added
    o.query = {{"token", "a b&c"}};
    o.extra_headers.set(http::field::authorization, "Bearer xyz");
    auto c = make_client(o);
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    EXPECT_EQ(c->id(), "raw-sid");
    EXPECT_TRUE(peer_log.saw("GET /custom/?EIO=4&transport=polling&token=a%20b%26c Bearer xyz"))
        << ::testing::PrintToString(peer_log.events());
    ASSERT_TRUE(peer_log.wait_for(
        "GET /custom/?EIO=4&transport=polling&sid=raw-sid&token=a%20b%26c Bearer xyz"));
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
}

TEST_F(client_test, a_post_on_a_connection_the_server_closed_is_retried) {
    peer = std::make_shared<raw_peer>(
        ioc,
        [this](raw_peer::request const& req) -> std::optional<std::string> {
            if (req.method() == http::verb::post) {
                peer_log.add("post " + req.body());
                return "ok";
            }
            if (req.target().find("sid=raw-sid") == std::string_view::npos)
                return raw_open_packet(25000ms, 20000ms);
            return std::nullopt;
        },
        peer_log);
    peer->close_after_post = true;
    peer->start();
    port = peer->port;
    auto c = make_client(with_transports({eio::transport_type::polling}));
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    c->send("one");
    ASSERT_TRUE(peer_log.wait_for("post 4one"));
    // The POST connection is closed now; the client learns it only when it reuses it.
    c->send("two");
    ASSERT_TRUE(peer_log.wait_for("post 4two"));
    EXPECT_FALSE(log.saw_prefix("close"));
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
}

TEST_F(client_test, a_failed_probe_stays_on_polling) {
    // Offers the upgrade, but answers the WebSocket request with a plain 200.
    start_peer([this](raw_peer::request const& req) -> std::optional<std::string> {
        if (req.method() == http::verb::post) {
            peer_log.add("post " + req.body());
            return "ok";
        }
        if (req.target().find("transport=websocket") != std::string_view::npos) {
            peer_log.add("probe");
            return "no websocket here";
        }
        if (req.target().find("sid=raw-sid") == std::string_view::npos)
            return raw_open_packet(25000ms, 20000ms, {"websocket"});
        return std::nullopt;
    });
    auto c = make_client();
    c->open();
    ASSERT_TRUE(peer_log.wait_for("probe"));
    c->send("still polling");
    ASSERT_TRUE(peer_log.wait_for("post 4still polling"));
    EXPECT_EQ(c->transport(), eio::transport_type::polling);
    EXPECT_FALSE(log.saw_prefix("upgrade"));
    EXPECT_FALSE(log.saw_prefix("close"));
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
}

TEST_F(client_test, http_error_status_fails_the_open) {
    start_server();
    auto o = eio::client_options{};
    o.path = "/not-engine.io/";  // our server answers 404
    auto c = make_client(o);
    c->open();
    ASSERT_TRUE(log.wait_for("close transport error"));
    EXPECT_EQ(log.close_ec(), boost::system::errc::protocol_error);
}

// --- the npm engine.io server --------------------------------------------------------------------

class npm_client_test : public client_test {
protected:
    void SetUp() override {
        if (!node_available()) GTEST_SKIP() << "node or node_modules/engine.io missing";
        std::string why;
        port = node_.start(why);
        ASSERT_NE(port, 0) << why;
        client_test::SetUp();
    }

    void TearDown() override {
        if (port != 0) client_test::TearDown();
    }

    node_server node_;
};

TEST_F(npm_client_test, polling_echo) {
    auto c = make_client(with_transports({eio::transport_type::polling}));
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    echo_round_trip(*c);
    EXPECT_EQ(c->transport(), eio::transport_type::polling);
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
}

TEST_F(npm_client_test, websocket_echo) {
    auto c = make_client(with_transports({eio::transport_type::websocket}));
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    EXPECT_EQ(c->transport(), eio::transport_type::websocket);
    echo_round_trip(*c);
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
}

TEST_F(npm_client_test, upgrade_then_echo) {
    auto c = make_client();
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    c->send("during upgrade");
    ASSERT_TRUE(log.wait_for("upgrade websocket"));
    EXPECT_EQ(c->transport(), eio::transport_type::websocket);
    ASSERT_TRUE(log.wait_messages(1));
    log.add("-");
    c->send("hello");
    c->send(binary_data, true);
    ASSERT_TRUE(log.wait_messages(3));
    EXPECT_EQ(log.messages(),
              (std::vector<std::string>{"text during upgrade", "text hello", "bin 0001feff"}));
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
}

TEST_F(npm_client_test, heartbeat_keeps_the_session) {
    // server.js pings every 300 ms and waits 200 ms for the pong.
    auto c = make_client();
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    EXPECT_FALSE(log.wait_prefix("close", 1000ms));
    c->send("still there");
    ASSERT_TRUE(log.wait_for("text still there"));
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
}

TEST_F(npm_client_test, server_close_is_transport_close) {
    auto c = make_client(with_transports({eio::transport_type::polling}));
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    c->send("close");
    ASSERT_TRUE(log.wait_for("close transport close"));
    EXPECT_EQ(log.closes(), 1);
}

// --- TLS -----------------------------------------------------------------------------------------

class tls_client_test : public client_test {
protected:
    void SetUp() override {
        if (!tls().error.empty()) GTEST_FAIL() << tls().error;
        client_test::SetUp();
        auto ctx =
            std::make_shared<boost::asio::ssl::context>(boost::asio::ssl::context::tls_server);
        ctx->use_certificate_chain_file(tls().cert());
        ctx->use_private_key_file(tls().key(), boost::asio::ssl::context::pem);
        if (require_client_cert()) {
            ctx->load_verify_file(tls().ca());
            ctx->set_verify_mode(boost::asio::ssl::verify_peer |
                                 boost::asio::ssl::verify_fail_if_no_peer_cert);
        }
        start_server({}, std::move(ctx));
    }

    virtual bool require_client_cert() const { return false; }
};

/// Mutual TLS: the server asks for a client certificate signed by the test CA.
class mtls_client_test : public tls_client_test {
protected:
    bool require_client_cert() const override { return true; }
};

TEST_F(mtls_client_test, client_certificate_is_presented) {
    auto o = with_transports({eio::transport_type::polling});
    o.tls.ca_file = tls().ca();
    o.tls.cert_file = tls().client_cert();
    o.tls.key_file = tls().client_key();
    auto c = make_client(o, "https");
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
}

TEST_F(mtls_client_test, no_client_certificate_is_refused) {
    auto o = with_transports({eio::transport_type::polling});
    o.tls.ca_file = tls().ca();
    auto c = make_client(o, "https");
    c->open();
    ASSERT_TRUE(log.wait_for("close transport error"));
    EXPECT_FALSE(log.saw("open"));
    EXPECT_FALSE(server_log.saw("connection"));
}

TEST_F(tls_client_test, missing_ca_file_is_an_error) {
    auto o = eio::client_options{};
    o.tls.ca_file = (tls().dir / "no-such-ca.pem").string();
    auto c = make_client(o, "https");
    c->open();
    ASSERT_TRUE(log.wait_for("close transport error"));
    EXPECT_TRUE(log.close_ec());
    EXPECT_FALSE(log.saw("open"));
}

TEST_F(tls_client_test, verified_https_upgrades_to_wss) {
    auto o = eio::client_options{};
    o.tls.ca_file = tls().ca();
    auto c = make_client(o, "https");
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    ASSERT_TRUE(log.wait_for("upgrade websocket"));
    echo_round_trip(*c);
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
}

TEST_F(tls_client_test, verified_wss_only) {
    auto o = with_transports({eio::transport_type::websocket});
    o.tls.ca_file = tls().ca();
    auto c = make_client(o, "wss");
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    echo_round_trip(*c);
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
}

TEST_F(tls_client_test, unknown_ca_is_a_verification_error) {
    // The system trust store does not know the test CA.
    auto c = make_client({}, "https");
    c->open();
    ASSERT_TRUE(log.wait_for("close transport error"));
    EXPECT_EQ(log.close_ec().category(), boost::asio::error::get_ssl_category())
        << log.close_ec().message();
    EXPECT_FALSE(log.saw("open"));
    EXPECT_FALSE(server_log.saw("connection"));
}

TEST_F(tls_client_test, wrong_server_name_is_a_verification_error) {
    auto o = with_transports({eio::transport_type::websocket});
    o.tls.ca_file = tls().ca();
    o.tls.server_name = "wrong.example";
    auto c = make_client(o, "wss");
    c->open();
    ASSERT_TRUE(log.wait_for("close transport error"));
    EXPECT_EQ(log.close_ec().category(), boost::asio::error::get_ssl_category())
        << log.close_ec().message();
    EXPECT_FALSE(log.saw("open"));
}

TEST_F(tls_client_test, localhost_name_verifies_against_the_dns_san) {
    auto o = with_transports({eio::transport_type::polling});
    o.tls.ca_file = tls().ca();
    o.tls.server_name = "localhost";
    auto c = make_client(o, "https");
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
}

TEST_F(tls_client_test, verify_peer_off_connects_without_the_ca) {
    auto o = with_transports({eio::transport_type::polling});
    o.tls.verify_peer = false;
    auto c = make_client(o, "https");
    c->open();
    ASSERT_TRUE(log.wait_for("open"));
    c->close();
    ASSERT_TRUE(log.wait_for("close forced close"));
}

}  // namespace
