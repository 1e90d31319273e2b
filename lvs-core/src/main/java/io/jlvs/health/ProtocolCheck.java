package io.jlvs.health;

import io.jlvs.health.internal.check.ConversationBounds;
import io.jlvs.health.internal.check.Deadline;
import io.jlvs.health.internal.check.Probes;
import io.jlvs.health.internal.check.ProtocolDialogues;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A conversation in a line protocol, spoken with Apache Commons Net's client: the server must greet
 * positively, accept the optional login, and is then told goodbye.
 *
 * <ul>
 *   <li>SMTP: 2xx greeting, {@code HELO heloName} answered 2xx, QUIT (keepalived's SMTP_CHECK).</li>
 *   <li>FTP: 2xx greeting (220), optional USER/PASS, QUIT.</li>
 *   <li>POP3: {@code +OK} greeting, optional USER/PASS, QUIT.</li>
 *   <li>IMAP: {@code * OK} or {@code * PREAUTH} greeting, optional LOGIN, LOGOUT.</li>
 *   <li>NNTP: 200 or 201 greeting, optional AUTHINFO USER/PASS, QUIT.</li>
 * </ul>
 *
 * <p>The whole conversation, connect included, must end within {@link ConnectOptions#total()}, and
 * the server may send at most {@value #MAX_REPLY_BYTES} bytes in it; past either the socket is
 * closed and the server is down.
 *
 * @param application which protocol
 * @param login       credentials to log in with (not for SMTP), or empty
 * @param heloName    the name SMTP's HELO announces; only for SMTP
 * @param options     timeouts and source address
 */
public record ProtocolCheck(Application application, Optional<Login> login, Optional<String> heloName,
                            ConnectOptions options) implements HealthCheck {

    /**
     * The most bytes read from the server in one conversation, every reply together: greetings and
     * answers are a few lines, and a server that sends more (an endless line, endless continuation
     * lines) is down instead of filling the director's heap.
     */
    public static final int MAX_REPLY_BYTES = 64 * 1024;

    /** The name HELO announces when none is set. */
    public static final String DEFAULT_HELO_NAME = "localhost";

    /** The protocols spoken. */
    public enum Application { SMTP, FTP, POP3, IMAP, NNTP }

    /** A user name and password; {@link #toString()} hides the password, so checks can be logged. */
    public record Login(String user, String password) {
        public Login {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (user.isEmpty() || user.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
                throw new IllegalArgumentException("user '" + user + "' must be non-empty, without control characters");
            }
            if (password.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
                throw new IllegalArgumentException("password must not hold control characters");
            }
        }

        @Override
        public String toString() {
            return "Login[user=" + user + ", password=***]";
        }
    }

    public ProtocolCheck {
        io.jlvs.internal.Libraries.require("an SMTP/FTP/POP3/IMAP/NNTP check (io.jlvs.health.ProtocolCheck)", io.jlvs.internal.Libraries.COMMONS_NET);
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(login, "login (use Optional.empty())");
        Objects.requireNonNull(heloName, "heloName (use Optional.empty())");
        Objects.requireNonNull(options, "options");
        if (login.isPresent() && application == Application.SMTP) {
            throw new IllegalArgumentException("SMTP checks do not log in");
        }
        if (heloName.isPresent()) {
            if (application != Application.SMTP) {
                throw new IllegalArgumentException("a HELO name is for SMTP, not " + application);
            }
            String name = heloName.get();
            if (name.isEmpty() || name.chars().anyMatch(c -> c <= 0x20 || c == 0x7F)) {
                throw new IllegalArgumentException("HELO name '" + name + "' must be one word without control characters");
            }
        }
    }

    /** {@code application} with default timeouts, no login. */
    public static ProtocolCheck of(Application application) {
        return new ProtocolCheck(application, Optional.empty(), Optional.empty(), ConnectOptions.defaults());
    }

    public ProtocolCheck withLogin(String user, String password) {
        return new ProtocolCheck(application, Optional.of(new Login(user, password)), heloName, options);
    }

    public ProtocolCheck withOptions(ConnectOptions newOptions) {
        return new ProtocolCheck(application, login, heloName, newOptions);
    }

    @Override
    public ProbeResult probe(InetSocketAddress target) throws InterruptedException {
        return Probes.run(clock -> {
            try (ConversationBounds bounds = new ConversationBounds(Deadline.after(options.total()), MAX_REPLY_BYTES)) {
                String note = switch (application) {
                    case SMTP -> ProtocolDialogues.smtp(target, options, bounds, heloName.orElse(DEFAULT_HELO_NAME));
                    case FTP -> ProtocolDialogues.ftp(target, options, bounds, login);
                    case POP3 -> ProtocolDialogues.pop3(target, options, bounds, login);
                    case IMAP -> ProtocolDialogues.imap(target, options, bounds, login);
                    case NNTP -> ProtocolDialogues.nntp(target, options, bounds, login);
                };
                return clock.up(note);
            }
        });
    }

    @Override
    public Duration timeout() {
        return options.total();
    }

    @Override
    public String type() {
        return application.name().toLowerCase(Locale.ROOT);
    }
}
