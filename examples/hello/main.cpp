// A typed chat server: every handler and emit is checked against schema/chat.yaml.
#include <sockspec/gen/chat.hpp>
#include <sockspec/typed/server.hpp>

#include <boost/asio/ip/address.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
    boost::asio::io_context ioc;
    sockspec::server::server io(ioc);
    auto root = sockspec::typed::of<chat::nsp_root>(io);
    root.on<chat::join_conversation>([](auto& socket, chat::join_conversation_payload const& r) {
        socket.join(r.conversation_id);
    });
    root.on<chat::send_message>([root](auto& socket, chat::send_message_payload const& m) {
        root.to(m.conversation_id).emit<chat::new_message>(chat::new_message_payload{
            .id = "65f000000000000000000001", .conversation_id = m.conversation_id,
            .sender_id = "65f0000000000000000000aa", .sender_name = "user " + socket.id(),
            .text = m.text, .created_at = "2026-11-22T00:00:00Z"});
    });
    auto const port = static_cast<unsigned short>(argc > 1 ? std::stoi(argv[1]) : 3000);
    io.listen({boost::asio::ip::make_address("127.0.0.1"), port});
    std::cout << "listening on " << io.local_endpoint().port() << std::endl;
    ioc.run();
}
