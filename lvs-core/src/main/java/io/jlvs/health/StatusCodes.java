package io.jlvs.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The HTTP status codes an HTTP check accepts, as keepalived's {@code status_code}: single codes
 * and ranges, e.g. {@code "200-299,302"} (commas or spaces between). The default is any 2xx.
 *
 * @param ranges inclusive ranges within 100..599, at least one
 */
public record StatusCodes(List<Range> ranges) {

    /** keepalived's default: 200-299. */
    public static final StatusCodes SUCCESS = new StatusCodes(List.of(new Range(200, 299)));

    /** An inclusive range of status codes. */
    public record Range(int from, int to) {
        public Range {
            if (from < 100 || to > 599 || from > to) {
                throw new IllegalArgumentException("status range " + from + "-" + to + " is not within 100..599, low to high");
            }
        }

        @Override
        public String toString() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }

    public StatusCodes {
        ranges = List.copyOf(Objects.requireNonNull(ranges, "ranges"));
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("no status codes given");
        }
    }

    public static StatusCodes of(int... codes) {
        List<Range> list = new ArrayList<>();
        for (int code : codes) {
            list.add(new Range(code, code));
        }
        return new StatusCodes(list);
    }

    /** Parses {@code "200"}, {@code "200-299 302"}, {@code "200,301-308"}; IllegalArgumentException names the bad part. */
    public static StatusCodes parse(String text) {
        Objects.requireNonNull(text, "status codes");
        List<Range> list = new ArrayList<>();
        for (String part : text.trim().split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            String[] ends = part.split("-", -1);
            if (ends.length > 2) {
                throw new IllegalArgumentException("status '" + part + "' is not a code or a range like 200-299");
            }
            try {
                int from = Integer.parseInt(ends[0]);
                int to = ends.length == 2 ? Integer.parseInt(ends[1]) : from;
                list.add(new Range(from, to));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("status '" + part + "' is not a code or a range like 200-299");
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("status '" + text + "' names no codes");
        }
        return new StatusCodes(list);
    }

    public boolean contains(int code) {
        for (Range range : ranges) {
            if (code >= range.from && code <= range.to) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Range range : ranges) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(range);
        }
        return sb.toString();
    }
}
