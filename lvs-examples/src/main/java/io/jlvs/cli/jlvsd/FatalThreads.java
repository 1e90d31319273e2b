package io.jlvs.cli.jlvsd;

import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jlvsd's default uncaught-exception handler. A platform thread that dies (a loop of the director's
 * or of a library it uses) leaves the director half-alive, so it is a fault: the director gives up
 * its role and jlvsd exits for the supervisor to start a whole one. A virtual thread serves one
 * request (a control connection, a probe): its failure is that request's, logged, and must not let
 * a client take the director down.
 */
final class FatalThreads implements Thread.UncaughtExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(FatalThreads.class);
    private final BiConsumer<String, Throwable> fault;

    FatalThreads(BiConsumer<String, Throwable> fault) {
        this.fault = fault;
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        if (t.isVirtual()) {
            log.error("event=thread_failed thread=\"{}\" error=\"{}\"", t.getName(), e.toString(), e);
            return;
        }
        fault.accept("thread " + t.getName(), e);
    }
}
