package io.jlvs.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Errno names and descriptions, and {@link Errno#check}. */
class ErrnoTest {

    @Test
    void aKnownErrnoIsNamedAsInTheKernelHeader() {
        assertEquals("EEXIST", Errno.name(Errno.EEXIST));
    }

    @Test
    void eopnotsuppIsNamedAsTheKernelNamesItThoughGlibcCallsItEnotsup() {
        assertEquals("EOPNOTSUPP", Errno.name(Errno.ENOTSUP));
    }

    @Test
    void anUnknownErrnoIsNamedByItsNumber() {
        assertEquals("errno 1234", Errno.name(1234));
    }

    @Test
    void aNumberLinuxLeavesUnassignedIsNamedByItsNumber() {
        assertEquals("errno 41", Errno.name(41));
    }

    @Test
    void zeroIsNotAnErrno() {
        assertEquals("errno 0", Errno.name(0));
    }

    @Test
    void aKnownErrnoIsDescribedWithTheStrerrorText() {
        assertEquals("No buffer space available", Errno.describe(Errno.ENOBUFS));
    }

    @Test
    void anUnknownErrnoIsDescribedAsGlibcDoes() {
        assertEquals("Unknown error 1234", Errno.describe(1234));
    }

    @Test
    void checkPassesANonNegativeResultThrough() throws ErrnoException {
        assertEquals(3, Errno.check("socket", 3));
    }

    @Test
    void checkThrowsForANegativeResultWithThePositiveErrno() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Errno.check("bind", -Errno.EADDRINUSE));
        assertEquals(Errno.EADDRINUSE, e.errno());
    }

    @Property
    void checkThrowsExactlyForNegativeResults(@ForAll int result) {
        try {
            assertEquals(result, Errno.check("op", result));
            assertTrue(result >= 0, "a negative result passed through");
        } catch (ErrnoException e) {
            assertTrue(result < 0, "a non-negative result threw");
            assertEquals(-result, e.errno());
        }
    }

    @Property
    void namesAndDescriptionsNeverComeBackEmpty(@ForAll @IntRange(min = -10, max = 5000) int errno) {
        assertFalse(Errno.name(errno).isEmpty());
        assertFalse(Errno.describe(errno).isEmpty());
    }
}
