package io.jlvs.ipvs.internal;

import static io.jlvs.ipvs.internal.IpvsCodecTestMessages.hostOrder;
import static io.jlvs.ipvs.internal.IpvsCodecTestMessages.message;
import static io.jlvs.ipvs.internal.IpvsCodecTestMessages.parse;
import static io.jlvs.ipvs.internal.IpvsUapi.*;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.IpvsArbitraries;
import io.jlvs.netlink.Attributes;
import io.jlvs.netlink.MalformedMessageException;
import io.jlvs.netlink.Message;
import io.jlvs.netlink.MessageWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Whatever bytes arrive, every IPVS decoder either returns a value or throws
 * {@link MalformedMessageException}, which the client reports as a ProtocolException; never another
 * exception (an IllegalArgumentException from a value type, an index error) and never a hang. The
 * bytes go through {@link Message#parseAll} and {@link Message#genlAttributes} as a reply would.
 */
class IpvsCodecFuzzTest {
    private static final Duration PER_TRY = Duration.ofSeconds(10);

    /** Every decoder of kernel replies, by name. */
    private static final Map<String, Function<Attributes, Object>> DECODERS = decoders();

    private static Map<String, Function<Attributes, Object>> decoders() {
        Map<String, Function<Attributes, Object>> d = new LinkedHashMap<>();
        d.put("service", IpvsCodec::readServiceEntry);
        d.put("real server of IPv4 service", a -> IpvsCodec.readRealServerEntry(a, AddressFamily.INET));
        d.put("real server of IPv6 service", a -> IpvsCodec.readRealServerEntry(a, AddressFamily.INET6));
        d.put("daemon", IpvsCodec::readDaemon);
        d.put("timeouts", IpvsCodec::readTimeouts);
        d.put("info", IpvsCodec::readInfo);
        return d;
    }

    @Property(tries = 500)
    void arbitraryDatagramsAreDecodedOrMalformed(@ForAll @Size(max = 600) byte[] datagram) {
        bounded(() -> decodeEverything(datagram));
    }

    @Property(tries = 500)
    void arbitraryAttributeBytesInAWellFramedMessageAreDecodedOrMalformed(@ForAll @Size(max = 600) byte[] attributes) {
        bounded(() -> decodeEverything(message(IPVS_CMD_NEW_SERVICE, w -> w.putRaw(attributes))));
    }

    @Property(tries = 600)
    @StatisticsReport(onFailureOnly = true)
    void randomAttributesOfIpvsTypesAndWidthsAreDecodedOrMalformed(@ForAll("ipvsShapedMessages") byte[] datagram) {
        collect(bounded(() -> decodeEverything(datagram)));
    }

    @Property(tries = 300)
    void everyTruncationOfAValidReplyIsDecodedOrMalformed(@ForAll("validReplies") byte[] datagram) {
        bounded(() -> {
            for (int length = 0; length <= datagram.length; length++) {
                byte[] cut = Arrays.copyOf(datagram, length);
                decodeEverything(cut); // the header still claims the full length
                if (length >= 16) {
                    decodeEverything(withMessageLength(cut, length)); // the header agrees, the attributes are cut
                }
            }
            return null;
        });
    }

    @Property(tries = 1000)
    @StatisticsReport(onFailureOnly = true)
    void aValidReplyWithCorruptedBytesIsDecodedOrMalformed(
            @ForAll("validReplies") byte[] datagram,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 100_000) Integer> positions,
            @ForAll @Size(min = 8, max = 8) byte[] values) {
        byte[] corrupt = datagram.clone();
        for (int i = 0; i < positions.size(); i++) {
            // Past struct nlmsghdr, so that the corruption reaches the attributes rather than the framing.
            int at = 16 + positions.get(i) % Math.max(1, corrupt.length - 16);
            if (at < corrupt.length) {
                corrupt[at] = values[i];
            }
        }
        collect(bounded(() -> decodeEverything(corrupt)));
        // Not vacuous: corrupted replies of each main kind are sometimes still readable, sometimes not.
        for (String kind : List.of("service", "real server of IPv4 service", "daemon")) {
            Statistics.label(kind).coverage(c -> {
                c.check("decoded").count(n -> n > 0);
                c.check("malformed").count(n -> n > 0);
            });
        }
    }

    // ---- the check -----------------------------------------------------------------------------------

    /**
     * Feeds {@code datagram} to every decoder. Any exception but MalformedMessageException escapes
     * and fails the property. Says, per decoder, whether it returned a value for every message.
     */
    private static Map<String, String> decodeEverything(byte[] datagram) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        DECODERS.forEach((name, decoder) -> {
            try {
                for (Message m : parse(datagram)) {
                    decoder.apply(m.genlAttributes());
                }
                outcomes.put(name, "decoded");
            } catch (MalformedMessageException expected) {
                outcomes.put(name, "malformed"); // the one allowed failure
            }
        });
        return outcomes;
    }

    /** Never a hang: the whole try is bounded. */
    private static <T> T bounded(ThrowingSupplier<T> work) {
        return assertTimeoutPreemptively(PER_TRY, work);
    }

    private static void collect(Map<String, String> outcomes) {
        outcomes.forEach((name, outcome) -> Statistics.label(name).collect(outcome));
    }

    private static byte[] withMessageLength(byte[] datagram, int length) {
        byte[] out = datagram.clone();
        hostOrder(4).putInt(length).flip().get(out, 0, 4);
        return out;
    }

    /** {@code value} as a host-order integer of {@code width} bytes: plausible small enum values. */
    private static byte[] smallNumber(int width, int value) {
        return switch (width) {
            case 2 -> hostOrder(2).putShort((short) value).array();
            case 4 -> hostOrder(4).putInt(value).array();
            default -> hostOrder(8).putLong(value).array();
        };
    }

    // ---- arbitraries ---------------------------------------------------------------------------------

    /** One datagram holding a valid reply of each kind the client decodes. */
    @Provide
    Arbitrary<byte[]> validReplies() {
        Arbitrary<Consumer<MessageWriter>> services = IpvsArbitraries.serviceEntries()
                .map(e -> w -> IpvsCodec.writeServiceEntry(w, e));
        Arbitrary<Consumer<MessageWriter>> realServers = IpvsArbitraries.realServerEntries()
                .map(e -> w -> IpvsCodec.writeRealServerEntry(w, e));
        Arbitrary<Consumer<MessageWriter>> daemons = IpvsArbitraries.syncDaemons().map(d -> w -> IpvsCodec.writeDaemon(w, d));
        Arbitrary<Consumer<MessageWriter>> timeouts = IpvsArbitraries.timeouts().map(t -> w -> IpvsCodec.writeTimeouts(w, t));
        Arbitrary<Consumer<MessageWriter>> infos = IpvsArbitraries.infos().map(i -> w -> IpvsCodec.writeInfo(w, i));
        return Arbitraries.oneOf(services, realServers, daemons, timeouts, infos)
                .map(body -> message(IPVS_CMD_NEW_SERVICE, body));
    }

    /**
     * Messages whose attributes have IPVS types (nests 1..3 with members 0..16, top-level 1..6) and
     * the widths the decoders expect, or nearly: well-formed netlink that reaches deep into the decoders
     * with wrong values, missing and repeated attributes, wrong sizes and nests where values belong.
     */
    @Provide
    Arbitrary<byte[]> ipvsShapedMessages() {
        Arbitrary<byte[]> payloads = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 24).flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n)),
                Arbitraries.of(1, 2, 4, 8, 16).flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n)),
                Arbitraries.of(2, 4, 8).flatMap(n -> Arbitraries.integers().between(0, 20)
                        .map(v -> smallNumber(n, v))),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_-./ :").ofMaxLength(20)
                        .map(s -> (s + "\0").getBytes(StandardCharsets.UTF_8)));
        Arbitrary<Consumer<MessageWriter>> member = Combinators.combine(Arbitraries.integers().between(0, 16), payloads)
                .as((type, payload) -> w -> w.putBytes(type, payload));
        Arbitrary<Consumer<MessageWriter>> stats = Combinators.combine(
                        Arbitraries.of(IPVS_SVC_ATTR_STATS, IPVS_SVC_ATTR_STATS64), member.list().ofMaxSize(12))
                .as((type, members) -> w -> {
                    int n = w.beginNested(type);
                    members.forEach(m -> m.accept(w));
                    w.endNested(n);
                });
        Arbitrary<Consumer<MessageWriter>> nestMember = Arbitraries.frequencyOf(
                Tuple.of(8, member), Tuple.of(1, stats));
        Arbitrary<Consumer<MessageWriter>> nest = Combinators.combine(
                        Arbitraries.of(IPVS_CMD_ATTR_SERVICE, IPVS_CMD_ATTR_DEST, IPVS_CMD_ATTR_DAEMON),
                        nestMember.list().ofMaxSize(20))
                .as((type, members) -> w -> {
                    int n = w.beginNested(type);
                    members.forEach(m -> m.accept(w));
                    w.endNested(n);
                });
        Arbitrary<Consumer<MessageWriter>> topMember = Combinators.combine(Arbitraries.integers().between(1, 6), payloads)
                .as((type, payload) -> w -> w.putBytes(type, payload));
        return Arbitraries.frequencyOf(Tuple.of(3, nest), Tuple.of(1, topMember))
                .list().ofMaxSize(6)
                .map(parts -> message(IPVS_CMD_NEW_SERVICE, w -> parts.forEach(p -> p.accept(w))));
    }
}
