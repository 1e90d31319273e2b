package io.jlvs.console;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two lvs.cf texts for the review page and the audit log: the common head and tail are
 * skipped, the middle is compared by longest common subsequence when it is small enough (at most
 * {@link #MAX_CELLS} comparisons), else shown as removed and added whole. Unchanged lines are kept only
 * as {@link #CONTEXT} lines around each change.
 */
public final class LineDiff {
    static final int CONTEXT = 3;
    static final long MAX_CELLS = 4_000_000;

    /** One line of the diff: ' ' kept, '-' removed, '+' added, '~' unchanged lines left out; {@code line} numbers the old file (the new one for '+'). */
    public record Line(char kind, int line, String text) {}

    private LineDiff() {}

    static List<Line> of(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        int head = 0;
        while (head < a.length && head < b.length && a[head].equals(b[head])) {
            head++;
        }
        int tail = 0;
        while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail].equals(b[b.length - 1 - tail])) {
            tail++;
        }
        List<Line> all = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            all.add(new Line(' ', i + 1, a[i]));
        }
        middle(a, b, head, a.length - tail, head, b.length - tail, all);
        for (int i = a.length - tail; i < a.length; i++) {
            all.add(new Line(' ', i + 1, a[i]));
        }
        return trimmed(all);
    }

    private static void middle(String[] a, String[] b, int a0, int a1, int b0, int b1, List<Line> out) {
        int n = a1 - a0;
        int m = b1 - b0;
        if ((long) n * m > MAX_CELLS) {
            for (int i = a0; i < a1; i++) {
                out.add(new Line('-', i + 1, a[i]));
            }
            for (int j = b0; j < b1; j++) {
                out.add(new Line('+', j + 1, b[j]));
            }
            return;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a[a0 + i].equals(b[b0 + j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[a0 + i].equals(b[b0 + j])) {
                out.add(new Line(' ', a0 + i + 1, a[a0 + i]));
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add(new Line('-', a0 + i + 1, a[a0 + i]));
                i++;
            } else {
                out.add(new Line('+', b0 + j + 1, b[b0 + j]));
                j++;
            }
        }
    }

    /** Unchanged lines farther than {@link #CONTEXT} from a change become one '~' line each run. */
    private static List<Line> trimmed(List<Line> all) {
        List<Line> out = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k).kind() != ' ' || near(all, k)) {
                out.add(all.get(k));
            } else if (out.isEmpty() || out.get(out.size() - 1).kind() != '~') {
                out.add(new Line('~', all.get(k).line(), "..."));
            }
        }
        return out;
    }

    private static boolean near(List<Line> all, int k) {
        for (int d = Math.max(0, k - CONTEXT); d <= Math.min(all.size() - 1, k + CONTEXT); d++) {
            if (all.get(d).kind() != ' ') {
                return true;
            }
        }
        return false;
    }
}
