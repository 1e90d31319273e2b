package io.jlvs.config.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The keys one kind of block knows, each with the code that stores its value in a draft. Applying a
 * block's entries reports, with file and line: a value that does not parse (error), a key given
 * twice (warning; the last one wins, as in Piranha), a key close to a known one (error: a misspelt
 * {@code wieght} silently ignored would leave a server at the wrong weight), Piranha keys jLVS does
 * not use (warning) and other unknown keys (warning; Piranha ignores them too).
 *
 * @param <D> the draft the values go into
 */
final class KeyTable<D> {
    /** Stores one value; throws IllegalArgumentException with a message naming what was expected. */
    interface Setter<D> {
        void set(D draft, RawEntry entry);
    }

    private final String scope;
    private final Map<String, Setter<D>> setters = new LinkedHashMap<>();
    private final Set<String> ignoredPiranhaKeys;
    private final java.util.regex.Pattern extension;
    private final Setter<D> extensionSetter;

    /** {@code extension}: keys outside the table that {@code extensionSetter} takes (the check_* keys), or null. */
    KeyTable(String scope, Set<String> ignoredPiranhaKeys, java.util.regex.Pattern extension, Setter<D> extensionSetter) {
        this.scope = scope;
        this.ignoredPiranhaKeys = ignoredPiranhaKeys;
        this.extension = extension;
        this.extensionSetter = extensionSetter;
    }

    KeyTable<D> key(String key, Setter<D> setter) {
        setters.put(key, setter);
        return this;
    }

    Set<String> keys() {
        return setters.keySet();
    }

    /**
     * Applies every entry; returns the last entry given for each known key, including those whose
     * value was refused (so that a refused value is not also reported as a missing key).
     */
    Map<String, RawEntry> apply(Iterable<RawEntry> entries, D draft, Problems problems) {
        Map<String, RawEntry> seen = new LinkedHashMap<>();
        for (RawEntry e : entries) {
            Setter<D> setter = setters.get(e.key());
            if (setter == null && extension != null && extension.matcher(e.key()).matches()) {
                setter = extensionSetter;
            }
            if (setter == null) {
                unknown(e, problems);
                continue;
            }
            RawEntry earlier = seen.put(e.key(), e);
            if (earlier != null) {
                problems.warning(e.line(), e.key(), "set again (first on line " + earlier.line()
                        + "); this value wins");
            }
            try {
                setter.set(draft, e);
            } catch (IllegalArgumentException ex) {
                problems.error(e.line(), e.key(), ex.getMessage());
            }
        }
        return seen;
    }

    private void unknown(RawEntry e, Problems problems) {
        if (ignoredPiranhaKeys.contains(e.key())) {
            problems.warning(e.line(), e.key(), "is a Piranha key jLVS does not use; ignored");
            return;
        }
        String closest = null;
        int best = Integer.MAX_VALUE;
        for (String known : setters.keySet()) {
            int d = Values.editDistance(e.key(), known);
            if (d < best) {
                best = d;
                closest = known;
            }
        }
        int allowed = e.key().length() >= 6 ? 2 : 1;
        if (closest != null && best <= allowed) {
            problems.error(e.line(), e.key(), "unknown key in a " + scope + "; did you mean '" + closest + "'?");
        } else {
            problems.warning(e.line(), e.key(), "unknown key in a " + scope + "; ignored");
        }
    }
}
