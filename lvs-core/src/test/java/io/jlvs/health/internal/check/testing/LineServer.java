package io.jlvs.health.internal.check.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny line-protocol server (SMTP, FTP, POP3, IMAP, NNTP speak alike): a greeting, then for each
 * command line the reply of the first rule whose key starts the line (upper-cased), or an error. A
 * rule whose reply ends the conversation is marked by the key "QUIT"/"LOGOUT". Rule keys are
 * upper case. Records the commands.
 */
public final class LineServer implements TcpServer.Behaviour {
    private final String greeting;
    private final Map<String, String> rules;
    private final String unknown;
    private final boolean tagged;
    private final List<String> commands = new CopyOnWriteArrayList<>();

    /**
     * @param greeting sent on connect, CRLF appended (null = say nothing)
     * @param rules    command prefix -> reply (CRLF appended; may hold several lines); tag "{tag}" is replaced
     *                 with the IMAP tag of the command
     * @param unknown  reply to any other command
     */
    public LineServer(String greeting, Map<String, String> rules, String unknown) {
        this(greeting, rules, unknown, false);
    }

    private LineServer(String greeting, Map<String, String> rules, String unknown, boolean tagged) {
        this.greeting = greeting;
        this.rules = rules;
        this.unknown = unknown;
        this.tagged = tagged;
    }

    /** An IMAP-style server: every command starts with a tag, which "{tag}" in replies repeats. */
    public static LineServer tagged(String greeting, Map<String, String> rules, String unknown) {
        return new LineServer(greeting, rules, unknown, true);
    }

    public List<String> commands() {
        return List.copyOf(commands);
    }

    @Override
    public void serve(Socket socket) throws Exception {
        OutputStream out = socket.getOutputStream();
        if (greeting != null) {
            out.write((greeting + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            commands.add(line);
            String tag = "";
            String command = line;
            // IMAP commands carry a tag first: "A001 LOGIN ..."
            int space = line.indexOf(' ');
            if (tagged && space > 0) {
                tag = line.substring(0, space);
                command = line.substring(space + 1);
            }
            String upper = command.toUpperCase(Locale.ROOT);
            String reply = unknown;
            boolean last = false;
            for (Map.Entry<String, String> rule : rules.entrySet()) {
                if (upper.startsWith(rule.getKey())) {
                    reply = rule.getValue();
                    last = rule.getKey().equals("QUIT") || rule.getKey().equals("LOGOUT");
                    break;
                }
            }
            out.write((reply.replace("{tag}", tag) + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (last) {
                return;
            }
        }
    }
}
