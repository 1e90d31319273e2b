package io.jlvs.health;

import io.jlvs.health.internal.check.DnsExchange;
import io.jlvs.health.internal.check.ProbeFailedException;
import io.jlvs.health.internal.check.Probes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks the real server, a DNS server, one question (keepalived's DNS_CHECK): up when it answers
 * NOERROR and, when {@code expect} is set, one answer record of the asked type equals it.
 *
 * <p>The query goes over UDP and is repeated over TCP when the reply is truncated (RFC 1035 4.2,
 * RFC 7766); with {@code tcp} it goes over TCP only. Replies with another ID are ignored, as a
 * resolver would. For A and AAAA the expected answer is an address, compared as an address;
 * otherwise it is the record data as presentation text (e.g. {@code "10 mail.example.com."} for
 * MX), compared ignoring case, repeated blanks and a final dot.
 *
 * @param name       the name asked about; relative names are taken from the root
 * @param recordType the record type, as a mnemonic ("A", "AAAA", "MX", "SOA", ...)
 * @param expect     an answer that must be among those returned, or empty for NOERROR alone
 * @param tcp        ask over TCP only
 * @param options    timeouts and source address
 */
public record DnsCheck(String name, String recordType, Optional<String> expect, boolean tcp, ConnectOptions options)
        implements HealthCheck {

    public DnsCheck {
        io.jlvs.internal.Libraries.require("a DNS check (io.jlvs.health.DnsCheck)", io.jlvs.internal.Libraries.DNSJAVA);
        Objects.requireNonNull(name, "name");
        try {
            Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("DNS name '" + name + "' is not a domain name: " + e.getMessage(), e);
        }
        Objects.requireNonNull(recordType, "record type");
        recordType = recordType.toUpperCase(Locale.ROOT);
        int type = Type.value(recordType);
        if (type < 0 || !Type.isRR(type)) {
            throw new IllegalArgumentException("DNS type '" + recordType + "' is not a record type");
        }
        Objects.requireNonNull(expect, "expect (use Optional.empty())");
        if (expect.isPresent()) {
            String text = expect.get().strip();
            if (text.isEmpty()) {
                throw new IllegalArgumentException("expected DNS answer is empty (leave it out to expect NOERROR alone)");
            }
            if (type == Type.A && Address.toByteArray(text, Address.IPv4) == null) {
                throw new IllegalArgumentException("expected A answer '" + text + "' is not an IPv4 address");
            }
            if (type == Type.AAAA && Address.toByteArray(text, Address.IPv6) == null) {
                throw new IllegalArgumentException("expected AAAA answer '" + text + "' is not an IPv6 address");
            }
            expect = Optional.of(text);
        }
        Objects.requireNonNull(options, "options");
    }

    /** Asks for {@code name}'s {@code type} records, expecting NOERROR, over UDP with default timeouts. */
    public static DnsCheck of(String name, String type) {
        return new DnsCheck(name, type, Optional.empty(), false, ConnectOptions.defaults());
    }

    public DnsCheck expecting(String answer) {
        return new DnsCheck(name, recordType, Optional.of(answer), tcp, options);
    }

    public DnsCheck overTcp() {
        return new DnsCheck(name, recordType, expect, true, options);
    }

    public DnsCheck withOptions(ConnectOptions newOptions) {
        return new DnsCheck(name, recordType, expect, tcp, newOptions);
    }

    @Override
    public ProbeResult probe(InetSocketAddress target) throws InterruptedException {
        return Probes.run(clock -> {
            int type = Type.value(recordType);
            Message reply = DnsExchange.ask(target, options, question(type), tcp);
            int rcode = reply.getRcode();
            if (rcode != Rcode.NOERROR) {
                throw new ProbeFailedException(recordType + " " + name + ": " + Rcode.string(rcode));
            }
            List<Record> answers = reply.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type).toList();
            if (expect.isEmpty()) {
                return clock.up("NOERROR, " + answers.size() + " " + recordType + " answer(s)");
            }
            for (Record answer : answers) {
                if (matches(answer, expect.get())) {
                    return clock.up("NOERROR, " + recordType + " " + expect.get());
                }
            }
            throw new ProbeFailedException(recordType + " " + name + ": no answer " + expect.get() + " among "
                    + answers.stream().map(Record::rdataToString).toList());
        });
    }

    private Record question(int type) throws ProbeFailedException {
        try {
            return Record.newRecord(Name.fromString(name, Name.root), type, org.xbill.DNS.DClass.IN);
        } catch (TextParseException e) {
            throw new ProbeFailedException("DNS name '" + name + "': " + e.getMessage());
        }
    }

    private static boolean matches(Record answer, String expected) {
        InetAddress address = answer instanceof ARecord a ? a.getAddress()
                : answer instanceof AAAARecord aaaa ? aaaa.getAddress() : null;
        if (address != null) {
            byte[] bytes = Address.toByteArray(expected, answer instanceof ARecord ? Address.IPv4 : Address.IPv6);
            return bytes != null && java.util.Arrays.equals(bytes, address.getAddress());
        }
        return normalize(answer.rdataToString()).equals(normalize(expected));
    }

    private static String normalize(String text) {
        String words = text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return words.endsWith(".") ? words.substring(0, words.length() - 1) : words;
    }

    @Override
    public Duration timeout() {
        return options.total();
    }

    @Override
    public String type() {
        return "dns";
    }
}
