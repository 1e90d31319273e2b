package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.director.PlanStep;
import io.jlvs.ipvs.BatchResult;
import io.jlvs.ipvs.ForwardingMethod;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;

/**
 * A small apply is logged step by step at INFO; a large one (a start of thousands of services) only
 * in the reconcile's summary, by kind, its steps at DEBUG; refused steps and drift repairs are listed
 * whatever the size, up to a bound, and counted beyond it.
 */
class ApplyLogTest {

    /** A logger that keeps "LEVEL message" lines, with DEBUG on or off. */
    static final class Recording extends LegacyAbstractLogger {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final boolean debug;

        Recording(boolean debug) {
            this.debug = debug;
            this.name = "test";
        }

        List<String> at(Level level) {
            return lines.stream().filter(l -> l.startsWith(level + " ")).toList();
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                Throwable throwable) {
            lines.add(level + " " + messagePattern);
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return debug;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }

    /** {@code services} services of {@code servers} real servers each, as a start adds them. */
    private static List<PlanStep> start(int services, int servers) throws Exception {
        List<PlanStep> steps = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            InetAddress vip = InetAddress.getByAddress(new byte[] {10, 1, (byte) (i >> 8), (byte) i});
            VirtualService vs = VirtualService.builder(ServiceKey.tcp(vip, 80)).scheduler(Scheduler.WLC).build();
            steps.add(new PlanStep.AddService(vs));
            for (int j = 0; j < servers; j++) {
                InetAddress rip = InetAddress.getByAddress(new byte[] {10, 2, (byte) i, (byte) (j + 1)});
                steps.add(new PlanStep.AddRealServer(vs.key(), RealServer.builder(rip, 80)
                        .forwarding(ForwardingMethod.MASQUERADE).weight(1).build()));
            }
        }
        return steps;
    }

    private static BatchResult all(List<PlanStep> steps, BatchResult.Status status) {
        return new BatchResult(steps.stream().map(s -> new BatchResult.OperationResult(s.operation(), status, Optional.empty())).toList());
    }

    @Test
    void aSmallApplyIsLoggedStepByStepAtInfo() throws Exception {
        List<PlanStep> steps = start(2, 5);   // 12 steps
        Recording log = new Recording(false);
        ApplyLog.Summary s = new ApplyLog(log).applied("health", steps, all(steps, BatchResult.Status.APPLIED), Set.of());
        assertEquals(12, log.at(Level.INFO).size(), String.join("\n", log.lines));
        assertTrue(log.at(Level.INFO).get(0).contains("event=apply cause=health step=\"+ service TCP 10.1.0.0:80"), log.lines.get(0));
        assertEquals(List.of("services_added", 2, "servers_added", 10), s.pairs());
        assertEquals(0, s.failed());
    }

    @Test
    void aLargeApplyIsSummedUpItsStepsAtDebug() throws Exception {
        List<PlanStep> steps = start(1_000, 5);   // 6,000 steps
        Recording quiet = new Recording(false);
        ApplyLog.Summary s = new ApplyLog(quiet).applied("start", steps, all(steps, BatchResult.Status.APPLIED), Set.of());
        assertEquals(List.of(), quiet.lines, "no line per step at INFO: the reconcile's summary says it");
        assertEquals(List.of("services_added", 1_000, "servers_added", 5_000), s.pairs());

        Recording debug = new Recording(true);
        new ApplyLog(debug).applied("start", steps, all(steps, BatchResult.Status.APPLIED), Set.of());
        assertEquals(6_000, debug.at(Level.DEBUG).size());
        assertEquals(List.of(), debug.at(Level.INFO));
    }

    @Test
    void refusedStepsAndRepairsAreListedUpToTheBoundThenCounted() throws Exception {
        List<PlanStep> steps = start(100, 1);   // 200 steps
        Recording log = new Recording(false);
        ApplyLog.Summary s = new ApplyLog(log).applied("start", steps, all(steps, BatchResult.Status.FAILED), Set.of());
        assertEquals(200, s.failed());
        assertEquals(ApplyLog.STEP_LINES, log.at(Level.ERROR).size());
        assertEquals(List.of("failed_not_listed", 200 - ApplyLog.STEP_LINES), s.pairs());

        Recording repairs = new Recording(false);
        Set<PlanStep> drift = new HashSet<>(steps.subList(0, 60));
        ApplyLog.Summary r = new ApplyLog(repairs).applied("drift check", steps, all(steps, BatchResult.Status.APPLIED), drift);
        assertEquals(60, r.repaired());
        assertEquals(ApplyLog.STEP_LINES, repairs.at(Level.WARN).size());
        assertTrue(repairs.at(Level.WARN).get(0).contains("event=drift_repaired cause=\"drift check\""), repairs.lines.get(0));
        assertEquals(List.of(), repairs.at(Level.INFO), "the other 140 steps of a large apply: summary only");
        assertEquals(List.of("services_added", 100, "servers_added", 100, "drift_repaired", 60, "drift_repaired_not_listed", 10),
                r.pairs());
    }
}
