package io.jlvs.health.internal.check;

import io.jlvs.health.ConnectOptions;
import io.jlvs.health.ProtocolCheck.Login;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.commons.net.SocketClient;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.imap.IMAPClient;
import org.apache.commons.net.nntp.NNTPClient;
import org.apache.commons.net.nntp.NNTPReply;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;

/**
 * The conversations of {@link io.jlvs.health.ProtocolCheck}, one method per protocol, on Commons
 * Net clients. Each returns a short note when the server behaved, throws {@link ProbeFailedException}
 * naming the step and the server's reply when not, and always disconnects. Every client reads through
 * sockets of its {@link ConversationBounds}, so a server that never stops talking is cut off at the
 * byte cap or the deadline, whichever comes first.
 */
public final class ProtocolDialogues {
    private ProtocolDialogues() {}

    /** A step of a conversation that may fail with a network error. */
    @FunctionalInterface
    private interface Dialogue<C extends SocketClient> {
        String talk(C client) throws IOException, ProbeFailedException;
    }

    public static String smtp(InetSocketAddress target, ConnectOptions options, ConversationBounds bounds, String heloName)
            throws IOException, ProbeFailedException {
        SMTPClient c = new SMTPClient();
        return converse(c, c::getReplyString, "SMTP", target, options, bounds, client -> {
            String greeting = client.getReplyString().trim();
            if (!SMTPReply.isPositiveCompletion(client.getReplyCode())) {
                throw new ProbeFailedException("SMTP greeting: " + brief(greeting));
            }
            client.setSoTimeout(bounds.deadline().remainingMillis());
            if (!SMTPReply.isPositiveCompletion(client.helo(heloName))) {
                throw new ProbeFailedException("SMTP HELO: " + brief(client.getReplyString()));
            }
            client.setSoTimeout(bounds.deadline().remainingMillis());
            client.quit();
            return "SMTP " + brief(greeting);
        });
    }

    public static String ftp(InetSocketAddress target, ConnectOptions options, ConversationBounds bounds, Optional<Login> login)
            throws IOException, ProbeFailedException {
        FTPClient c = new FTPClient();
        return converse(c, c::getReplyString, "FTP", target, options, bounds, client -> {
            String greeting = client.getReplyString().trim();
            if (!FTPReply.isPositiveCompletion(client.getReplyCode())) {
                throw new ProbeFailedException("FTP greeting: " + brief(greeting));
            }
            if (login.isPresent()) {
                client.setSoTimeout(bounds.deadline().remainingMillis());
                if (!client.login(login.get().user(), login.get().password())) {
                    throw new ProbeFailedException("FTP login as " + login.get().user() + ": " + brief(client.getReplyString()));
                }
            }
            client.setSoTimeout(bounds.deadline().remainingMillis());
            client.logout();
            return "FTP " + brief(greeting) + (login.isPresent() ? ", logged in" : "");
        });
    }

    public static String pop3(InetSocketAddress target, ConnectOptions options, ConversationBounds bounds, Optional<Login> login)
            throws IOException, ProbeFailedException {
        POP3Client c = new POP3Client();
        return converse(c, c::getReplyString, "POP3", target, options, bounds, client -> {
            String greeting = client.getReplyString().trim();
            if (!greeting.startsWith("+OK")) {
                throw new ProbeFailedException("POP3 greeting: " + brief(greeting));
            }
            if (login.isPresent()) {
                client.setSoTimeout(bounds.deadline().remainingMillis());
                if (!client.login(login.get().user(), login.get().password())) {
                    throw new ProbeFailedException("POP3 login as " + login.get().user() + ": " + brief(client.getReplyString()));
                }
            }
            client.setSoTimeout(bounds.deadline().remainingMillis());
            client.logout();
            return "POP3 " + brief(greeting) + (login.isPresent() ? ", logged in" : "");
        });
    }

    public static String imap(InetSocketAddress target, ConnectOptions options, ConversationBounds bounds, Optional<Login> login)
            throws IOException, ProbeFailedException {
        IMAPClient c = new IMAPClient();
        return converse(c, c::getReplyString, "IMAP", target, options, bounds, client -> {
            String greeting = client.getReplyString().trim();
            // greeting = "*" SP (resp-cond-auth / resp-cond-bye)  (RFC 9051 7.1)
            if (!greeting.startsWith("* OK") && !greeting.startsWith("* PREAUTH")) {
                throw new ProbeFailedException("IMAP greeting: " + brief(greeting));
            }
            if (login.isPresent()) {
                client.setSoTimeout(bounds.deadline().remainingMillis());
                if (!client.login(login.get().user(), login.get().password())) {
                    throw new ProbeFailedException("IMAP login as " + login.get().user() + ": " + brief(client.getReplyString()));
                }
            }
            client.setSoTimeout(bounds.deadline().remainingMillis());
            client.logout();
            return "IMAP " + brief(greeting) + (login.isPresent() ? ", logged in" : "");
        });
    }

    public static String nntp(InetSocketAddress target, ConnectOptions options, ConversationBounds bounds, Optional<Login> login)
            throws IOException, ProbeFailedException {
        NNTPClient c = new NNTPClient();
        return converse(c, c::getReplyString, "NNTP", target, options, bounds, client -> {
            String greeting = client.getReplyString().trim();
            int code = client.getReplyCode();
            // 200 posting allowed, 201 posting prohibited (RFC 3977 5.1.1)
            if (code != NNTPReply.SERVER_READY_POSTING_ALLOWED && code != NNTPReply.SERVER_READY_POSTING_NOT_ALLOWED) {
                throw new ProbeFailedException("NNTP greeting: " + brief(greeting));
            }
            if (login.isPresent()) {
                client.setSoTimeout(bounds.deadline().remainingMillis());
                if (!client.authenticate(login.get().user(), login.get().password())) {
                    throw new ProbeFailedException("NNTP login as " + login.get().user() + ": " + brief(client.getReplyString()));
                }
            }
            client.setSoTimeout(bounds.deadline().remainingMillis());
            client.logout();
            return "NNTP " + brief(greeting) + (login.isPresent() ? ", logged in" : "");
        });
    }

    private static <C extends SocketClient> String converse(C client, Supplier<String> lastReply, String protocol,
                                                            InetSocketAddress target,
                                                            ConnectOptions options, ConversationBounds bounds,
                                                            Dialogue<C> dialogue)
            throws IOException, ProbeFailedException {
        client.setSocketFactory(bounds.socketFactory());
        client.setConnectTimeout(Probes.millis(options.connectTimeout()));
        // The greeting is read inside connect() with the default timeout: the read budget.
        client.setDefaultTimeout(Probes.millis(options.readTimeout()));
        InetAddress local = options.source().orElse(null);
        try {
            try {
                client.connect(target.getAddress(), target.getPort(), local, 0);
            } catch (ConversationBounds.ReplyTooLongException e) {
                throw new ProbeFailedException(protocol + " server sent " + e.getMessage());
            } catch (SocketTimeoutException e) {
                throw new ProbeFailedException(client.isConnected()
                        ? protocol + " greeting not received within " + Probes.format(options.readTimeout())
                        : "connect timed out after " + Probes.format(options.connectTimeout()));
            } catch (BindException e) {
                throw new ProbeFailedException("cannot bind source address " + local.getHostAddress() + ": " + e.getMessage());
            }
            return dialogue.talk(client);
        } catch (ConversationBounds.ReplyTooLongException e) {
            throw new ProbeFailedException(protocol + " server sent " + e.getMessage());
        } catch (SocketTimeoutException e) {
            throw new ProbeFailedException(protocol + " conversation not done within " + Probes.format(bounds.deadline().budget()));
        } catch (SocketException e) {
            if (bounds.deadline().passed() && !Thread.currentThread().isInterrupted()) {
                // the deadline closed the socket under a read or a write
                throw new ProbeFailedException(protocol + " conversation not done within " + Probes.format(bounds.deadline().budget()));
            }
            throw e; // refused, reset, unreachable: Probes names these
        } catch (IOException e) {
            if (bounds.overflowed()) {
                // Commons Net may wrap the refusal of a read (FTP turns it into a closed connection)
                throw new ProbeFailedException(protocol + " server sent more than " + bounds.maxBytes()
                        + " bytes without finishing its replies");
            }
            // Commons Net reports an unreadable reply as MalformedServerReplyException, and a 421
            // (SMTP, FTP) or 400 (NNTP) "closing" reply as a ...ConnectionClosedException
            String reply = lastReply.get();
            if (e.getClass().getSimpleName().endsWith("ConnectionClosedException") && reply != null && !reply.isBlank()) {
                throw new ProbeFailedException(protocol + " closed the connection after: " + brief(reply));
            }
            throw new ProbeFailedException(protocol + ": " + brief(String.valueOf(e.getMessage())));
        } finally {
            if (client.isConnected()) {
                try {
                    client.disconnect();
                } catch (IOException ignored) {
                    // the answer is already known
                }
            }
        }
    }

    private static String brief(String reply) {
        String line = reply.strip().replaceAll("[\\r\\n]+", " | ");
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
