// The members of sockspec::engineio::client over sockspec::test::fake_engine (fake_engine.hpp).
#include "fake_engine.hpp"

#include <boost/asio/post.hpp>

namespace sockspec::test {

std::vector<std::shared_ptr<fake_engine>>& fake_engines() {
    static std::vector<std::shared_ptr<fake_engine>> all;
    return all;
}

void reset_fake_engines() {
    fake_engines().clear();
}

void fake_engine::accept() {
    boost::asio::post(strand, [this] {
        if (closed || is_open) return;
        is_open = true;
        engineio::handshake h;
        h.sid = "fake-sid";
        if (on_open) on_open(h);
    });
}

void fake_engine::fail(boost::system::error_code ec) {
    boost::asio::post(strand, [this, ec] {
        if (closed) return;
        closed = true;
        if (on_close) on_close("transport error", ec);
    });
}

void fake_engine::deliver(std::string data, bool binary) {
    boost::asio::post(strand, [this, data = std::move(data), binary]() mutable {
        if (closed || !is_open) return;
        if (on_message) on_message(std::move(data), binary);
    });
}

void fake_engine::drop(std::string reason) {
    boost::asio::post(strand, [this, reason] {
        if (closed) return;
        closed = true;
        is_open = false;
        if (on_close) on_close(reason, {});
    });
}

}  // namespace sockspec::test

namespace sockspec::engineio {

struct client::impl {
    std::shared_ptr<test::fake_engine> f;
};

std::shared_ptr<client> client::create(boost::asio::any_io_executor ex, std::string url,
                                       client_options opts) {
    return std::shared_ptr<client>(new client(std::move(ex), std::move(url), std::move(opts)));
}

client::client(boost::asio::any_io_executor ex, std::string url, client_options opts)
    : impl_(std::make_shared<impl>()) {
    impl_->f = std::make_shared<test::fake_engine>(ex);
    impl_->f->url = std::move(url);
    impl_->f->opts = std::move(opts);
    test::fake_engines().push_back(impl_->f);
}

client::~client() {
    // As the real client: dropped without close(), no handler runs any more.
    auto& f = *impl_->f;
    f.on_open = nullptr;
    f.on_message = nullptr;
    f.on_close = nullptr;
    f.on_upgrade = nullptr;
    f.closed = true;
}

void client::on_open(open_handler h) {
    impl_->f->on_open = std::move(h);
}
void client::on_message(message_handler h) {
    impl_->f->on_message = std::move(h);
}
void client::on_close(close_handler h) {
    impl_->f->on_close = std::move(h);
}
void client::on_upgrade(upgrade_handler h) {
    impl_->f->on_upgrade = std::move(h);
}

void client::open() {
    impl_->f->open_called = true;
}

void client::send(std::string data, bool binary) {
    if (impl_->f->closed) return;
    impl_->f->sent.emplace_back(std::move(data), binary);
}

void client::close() {
    auto f = impl_->f;
    if (f->closed) return;
    f->closed = true;
    f->is_open = false;
    // on_close runs once, later (as a real close that completes asynchronously).
    boost::asio::post(f->strand, [f] {
        if (f->on_close) f->on_close("forced close", {});
    });
}

boost::asio::strand<boost::asio::any_io_executor> const& client::get_executor() const noexcept {
    return impl_->f->strand;
}

std::string const& client::id() const noexcept {
    static std::string const sid = "fake-sid";
    return sid;
}

transport_type client::transport() const noexcept {
    return impl_->f->transport;
}
bool client::is_open() const noexcept {
    return impl_->f->is_open;
}
std::size_t client::buffered_amount() const noexcept {
    return impl_->f->buffered;
}

}  // namespace sockspec::engineio
