package io.jlvs.netlink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlvs.netlink.MalformedMessageException;
import io.jlvs.netlink.Message;
import io.jlvs.netlink.MessageWriter;
import io.jlvs.netlink.route.internal.RouteCodec;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** RouteCodec: what its writers lay out, its readers read back unchanged; short input is malformed, never a crash. */
class RouteCodecPropertyTest {

    private static Message written(int type, Consumer<MessageWriter> body) {
        MessageWriter w = new MessageWriter();
        w.beginMessage(type, 0, 1, 0);
        body.accept(w);
        w.endMessage();
        ByteBuffer b = w.flip();
        List<Message> messages = new ArrayList<>();
        Message.parseAll(b, b.limit(), messages::add);
        return messages.get(0);
    }

    @Provide
    Arbitrary<InetAddress> addresses() {
        Arbitrary<byte[]> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4);
        Arbitrary<byte[]> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16)
                .filter(b -> !(b[0] == 0 && b[1] == 0 && b[10] == -1 && b[11] == -1)); // not IPv4-mapped
        return Arbitraries.oneOf(v4, v6).map(b -> {
            try {
                return InetAddress.getByAddress(b);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Provide
    Arbitrary<AssignedAddress> assigned() {
        return Combinators.combine(addresses(), Arbitraries.integers().between(1, 1 << 20),
                Arbitraries.integers().between(0, 32), Arbitraries.of(AddressScope.GLOBAL, AddressScope.LINK, AddressScope.HOST),
                Arbitraries.integers().between(0, 0xfff), Arbitraries.strings().withCharRange('0', '9').ofMaxLength(3))
                .as((a, index, prefix, scope, flags, alias) -> {
                    String name = "if" + index;
                    boolean v4 = a.getAddress().length == 4;
                    String label = v4 && !alias.isEmpty() ? name + ":" + alias : name;
                    return new AssignedAddress(index, name, a, prefix, label, scope, flags);
                });
    }

    @Property
    void addressesRoundTrip(@ForAll("assigned") AssignedAddress a) {
        Message m = written(20, w -> RouteCodec.writeAssignedAddress(w, a));
        assertEquals(a, RouteCodec.readAddress(m, i -> "if" + i));
    }

    @Property
    void neighboursRoundTrip(@ForAll("addresses") InetAddress address, @ForAll byte[] macSeed,
                             @ForAll("states") NeighbourState state) {
        byte[] mac = java.util.Arrays.copyOf(macSeed, 6);
        Message m = written(28, w -> RouteCodec.writeNeighbour(w, 4, address, MacAddress.of(mac), 1 << (state.ordinal() - 1)));
        assertEquals(new Neighbour(4, "eth0", address, MacAddress.of(mac), state), RouteCodec.readNeighbour(m, i -> "eth0"));
    }

    @Provide
    Arbitrary<NeighbourState> states() {
        return Arbitraries.of(NeighbourState.values()).filter(s -> s != NeighbourState.NONE);
    }

    @Property
    void linksRoundTrip(@ForAll("macs") byte[] mac, @ForAll boolean up) {
        Link link = new Link(7, "eth0", MacAddress.of(mac), up, OperState.LOWER_LAYER_DOWN, 9000);
        assertEquals(link, RouteCodec.readLink(written(16, w -> RouteCodec.writeLink(w, link))));
    }

    @Provide
    Arbitrary<byte[]> macs() {
        return Arbitraries.bytes().array(byte[].class).ofSize(6);
    }

    @Property
    void aMessageShorterThanItsHeaderIsMalformed(@ForAll("shortBodies") byte[] body) {
        Message m = written(20, w -> w.putRaw(body));
        assertThrows(MalformedMessageException.class, () -> RouteCodec.readAddress(m, i -> "x"));
    }

    @Provide
    Arbitrary<byte[]> shortBodies() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(7);
    }
}
