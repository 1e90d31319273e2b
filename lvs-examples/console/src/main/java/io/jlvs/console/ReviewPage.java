package io.jlvs.console;

import java.util.List;

/**
 * The review of an edit, and then its outcome. Public only for the compiled templates.
 *
 * @param user          who is looking
 * @param csrf          the session's CSRF token
 * @param stage         "review" (apply not sent yet), "applied" or "refused"
 * @param file          the file jlvsd runs
 * @param baseSha256    the hash of the file the edit started from
 * @param text          the proposed text
 * @param valid         whether jlvsd accepts the text
 * @param diagnostics   jlvsd's {@code file:line: key: what} messages when it does not
 * @param operations    the kernel operations the edit makes (jlvsd's plan)
 * @param restartNeeded the restart-only settings the edit changes
 * @param diff          the change to the file
 * @param message       the outcome of an apply, or an error; null in review
 * @param warnings      jlvsd's warnings about the text (unknown keys, ...), which it would log on the reload
 * @param peers         this director's failover peers as its status names them: the apply does not reach them
 */
public record ReviewPage(String user, String csrf, String stage, String file, String baseSha256, String text, boolean valid,
        List<String> diagnostics, List<String> operations, List<String> restartNeeded, List<LineDiff.Line> diff, String message,
        List<String> warnings, List<String> peers) {

    public boolean canApply() {
        return stage.equals("review") && valid && diff.stream().anyMatch(l -> l.kind() == '+' || l.kind() == '-');
    }

    /** A diff line as shown: its mark, and the line number for lines that are in a file. */
    public static String show(LineDiff.Line l) {
        return l.kind() == '~' ? "   ..." : l.kind() + String.format("%5d ", l.line()) + l.text();
    }
}
