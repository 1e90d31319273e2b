package io.jlvs.health.internal.check;

import io.jlvs.health.InvalidHealthCheckException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Address;

/**
 * Typed reads of a check's key/value settings, every failure an {@link InvalidHealthCheckException}
 * naming the key and the value.
 */
public final class SettingValues {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s)?");
    private static final Duration MAX_DURATION = Duration.ofDays(1);

    private final Map<String, String> settings;

    public SettingValues(Map<String, String> settings) {
        this.settings = settings;
    }

    /** Rejects keys other than {@code allowed}, naming the first unknown one (in sorted order) and the known ones. */
    public void onlyKeys(String type, Set<String> allowed) {
        for (String key : new TreeSet<>(settings.keySet())) {
            if (!allowed.contains(key)) {
                throw new InvalidHealthCheckException(key, settings.get(key),
                        "unknown setting for a " + type + " check (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    public Optional<String> text(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    public String required(String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new InvalidHealthCheckException(key, value, "is required");
        }
        return value.strip();
    }

    /** Seconds as "5" or "2.5", or with a unit: "500ms", "5s"; positive, at most a day. */
    public Optional<Duration> duration(String key) {
        return text(key).map(value -> {
            Matcher m = DURATION.matcher(value.strip());
            if (!m.matches()) {
                throw new InvalidHealthCheckException(key, value, "not a duration (seconds such as 5 or 2.5, or 500ms)");
            }
            BigDecimal number = new BigDecimal(m.group(1));
            BigDecimal nanos = "ms".equals(m.group(2))
                    ? number.movePointRight(6) : number.movePointRight(9);
            if (nanos.signum() <= 0) {
                throw new InvalidHealthCheckException(key, value, "must be positive");
            }
            if (nanos.compareTo(BigDecimal.valueOf(MAX_DURATION.toNanos())) > 0) {
                throw new InvalidHealthCheckException(key, value, "is longer than a day");
            }
            Duration duration = Duration.ofNanos(nanos.longValue());
            if (duration.isZero()) {
                throw new InvalidHealthCheckException(key, value, "must be positive");
            }
            return duration;
        });
    }

    public boolean bool(String key, boolean defaultValue) {
        return text(key).map(value -> switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "true", "on", "1" -> true;
            case "no", "false", "off", "0" -> false;
            default -> throw new InvalidHealthCheckException(key, value, "not a boolean (yes/no, true/false, on/off, 1/0)");
        }).orElse(defaultValue);
    }

    public Optional<Integer> integer(String key, int min, int max) {
        return text(key).map(value -> {
            try {
                int n = Integer.parseInt(value.strip());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidHealthCheckException(key, value, "not an integer in " + min + ".." + max);
        });
    }

    /** An IP address literal; names are refused because resolving them would block and could change. */
    public Optional<InetAddress> address(String key) {
        return text(key).map(value -> {
            String v = value.strip();
            // dnsjava parses literals only; InetAddress.getByName would resolve anything else
            byte[] bytes = Address.toByteArray(v, Address.IPv4);
            if (bytes == null) {
                bytes = Address.toByteArray(v, Address.IPv6);
            }
            if (bytes == null) {
                throw new InvalidHealthCheckException(key, value, "not an IP address literal");
            }
            try {
                return InetAddress.getByAddress(bytes);
            } catch (UnknownHostException e) {
                throw new InvalidHealthCheckException(key, value, "not an IP address literal");
            }
        });
    }

    /** Runs {@code parse} on the key's value, turning its IllegalArgumentException into one naming the key. */
    public <T> T parse(String key, String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (InvalidHealthCheckException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidHealthCheckException(key, value, e.getMessage(), e);
        }
    }
}
