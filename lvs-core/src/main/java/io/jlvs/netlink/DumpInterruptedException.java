package io.jlvs.netlink;

/**
 * A dump kept being interrupted (NLM_F_DUMP_INTR: the table changed while it was being read) and
 * the bounded number of retries ran out. The caller may try again later.
 */
public final class DumpInterruptedException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    public DumpInterruptedException(String operation, int attempts) {
        super(operation + ": the table changed during every one of " + attempts
                + " dump attempts (NLM_F_DUMP_INTR); try again when it is quieter", 0, null);
    }
}
