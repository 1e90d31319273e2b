package io.jlvs.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;
import org.junit.jupiter.api.Test;

/**
 * The Java errno table against this host's glibc (2.32+ for strerrorname_np): a typo in the table,
 * or an errno glibc knows and the table lacks, fails here rather than in a user's log.
 */
class ErrnoTableMatchesGlibcTest {
    /** The glibc calls that {@link Errno} deliberately does not use at run time. */
    public interface StrerrorLibrary {
        String strerror(int errnum);

        String strerrorname_np(int errnum);
    }

    private static final int HIGHEST_CHECKED = 200; // well past EHWPOISON (133), the last Linux errno

    private final StrerrorLibrary glibc = LibraryLoader.create(StrerrorLibrary.class)
            .failImmediately()
            .load(Platform.getNativePlatform().getStandardCLibraryName());

    @Test
    void everyNameMatchesStrerrornameNp() {
        for (int errno = 1; errno <= HIGHEST_CHECKED; errno++) {
            String expected = glibc.strerrorname_np(errno);
            assertEquals(expected != null ? expected : "errno " + errno, Errno.name(errno), "errno " + errno);
        }
    }

    @Test
    void everyDescriptionMatchesStrerror() {
        for (int errno = 1; errno <= HIGHEST_CHECKED; errno++) {
            assertEquals(glibc.strerror(errno), Errno.describe(errno), "errno " + errno);
        }
    }

    @Test
    void theTableEndsWhereGlibcStopsKnowingNames() {
        assertNull(glibc.strerrorname_np(ErrnoTable.limit()));
    }
}
