package io.jlvs.health;

import io.jlvs.health.internal.check.Argv;
import io.jlvs.health.internal.check.SettingValues;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds a {@link HealthCheck} from the key/value settings of a configuration file.
 *
 * <p>Every check has {@code type}. Network checks (all but {@code program}) also take:
 * <table>
 *   <caption>Common settings</caption>
 *   <tr><th>key</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>timeout</td><td>connect and read timeout both: seconds ({@code 5}, {@code 2.5}) or
 *       {@code 500ms}/{@code 5s}; positive, at most a day</td><td>5s</td></tr>
 *   <tr><td>connect_timeout</td><td>longest wait for the TCP handshake (overrides timeout)</td><td>timeout</td></tr>
 *   <tr><td>read_timeout</td><td>longest wait for the whole answer after connecting (overrides timeout)</td><td>timeout</td></tr>
 *   <tr><td>source</td><td>local IP address (a literal) to bind before connecting</td><td>kernel's choice</td></tr>
 * </table>
 *
 * <p>Per type:
 * <table>
 *   <caption>Settings per check type</caption>
 *   <tr><th>type</th><th>keys</th><th>check</th></tr>
 *   <tr><td>tcp</td><td>{@code send} bytes with escapes {@code \r \n \t \0 \\ \xHH} (default none);
 *       {@code expect} a literal with the same escapes, or a regex with {@code use_regex=yes};
 *       without send and expect: a connect check</td>
 *       <td>{@link TcpConnectCheck} or {@link SendExpectCheck}</td></tr>
 *   <tr><td>udp</td><td>{@code send} (required), {@code expect}, {@code use_regex}</td><td>{@link SendExpectCheck}</td></tr>
 *   <tr><td>http, https</td><td>{@code path} (default {@code /}); {@code status} codes and ranges such
 *       as {@code 200-299,302} (default 200-299); {@code digest} MD5 hex of the body; {@code regex} found
 *       in the body; {@code host} the Host header; {@code max_body} bytes read, 1..67108864 (default
 *       1048576); https only: {@code sni} server name, {@code tls_verify} yes/no (default no)</td>
 *       <td>{@link HttpCheck}</td></tr>
 *   <tr><td>smtp</td><td>{@code helo} name (default localhost)</td><td>{@link ProtocolCheck}</td></tr>
 *   <tr><td>ftp, pop3, imap, nntp</td><td>{@code user} and {@code password} to log in (both or neither)</td>
 *       <td>{@link ProtocolCheck}</td></tr>
 *   <tr><td>dns</td><td>{@code dns_name} (required); {@code dns_type} (default A); {@code dns_expect} an
 *       answer that must be returned (an address for A/AAAA, record text otherwise; default: NOERROR
 *       alone); {@code dns_tcp} yes/no, TCP only (default no: UDP, TCP when truncated)</td>
 *       <td>{@link DnsCheck}</td></tr>
 *   <tr><td>program</td><td>{@code program} command line (required), split into words as a shell would
 *       ('single', "double" quotes, backslash) but never run by one, with {@code %h} = real server
 *       address, {@code %p} = port, {@code %%} = %; {@code timeout} before the process tree is killed
 *       (default 5s); {@code weight} none, exit (keepalived misc_dynamic) or stdout (default none);
 *       {@code expect}/{@code use_regex} on its standard output. No connect_timeout, read_timeout or source.</td>
 *       <td>{@link ProgramCheck}</td></tr>
 *   <tr><td>file</td><td>{@code file} an absolute path (required; {@code %h}, {@code %p} as for program)
 *       holding one integer; {@code file_weight} multiplier (default 0: 0 is up, anything else down;
 *       otherwise the server's weight is value × multiplier, 0 or less down); {@code file_reverse}
 *       yes/no (default no). keepalived's FILE_CHECK. No other keys.</td>
 *       <td>{@link FileCheck}</td></tr>
 *   <tr><td>ping</td><td>{@code timeout} for the echo reply (default 5s) and {@code source}; the port is
 *       not used. keepalived's PING_CHECK: ICMP or ICMPv6 echo on a datagram ICMP socket, or a raw one
 *       (CAP_NET_RAW) where {@code net.ipv4.ping_group_range} excludes the process's group.</td>
 *       <td>{@link PingCheck}</td></tr>
 * </table>
 *
 * <p>Anything else is refused with an {@link InvalidHealthCheckException} naming the key and value:
 * an unknown type, a key the type does not take, a missing required key, a value that does not
 * parse or is out of range, a regular expression that does not compile.
 */
public final class HealthChecks {
    private HealthChecks() {}

    private static final Set<String> NETWORK = Set.of("type", "timeout", "connect_timeout", "read_timeout", "source");
    private static final Set<String> SEND_EXPECT = Set.of("send", "expect", "use_regex");
    private static final Set<String> HTTP = Set.of("path", "status", "digest", "regex", "host", "max_body");
    private static final Set<String> TLS = Set.of("sni", "tls_verify");
    private static final Set<String> LOGIN = Set.of("user", "password");
    private static final Set<String> DNS = Set.of("dns_name", "dns_type", "dns_expect", "dns_tcp");
    private static final Set<String> PROGRAM = Set.of("type", "program", "timeout", "weight", "expect", "use_regex");

    /** The check the settings describe; InvalidHealthCheckException names the bad setting. */
    public static HealthCheck fromSettings(Map<String, String> settings) {
        Objects.requireNonNull(settings, "settings");
        SettingValues values = new SettingValues(settings);
        String type = values.required("type").toLowerCase(Locale.ROOT);
        return switch (type) {
            case "tcp" -> {
                values.onlyKeys(type, union(NETWORK, SEND_EXPECT));
                ConnectOptions options = connectOptions(values);
                if (values.text("send").isEmpty() && values.text("expect").isEmpty()) {
                    if (values.text("use_regex").isPresent()) {
                        throw new InvalidHealthCheckException("use_regex", settings.get("use_regex"), "needs expect");
                    }
                    yield new TcpConnectCheck(options);
                }
                yield sendExpect(values, SendExpectCheck.Transport.TCP, options);
            }
            case "udp" -> {
                values.onlyKeys(type, union(NETWORK, SEND_EXPECT));
                values.required("send");
                yield sendExpect(values, SendExpectCheck.Transport.UDP, connectOptions(values));
            }
            case "http", "https" -> http(values, type.equals("https"));
            case "smtp", "ftp", "pop3", "imap", "nntp" -> protocol(values, type);
            case "dns" -> dns(values);
            case "program" -> program(values);
            case "file" -> file(values);
            case "ping" -> ping(values);
            default -> throw new InvalidHealthCheckException("type", settings.get("type"),
                    "unknown check type (known: tcp, udp, http, https, smtp, ftp, pop3, imap, nntp, dns, program, file, ping)");
        };
    }

    private static ConnectOptions connectOptions(SettingValues values) {
        Duration timeout = values.duration("timeout").orElse(ConnectOptions.DEFAULT_TIMEOUT);
        Optional<InetAddress> source = values.address("source");
        return new ConnectOptions(values.duration("connect_timeout").orElse(timeout),
                values.duration("read_timeout").orElse(timeout), source);
    }

    private static Expectation expectation(SettingValues values) {
        boolean regex = values.bool("use_regex", false);
        String text = values.text("expect").orElse("");
        if (regex && text.isEmpty()) {
            throw new InvalidHealthCheckException("use_regex", values.text("use_regex").orElse(""), "needs expect");
        }
        return values.parse("expect", text, t -> new Expectation(t, regex));
    }

    private static SendExpectCheck sendExpect(SettingValues values, SendExpectCheck.Transport transport,
                                              ConnectOptions options) {
        Expectation expect = expectation(values);
        String send = values.text("send").orElse("");
        return values.parse("send", send, s -> new SendExpectCheck(transport, s, expect, options));
    }

    private static HttpCheck http(SettingValues values, boolean tls) {
        String type = tls ? "https" : "http";
        values.onlyKeys(type, tls ? union(NETWORK, HTTP, TLS) : union(NETWORK, HTTP));
        String path = values.text("path").orElse("/");
        HttpCheck.Builder builder = tls ? HttpCheck.https(path) : HttpCheck.http(path);
        builder.options(connectOptions(values));
        values.parse("path", path, p -> builder.build());
        // each value is applied and checked alone, so an error names the key it came from
        apply(values, "status", v -> builder.status(StatusCodes.parse(v)));
        apply(values, "digest", v -> builder.digest(v.strip()));
        apply(values, "regex", builder::regex);
        apply(values, "host", v -> builder.host(v.strip()));
        apply(values, "sni", v -> builder.sni(v.strip()));
        values.integer("max_body", 1, HttpCheck.MAX_BODY_LIMIT).ifPresent(builder::maxBodyBytes);
        builder.tlsVerify(values.bool("tls_verify", false));
        return builder.build();
    }

    private static void apply(SettingValues values, String key, Function<String, HttpCheck.Builder> setter) {
        values.text(key).ifPresent(v -> values.parse(key, v, x -> setter.apply(x).build()));
    }

    private static ProtocolCheck protocol(SettingValues values, String type) {
        boolean smtp = type.equals("smtp");
        values.onlyKeys(type, smtp ? union(NETWORK, Set.of("helo")) : union(NETWORK, LOGIN));
        ProtocolCheck.Application application = ProtocolCheck.Application.valueOf(type.toUpperCase(Locale.ROOT));
        ConnectOptions options = connectOptions(values);
        Optional<String> helo = values.text("helo").map(String::strip);
        helo.ifPresent(h -> values.parse("helo", h, x -> new ProtocolCheck(application, Optional.empty(), Optional.of(x), options)));
        Optional<ProtocolCheck.Login> login = Optional.empty();
        if (values.text("user").isPresent() || values.text("password").isPresent()) {
            String user = values.required("user");
            String password = values.text("password").orElseThrow(
                    () -> new InvalidHealthCheckException("password", null, "is required with user"));
            login = Optional.of(values.parse("user", user, u -> new ProtocolCheck.Login(u, password)));
        }
        return new ProtocolCheck(application, login, helo, options);
    }

    private static DnsCheck dns(SettingValues values) {
        values.onlyKeys("dns", union(NETWORK, DNS));
        ConnectOptions options = connectOptions(values);
        String name = values.required("dns_name");
        values.parse("dns_name", name, n -> DnsCheck.of(n, "A"));
        String recordType = values.text("dns_type").map(String::strip).orElse("A");
        values.parse("dns_type", recordType, t -> DnsCheck.of(name, t));
        Optional<String> expect = values.text("dns_expect");
        expect.ifPresent(e -> values.parse("dns_expect", e, x -> DnsCheck.of(name, recordType).expecting(x)));
        return new DnsCheck(name, recordType, expect, values.bool("dns_tcp", false), options);
    }

    private static ProgramCheck program(SettingValues values) {
        values.onlyKeys("program", PROGRAM);
        String line = values.required("program");
        var argv = values.parse("program", line, Argv::split);
        Duration timeout = values.duration("timeout").orElse(ConnectOptions.DEFAULT_TIMEOUT);
        ProgramCheck.WeightSource weight = values.text("weight").map(w -> switch (w.strip().toLowerCase(Locale.ROOT)) {
            case "none" -> ProgramCheck.WeightSource.NONE;
            case "exit" -> ProgramCheck.WeightSource.EXIT_CODE;
            case "stdout" -> ProgramCheck.WeightSource.STDOUT;
            default -> throw new InvalidHealthCheckException("weight", w, "not one of none, exit, stdout");
        }).orElse(ProgramCheck.WeightSource.NONE);
        Expectation expect = expectation(values);
        return values.parse("program", line, l -> new ProgramCheck(argv, timeout, weight, expect));
    }

    private static FileCheck file(SettingValues values) {
        values.onlyKeys("file", Set.of("type", "file", "file_weight", "file_reverse"));
        String path = values.required("file").strip();
        int multiplier = values.integer("file_weight", -65535, 65535).orElse(0);
        boolean reverse = values.bool("file_reverse", false);
        return values.parse("file", path, p -> new FileCheck(p, multiplier, reverse));
    }

    private static PingCheck ping(SettingValues values) {
        values.onlyKeys("ping", Set.of("type", "timeout", "source"));
        return new PingCheck(values.duration("timeout").orElse(ConnectOptions.DEFAULT_TIMEOUT), values.address("source"));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> union(Set<String> a, Set<String> b, Set<String> c) {
        return union(union(a, b), c);
    }
}
