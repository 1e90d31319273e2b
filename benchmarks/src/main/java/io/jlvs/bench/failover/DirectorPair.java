package io.jlvs.bench.failover;

import java.io.IOException;

/**
 * The two directors of one failover round, lvs1 the primary and lvs2 the backup, whichever program runs
 * them (jLVS's {@link JlvsPair}, keepalived's {@link KeepalivedPair}). Closing stops both.
 */
interface DirectorPair extends AutoCloseable {
    /** Whether lvs1 has taken the active role and lvs2 stands by; fails when a director is gone. */
    boolean settled() throws IOException;

    @Override
    void close() throws Exception;
}
