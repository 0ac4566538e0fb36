// sockspec/server/impl/server.ipp: bodies of the Socket.IO server (server.hpp).
#pragma once

#include <sockspec/engineio/detail/server_state.hpp>
#include <sockspec/server/server.hpp>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <atomic>
#include <exception>
#include <set>
#include <utility>

namespace sockspec::server {

namespace detail {

// All socket.io state of a server; used on `strand` only (except `closing`).
struct server_state : std::enable_shared_from_this<server_state> {
    explicit server_state(boost::asio::any_io_executor ex, server_options o)
        : strand(boost::asio::make_strand(ex)), opts(std::move(o)) {}

    // Runs a user handler; exceptions stop here (STYLE.md "Errors").
    template <class F>
    bool guard(F&& f) noexcept {
        try {
            f();
            return true;
        } catch (...) {
            report(std::current_exception());
            return false;
        }
    }

    void report(std::exception_ptr e) noexcept {
        if (!on_handler_error) return;
        try {
            on_handler_error(std::move(e));
        } catch (...) {
        }
    }

    SOCKSPEC_DECL void shutdown();
    SOCKSPEC_DECL nsp& add_parent(nsp_async_predicate check, std::optional<std::regex> re);
    SOCKSPEC_DECL nsp& create_child(nsp& parent, std::string const& name);

    // A parent namespace (socket.io `io.of(regex | fn)`) and what decides its children.
    struct parent_nsp {
        std::unique_ptr<nsp> n;
        nsp_async_predicate check;
        std::optional<std::regex> re;  // regex parents: `server::of(name)` attaches matches
    };

    boost::asio::strand<boost::asio::any_io_executor> strand;
    server_options opts;
    std::map<std::string, std::unique_ptr<nsp>, std::less<>> nsps;
    std::vector<parent_nsp> parents;  // in creation order: the order CONNECTs ask them
    std::unordered_map<std::string, std::shared_ptr<client>> clients;  // by Engine.IO sid
    std::function<void(std::string_view, boost::system::error_code)> on_parse_error;
    std::function<void(std::exception_ptr)> on_handler_error;
    std::atomic<bool> closing{false};
};

// One Engine.IO session seen by Socket.IO (socket.io's `Client`): the decoder and the sockets of
// each namespace the client connected to. Used on the server strand only.
class client : public std::enable_shared_from_this<client> {
public:
    client(std::shared_ptr<server_state> st, engineio::session_ptr s)
        : state_(std::move(st)),
          session_(std::move(s)),
          decoder_(state_->opts.decode),
          connect_timer_(state_->strand) {}

    engineio::session_ptr const& session() const noexcept { return session_; }
    bool closed() const noexcept { return closed_; }

    SOCKSPEC_DECL void start();
    SOCKSPEC_DECL void on_message(std::string data, bool binary);
    SOCKSPEC_DECL void on_close(std::string_view reason);
    SOCKSPEC_DECL void send(socketio::packet const& p);
    SOCKSPEC_DECL void remove(socket& s);
    SOCKSPEC_DECL void disconnect_all();

private:
    void dispatch(socketio::packet p);
    void connect(std::string const& name, std::string const& auth_text);
    void check_parent(std::string name, std::shared_ptr<boost::json::value const> auth,
                      std::size_t i);
    void start_connect(nsp& n, boost::json::value auth);
    void run_middleware(socket_ptr s, std::size_t i);
    void accept(socket_ptr s);
    void parse_error(boost::system::error_code ec);

    std::shared_ptr<server_state> state_;
    engineio::session_ptr session_;
    socketio::decoder decoder_;
    boost::asio::steady_timer connect_timer_;
    std::map<std::string, socket_ptr, std::less<>> sockets_;  // by namespace
    std::set<std::string, std::less<>> connecting_;           // middleware running
    bool closed_ = false;
};

// The body of an ACK/EVENT argument list `[a,b]` without its brackets.
inline std::string_view strip_array(std::string_view data) noexcept {
    while (!data.empty() && (data.front() == ' ' || data.front() == '\n' || data.front() == '\t' ||
                             data.front() == '\r'))
        data.remove_prefix(1);
    while (!data.empty() && (data.back() == ' ' || data.back() == '\n' || data.back() == '\t' ||
                             data.back() == '\r'))
        data.remove_suffix(1);
    if (data.size() >= 2 && data.front() == '[' && data.back() == ']')
        return data.substr(1, data.size() - 2);
    return {};
}

SOCKSPEC_DECL void server_state::shutdown() {
    closing = true;
    auto cs = std::move(clients);
    clients.clear();
    for (auto& [sid, c] : cs) c->on_close("server shutting down");
}

SOCKSPEC_DECL nsp& server_state::add_parent(nsp_async_predicate check,
                                            std::optional<std::regex> re) {
    auto n = std::make_unique<nsp>(*this, "/_" + std::to_string(parents.size()));
    n->is_parent_ = true;
    auto& ref = *n;
    parents.push_back(parent_nsp{std::move(n), std::move(check), std::move(re)});
    return ref;
}

SOCKSPEC_DECL nsp& server_state::create_child(nsp& parent, std::string const& name) {
    // socket.io `createChild`: the child starts with the parent's middleware and listeners.
    auto n = std::make_unique<nsp>(*this, name);
    n->parent_ = &parent;
    n->middleware_ = parent.middleware_;
    n->on_connection_ = parent.on_connection_;
    auto& ref = *n;
    parent.children_.push_back(&ref);
    nsps.emplace(name, std::move(n));
    return ref;
}

SOCKSPEC_DECL void client::start() {
    // socket.io `connectTimeout`: a client that joins no namespace in time is dropped.
    connect_timer_.expires_after(state_->opts.connect_timeout);
    connect_timer_.async_wait([w = weak_from_this()](boost::system::error_code ec) {
        auto c = w.lock();
        if (ec || !c || c->closed_ || !c->sockets_.empty()) return;
        c->session_->close();
    });
}

SOCKSPEC_DECL void client::send(socketio::packet const& p) {
    if (closed_) return;
    session_->send(socketio::encode(p));
    for (auto const& a : p.attachments) session_->send_binary(a);
}

SOCKSPEC_DECL void client::on_message(std::string data, bool binary) {
    if (closed_) return;
    boost::system::error_code ec;
    if (binary) {
        // An attachment only belongs after a BINARY_EVENT/BINARY_ACK header.
        if (!decoder_.awaiting_attachments())
            ec = socketio::error::unexpected_binary;
        else
            ec = decoder_.put_binary(std::move(data));
    } else {
        ec = decoder_.put_text(data);
    }
    if (ec) return parse_error(ec);
    if (decoder_.ready()) dispatch(decoder_.release());
}

SOCKSPEC_DECL void client::parse_error(boost::system::error_code ec) {
    auto self = shared_from_this();
    if (state_->on_parse_error) state_->guard([&] { state_->on_parse_error(session_->id(), ec); });
    // socket.io: a decode error closes the client with "parse error".
    on_close("parse error");
    session_->close();
}

SOCKSPEC_DECL void client::dispatch(socketio::packet p) {
    using socketio::packet_type;
    if (p.type == packet_type::connect) {
        // Already connected or connecting to it; or the server is shutting down.
        if (sockets_.contains(p.nsp) || connecting_.contains(p.nsp) || state_->closing) return;
        return connect(p.nsp, p.data);
    }
    auto it = sockets_.find(p.nsp);
    if (it == sockets_.end()) return;  // socket.io ignores packets of unconnected namespaces
    socket_ptr s = it->second;
    switch (p.type) {
    case packet_type::disconnect:
        sockets_.erase(it);
        s->on_close("client namespace disconnect");
        break;
    case packet_type::event:
    case packet_type::binary_event: s->on_event(std::move(p)); break;
    case packet_type::ack:
    case packet_type::binary_ack: s->on_ack(std::move(p)); break;
    default: parse_error(socketio::error::invalid_type); break;
    }
}

SOCKSPEC_DECL void client::connect(std::string const& name, std::string const& auth_text) {
    boost::json::value auth;
    if (!auth_text.empty()) {
        boost::system::error_code ec;
        auth = boost::json::parse(auth_text, ec);
        if (ec) auth = nullptr;
    }
    auto it = state_->nsps.find(name);
    if (it != state_->nsps.end()) return start_connect(*it->second, std::move(auth));
    // socket.io `_checkNamespace`: ask the parent namespaces in order (possibly asynchronously);
    // a duplicate CONNECT meanwhile is ignored as for a running middleware.
    connecting_.insert(name);
    check_parent(name, std::make_shared<boost::json::value const>(std::move(auth)), 0);
}

SOCKSPEC_DECL void client::check_parent(std::string name,
                                        std::shared_ptr<boost::json::value const> auth,
                                        std::size_t i) {
    if (closed_) return;
    if (i == state_->parents.size()) {
        connecting_.erase(name);
        socketio::packet p;
        p.type = socketio::packet_type::connect_error;
        p.nsp = name;
        p.data = socketio::make_connect_error_data("Invalid namespace");
        return send(p);
    }
    auto once = std::make_shared<std::atomic<bool>>(false);
    std::function<void(bool)> done = [w = weak_from_this(), name, auth, i, once,
                                      strand = state_->strand](bool ok) {
        if (once->exchange(true)) return;
        boost::asio::dispatch(strand, [w, name, auth, i, ok]() mutable {
            auto c = w.lock();
            if (!c || c->closed_) return;
            if (!ok) return c->check_parent(std::move(name), std::move(auth), i + 1);
            auto& st = *c->state_;
            auto it = st.nsps.find(name);
            // Created in the meantime (another client, or `server::of`): join that one.
            nsp& n = it != st.nsps.end() ? *it->second : st.create_child(*st.parents[i].n, name);
            c->connecting_.erase(name);
            c->start_connect(n, *auth);
        });
    };
    auto const check = state_->parents[i].check;
    // A predicate that throws refuses (and is reported); the next parent is asked.
    if (!state_->guard([&] { check(name, *auth, done); })) done(false);
}

SOCKSPEC_DECL void client::start_connect(nsp& n, boost::json::value auth) {
    auto s = std::make_shared<socket>(state_, n, shared_from_this(),
                                      engineio::detail::server_state::make_sid());
    s->auth_ = std::move(auth);
    connecting_.insert(n.name());
    run_middleware(std::move(s), 0);
}

SOCKSPEC_DECL void client::run_middleware(socket_ptr s, std::size_t i) {
    if (closed_) return;
    auto& n = s->get_nsp();
    if (i == n.middleware_.size()) return accept(std::move(s));
    auto once = std::make_shared<std::atomic<bool>>(false);
    next_fn next([w = weak_from_this(), s, i, once,
                  strand = state_->strand](std::optional<connect_error> err) {
        if (once->exchange(true)) return;
        boost::asio::dispatch(strand, [w, s, i, err = std::move(err)]() mutable {
            auto c = w.lock();
            if (!c || c->closed_) return;
            if (!err) return c->run_middleware(std::move(s), i + 1);
            c->connecting_.erase(s->get_nsp().name());
            socketio::packet p;
            p.type = socketio::packet_type::connect_error;
            p.nsp = s->get_nsp().name();
            p.data = socketio::make_connect_error_data(err->message, err->data);
            c->send(p);
        });
    });
    // A middleware that throws refuses the connection (and is reported).
    if (!state_->guard([&] { n.middleware_[i](*s, s->auth_, next); }))
        next(connect_error{"Internal server error", {}});
}

SOCKSPEC_DECL void client::accept(socket_ptr s) {
    auto& n = s->get_nsp();
    connecting_.erase(n.name());
    sockets_[n.name()] = s;
    connect_timer_.cancel();
    // socket.io `_onconnect`: join the id room, send CONNECT, then emit "connection".
    n.add(s);
    s->connected_ = true;
    socketio::packet p;
    p.type = socketio::packet_type::connect;
    p.nsp = n.name();
    p.data = R"({"sid":")" + s->id() + R"("})";
    send(p);
    // Every "connection" listener, in order; one that throws does not stop the others. A copy:
    // a handler may add handlers.
    auto const handlers = n.on_connection_;
    for (auto const& h : handlers) state_->guard([&] { h(s); });
}

SOCKSPEC_DECL void client::remove(socket& s) {
    auto it = sockets_.find(s.get_nsp().name());
    if (it != sockets_.end() && it->second.get() == &s) sockets_.erase(it);
}

SOCKSPEC_DECL void client::disconnect_all() {
    auto self = shared_from_this();
    auto ss = std::move(sockets_);
    sockets_.clear();
    for (auto& [name, s] : ss) {
        socketio::packet p;
        p.type = socketio::packet_type::disconnect;
        p.nsp = name;
        send(p);
        s->on_close("server namespace disconnect");
    }
    session_->close();
}

SOCKSPEC_DECL void client::on_close(std::string_view reason) {
    if (closed_) return;
    auto self = shared_from_this();
    closed_ = true;
    connect_timer_.cancel();
    decoder_.reset();
    auto ss = std::move(sockets_);
    sockets_.clear();
    for (auto& [name, s] : ss) s->on_close(reason);
    state_->clients.erase(session_->id());
}

}  // namespace detail

// broadcast_operator

SOCKSPEC_DECL broadcast_operator::broadcast_operator(nsp& n, adapter::broadcast_options opts)
    : nsp_(&n), opts_(std::move(opts)) {}

SOCKSPEC_DECL broadcast_operator broadcast_operator::to(std::string room) const {
    auto o = opts_;
    o.rooms.push_back(std::move(room));
    return {*nsp_, std::move(o)};
}

SOCKSPEC_DECL broadcast_operator broadcast_operator::except(std::string room) const {
    auto o = opts_;
    o.except.push_back(std::move(room));
    return {*nsp_, std::move(o)};
}

SOCKSPEC_DECL broadcast_operator broadcast_operator::volatile_() const {
    auto o = opts_;
    o.flags.volatile_ = true;
    return {*nsp_, std::move(o)};
}

SOCKSPEC_DECL broadcast_operator broadcast_operator::compress(bool c) const {
    auto o = opts_;
    o.flags.compress = c;
    return {*nsp_, std::move(o)};
}

namespace detail {

// The namespaces a broadcast from `n` reaches: a parent's children (a copy: a handler run by the
// broadcast may create children), or `n` itself.
template <class F>
void for_each_target_nsp(nsp& n, F&& f) {
    if (!n.is_parent()) return f(n);
    auto const children = n.children();
    for (nsp* c : children) f(*c);
}

// The text of an EVENT to namespace `nsp`; a BINARY_EVENT when it has attachments.
inline std::string encode_event(std::string_view nsp, std::optional<std::uint64_t> id,
                                std::string_view data, std::size_t attachments) {
    socketio::packet_view v;
    v.type = attachments == 0 ? socketio::packet_type::event : socketio::packet_type::binary_event;
    v.nsp = nsp;
    v.id = id;
    v.data = data;
    v.attachments = attachments;
    return socketio::encode(v);
}

}  // namespace detail

SOCKSPEC_DECL std::size_t broadcast_operator::emit(std::string_view name, std::string_view args,
                                                   std::vector<std::string> attachments) const {
    auto const data = socketio::make_event_data(name, args);
    std::vector<engineio::shared_buffer> bins;
    bins.reserve(attachments.size());
    for (auto& a : attachments) bins.push_back(engineio::make_shared_buffer(std::move(a)));
    bool const vol = opts_.flags.volatile_;
    std::size_t sent = 0;
    detail::for_each_target_nsp(*nsp_, [&](nsp& n) {
        // Encoded once per namespace; every target queues the same buffers.
        auto const text =
            engineio::make_shared_buffer(detail::encode_event(n.name(), {}, data, bins.size()));
        n.adapter_.for_each_target(opts_, [&](adapter::target const& t) {
            socket* s = n.at(t.handle);
            if (s == nullptr) return;
            auto c = s->client_.lock();
            if (!c || c->closed()) return;
            auto const& session = c->session();
            // volatile: drop where the transport still has packets waiting to be written.
            if (vol && session->queued_bytes() != 0) return;
            session->send(text, false);
            for (auto const& b : bins) session->send(b, true);
            ++sent;
        });
    });
    return sent;
}

namespace detail {

// The state of one broadcast with acknowledgement.
struct broadcast_ack {
    explicit broadcast_ack(boost::asio::strand<boost::asio::any_io_executor> const& s) : timer(s) {}
    void finish(server_state& st, boost::system::error_code ec) {
        if (done) return;
        done = true;
        timer.cancel();
        auto f = std::move(cb);
        st.guard([&] { f(ec, std::move(responses)); });
    }
    broadcast_ack_callback cb;
    std::vector<std::string> responses;
    std::size_t expected = 0;
    bool done = false;
    boost::asio::steady_timer timer;
};

}  // namespace detail

SOCKSPEC_DECL std::size_t broadcast_operator::emit_with_ack(std::string_view name,
                                                            std::string_view args,
                                                            std::chrono::milliseconds timeout,
                                                            broadcast_ack_callback cb) const {
    auto& st = nsp_->state_;
    auto const data = socketio::make_event_data(name, args);
    auto a = std::make_shared<detail::broadcast_ack>(st.strand);
    a->cb = std::move(cb);
    bool const vol = opts_.flags.volatile_;
    std::size_t sent = 0;
    detail::for_each_target_nsp(*nsp_, [&](nsp& n) {
        // Ack ids are per namespace: each child of a parent gets its own.
        auto const id = n.next_ack_++;
        auto const text = engineio::make_shared_buffer(detail::encode_event(n.name(), id, data, 0));
        n.adapter_.for_each_target(opts_, [&](adapter::target const& t) {
            socket* s = n.at(t.handle);
            if (s == nullptr) return;
            auto c = s->client_.lock();
            if (!c || c->closed()) return;
            auto const& session = c->session();
            if (vol && session->queued_bytes() != 0) return;
            // Every target answers the same id; a target that disconnects leaves it to the
            // timeout.
            s->acks_.emplace(
                id, socket::pending_ack{
                        [a, stp = &st](boost::system::error_code ec, std::string_view r) {
                            if (ec || a->done) return;
                            a->responses.emplace_back(r);
                            if (a->responses.size() == a->expected) a->finish(*stp, {});
                        },
                        nullptr});
            session->send(text, false);
            ++sent;
        });
    });
    a->expected = sent;
    if (sent == 0) {
        boost::asio::post(st.strand, [a, stp = st.shared_from_this()] { a->finish(*stp, {}); });
        return 0;
    }
    a->timer.expires_after(timeout);
    a->timer.async_wait([a, stp = st.shared_from_this()](boost::system::error_code ec) {
        if (!ec) a->finish(*stp, error::ack_timeout);
    });
    return sent;
}

SOCKSPEC_DECL std::vector<std::string> broadcast_operator::socket_ids() const {
    std::vector<std::string> ids;
    detail::for_each_target_nsp(*nsp_, [&](nsp& n) {
        n.adapter_.for_each_target(opts_, [&](adapter::target const& t) { ids.emplace_back(t.id); });
    });
    return ids;
}

SOCKSPEC_DECL void broadcast_operator::sockets_join(std::string const& room) const {
    detail::for_each_target_nsp(*nsp_, [&](nsp& n) {
        n.adapter_.add_sockets(opts_, std::vector<std::string>{room});
    });
}

SOCKSPEC_DECL void broadcast_operator::sockets_leave(std::string const& room) const {
    detail::for_each_target_nsp(*nsp_, [&](nsp& n) {
        n.adapter_.del_sockets(opts_, std::vector<std::string>{room});
    });
}

SOCKSPEC_DECL void broadcast_operator::disconnect_sockets(bool close) const {
    std::vector<socket_ptr> targets;
    detail::for_each_target_nsp(*nsp_, [&](nsp& n) {
        n.adapter_.for_each_target(opts_, [&](adapter::target const& t) {
            if (auto s = n.find(t.id)) targets.push_back(std::move(s));
        });
    });
    for (auto& s : targets) s->disconnect(close);
}

// nsp

SOCKSPEC_DECL nsp::nsp(detail::server_state& state, std::string name)
    : state_(state), name_(std::move(name)) {}

SOCKSPEC_DECL nsp& nsp::use(middleware m) {
    middleware_.push_back(std::move(m));
    return *this;
}

SOCKSPEC_DECL nsp& nsp::on_connection(connection_handler h) {
    if (h) on_connection_.push_back(std::move(h));
    return *this;
}

SOCKSPEC_DECL broadcast_operator nsp::to(std::string room) {
    return broadcast_operator(*this, {}).to(std::move(room));
}

SOCKSPEC_DECL broadcast_operator nsp::except(std::string room) {
    return broadcast_operator(*this, {}).except(std::move(room));
}

SOCKSPEC_DECL broadcast_operator nsp::volatile_() {
    return broadcast_operator(*this, {}).volatile_();
}

SOCKSPEC_DECL std::size_t nsp::emit(std::string_view name, std::string_view args,
                                    std::vector<std::string> attachments) {
    return broadcast_operator(*this, {}).emit(name, args, std::move(attachments));
}

SOCKSPEC_DECL std::size_t nsp::emit_with_ack(std::string_view name, std::string_view args,
                                             std::chrono::milliseconds timeout,
                                             broadcast_ack_callback cb) {
    return broadcast_operator(*this, {}).emit_with_ack(name, args, timeout, std::move(cb));
}

SOCKSPEC_DECL socket_ptr nsp::find(std::string_view id) const {
    auto it = sockets_.find(std::string(id));
    return it == sockets_.end() ? nullptr : it->second;
}

void nsp::add(socket_ptr s) {
    auto const h = adapter_.add_all(s->id(), {std::string_view(s->id())});
    s->handle_ = h;
    if (by_handle_.size() <= h.value) by_handle_.resize(h.value + 1, nullptr);
    by_handle_[h.value] = s.get();
    sockets_.emplace(s->id(), std::move(s));
}

void nsp::remove(socket& s) {
    adapter_.del_all(s.id());
    if (s.handle_.value < by_handle_.size() && by_handle_[s.handle_.value] == &s)
        by_handle_[s.handle_.value] = nullptr;
    sockets_.erase(s.id());
}

socket* nsp::at(adapter::socket_handle h) const noexcept {
    return h.value < by_handle_.size() ? by_handle_[h.value] : nullptr;
}

// socket

SOCKSPEC_DECL socket::socket(std::shared_ptr<detail::server_state> state, class nsp& n,
                             std::shared_ptr<detail::client> c, std::string id)
    : state_(std::move(state)), nsp_(&n), client_(std::move(c)), id_(std::move(id)) {}

SOCKSPEC_DECL socket::~socket() = default;

SOCKSPEC_DECL engineio::session_ptr socket::session() const {
    auto c = client_.lock();
    return c ? c->session() : nullptr;
}

SOCKSPEC_DECL engineio::request_info const& socket::request() const {
    static engineio::request_info const none;
    auto c = client_.lock();
    return c ? c->session()->request() : none;
}

// After the disconnect nothing would ever run or drop a handler (which often holds the
// socket_ptr): registering it then would only leak the socket.
SOCKSPEC_DECL socket& socket::on(std::string name, event_handler h) {
    if (!closed_) handlers_[std::move(name)] = std::move(h);
    return *this;
}

SOCKSPEC_DECL socket& socket::on_any(any_handler h) {
    if (!closed_) any_ = std::move(h);
    return *this;
}

SOCKSPEC_DECL socket& socket::on_disconnect(disconnect_handler h) {
    if (!closed_) on_disconnect_ = std::move(h);
    return *this;
}

void socket::send_packet(socketio::packet p) {
    if (!connected_) return;
    if (auto c = client_.lock()) c->send(p);
}

SOCKSPEC_DECL void socket::emit(std::string_view name, std::string_view args,
                                std::vector<std::string> attachments) {
    socketio::packet p;
    p.type = socketio::packet_type::event;
    p.nsp = nsp_->name();
    p.data = socketio::make_event_data(name, args);
    p.attachments = std::move(attachments);
    send_packet(std::move(p));
}

SOCKSPEC_DECL void socket::emit_with_ack(std::string_view name, std::string_view args,
                                         std::chrono::milliseconds timeout, ack_callback cb) {
    if (!connected_) {
        boost::asio::post(state_->strand, [cb = std::move(cb)] {
            cb(error::disconnected, {});
        });
        return;
    }
    auto const id = nsp_->next_ack_++;
    auto timer = std::make_unique<boost::asio::steady_timer>(state_->strand, timeout);
    timer->async_wait([w = weak_from_this(), id](boost::system::error_code ec) {
        auto s = w.lock();
        if (ec || !s) return;
        auto it = s->acks_.find(id);
        if (it == s->acks_.end()) return;
        auto cb = std::move(it->second.cb);
        s->acks_.erase(it);
        s->state_->guard([&] { cb(error::ack_timeout, {}); });
    });
    acks_.emplace(id, pending_ack{std::move(cb), std::move(timer)});
    socketio::packet p;
    p.type = socketio::packet_type::event;
    p.nsp = nsp_->name();
    p.id = id;
    p.data = socketio::make_event_data(name, args);
    send_packet(std::move(p));
}

void socket::on_ack(socketio::packet p) {
    if (!p.id) return;
    auto it = acks_.find(*p.id);
    if (it == acks_.end()) return;  // late (timed out) or unknown: ignored as socket.io does
    auto cb = std::move(it->second.cb);
    if (it->second.timer) it->second.timer->cancel();
    acks_.erase(it);
    attachments_ = std::move(p.attachments);
    state_->guard([&] { cb({}, detail::strip_array(p.data)); });
    attachments_.clear();
}

ack_fn socket::make_ack(std::uint64_t id) {
    auto sent = std::make_shared<std::atomic<bool>>(false);
    return ack_fn::function_type([w = weak_from_this(), id, sent, strand = state_->strand](
                                     std::string_view args, std::vector<std::string> attachments) {
        if (sent->exchange(true)) return;
        boost::asio::dispatch(strand, [w, id, a = std::string(args),
                                       att = std::move(attachments)]() mutable {
            auto s = w.lock();
            if (!s) return;
            socketio::packet p;
            p.type = socketio::packet_type::ack;  // BINARY_ACK when it has attachments
            p.nsp = s->nsp_->name();
            p.id = id;
            p.data = "[" + a + "]";
            p.attachments = std::move(att);
            s->send_packet(std::move(p));
        });
    });
}

void socket::on_event(socketio::packet p) {
    auto ev = socketio::parse_event(p.data);
    if (!ev) return;
    auto self = shared_from_this();
    ack_fn ack = p.id ? make_ack(*p.id) : ack_fn{};
    attachments_ = std::move(p.attachments);
    auto it = handlers_.find(ev->name);
    if (it != handlers_.end()) {
        auto h = it->second;  // the handler may replace itself
        state_->guard([&] { h(ev->args, std::move(ack)); });
    } else if (any_) {
        auto h = any_;
        state_->guard([&] { h(ev->name, ev->args, std::move(ack)); });
    }
    attachments_.clear();
}

SOCKSPEC_DECL void socket::join(std::string const& room) {
    if (connected_) nsp_->adapter_.add_all(id_, {std::string_view(room)});
}

SOCKSPEC_DECL void socket::leave(std::string const& room) {
    if (connected_) nsp_->adapter_.del(id_, room);
}

SOCKSPEC_DECL std::vector<std::string> socket::rooms() const {
    return nsp_->adapter_.socket_rooms(id_).value_or(std::vector<std::string>{});
}

SOCKSPEC_DECL broadcast_operator socket::to(std::string room) {
    return broadcast().to(std::move(room));
}

SOCKSPEC_DECL broadcast_operator socket::except(std::string room) {
    return broadcast().except(std::move(room));
}

SOCKSPEC_DECL broadcast_operator socket::broadcast() {
    // A socket is the only member of its id room: excluding it excludes the sender.
    adapter::broadcast_options o;
    o.except.push_back(id_);
    return broadcast_operator(*nsp_, std::move(o));
}

SOCKSPEC_DECL void socket::disconnect(bool close) {
    if (!connected_) return;
    auto c = client_.lock();
    if (!c) return;
    if (close) return c->disconnect_all();
    auto self = shared_from_this();
    socketio::packet p;
    p.type = socketio::packet_type::disconnect;
    p.nsp = nsp_->name();
    send_packet(std::move(p));
    c->remove(*this);
    on_close("server namespace disconnect");
}

void socket::on_close(std::string_view reason) {
    if (closed_) return;
    closed_ = true;
    auto self = shared_from_this();
    bool const was_connected = connected_;
    connected_ = false;
    if (was_connected) nsp_->remove(*this);
    auto acks = std::move(acks_);
    acks_.clear();
    for (auto& [id, a] : acks) {
        if (a.timer) a.timer->cancel();
        state_->guard([&] { a.cb(error::disconnected, {}); });
    }
    if (was_connected && on_disconnect_) {
        auto h = std::move(on_disconnect_);
        state_->guard([&] { h(reason); });
    }
    // Handlers often hold the socket_ptr: drop them to break the cycle.
    handlers_.clear();
    any_ = nullptr;
    on_disconnect_ = nullptr;
}

// server

SOCKSPEC_DECL server::server(boost::asio::any_io_executor ex, server_options opts)
    : state_(std::make_shared<detail::server_state>(ex, opts)), engine_(ex, opts.engine) {
    state_->nsps.emplace("/", std::make_unique<nsp>(*state_, "/"));
    engine_.on_connection([w = std::weak_ptr<detail::server_state>(state_)](
                              engineio::session_ptr s) {
        auto st = w.lock();
        if (!st || st->closing) return s->close();
        auto c = std::make_shared<detail::client>(st, s);
        auto const strand = st->strand;
        std::weak_ptr<detail::client> wc = c;
        s->on_message([wc, strand](std::string data, bool binary) {
            boost::asio::post(strand, [wc, data = std::move(data), binary]() mutable {
                if (auto c = wc.lock()) c->on_message(std::move(data), binary);
            });
        });
        s->on_close([wc, strand](std::string_view reason) {
            boost::asio::post(strand, [wc, r = std::string(reason)] {
                if (auto c = wc.lock()) c->on_close(r);
            });
        });
        boost::asio::post(strand, [st, c] {
            if (st->closing) return c->session()->close();
            st->clients[c->session()->id()] = c;
            c->start();
        });
    });
}

SOCKSPEC_DECL server::~server() {
    close();
}

SOCKSPEC_DECL boost::asio::strand<boost::asio::any_io_executor> const& server::get_executor()
    const noexcept {
    return state_->strand;
}

SOCKSPEC_DECL nsp& server::of(std::string const& name) {
    auto it = state_->nsps.find(name);
    if (it != state_->nsps.end()) return *it->second;
    // socket.io `of(name)`: a name a regex parent matches becomes that parent's child.
    for (auto& p : state_->parents)
        if (p.re && std::regex_search(name, *p.re)) return state_->create_child(*p.n, name);
    return *state_->nsps.emplace(name, std::make_unique<nsp>(*state_, name)).first->second;
}

SOCKSPEC_DECL nsp& server::of(nsp_predicate predicate) {
    return state_->add_parent(
        [f = std::move(predicate)](std::string_view name, boost::json::value const& auth,
                                   std::function<void(bool)> done) { done(f(name, auth)); },
        std::nullopt);
}

SOCKSPEC_DECL nsp& server::of(nsp_async_predicate predicate) {
    return state_->add_parent(std::move(predicate), std::nullopt);
}

SOCKSPEC_DECL nsp& server::of(std::regex const& re) {
    return state_->add_parent(
        [re](std::string_view name, boost::json::value const&, std::function<void(bool)> done) {
            done(std::regex_search(name.begin(), name.end(), re));
        },
        re);
}

SOCKSPEC_DECL void server::on_parse_error(
    std::function<void(std::string_view, boost::system::error_code)> h) {
    state_->on_parse_error = std::move(h);
}

SOCKSPEC_DECL void server::on_handler_error(std::function<void(std::exception_ptr)> h) {
    state_->on_handler_error = std::move(h);
}

SOCKSPEC_DECL boost::system::error_code server::listen(boost::asio::ip::tcp::endpoint const& endpoint) {
    return engine_.listen(endpoint);
}

SOCKSPEC_DECL boost::asio::ip::tcp::endpoint server::local_endpoint() const {
    return engine_.local_endpoint();
}

SOCKSPEC_DECL void server::close() {
    if (state_->closing.exchange(true)) return;
    // socket.io `close()`: every socket gets "server shutting down", then the engine closes.
    boost::asio::post(state_->strand, [st = state_] { st->shutdown(); });
    engine_.close();
}

}  // namespace sockspec::server
