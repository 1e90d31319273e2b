package io.jlvs.bench.health;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The probed side of the health fan-out, in a process of its own ({@link ServerFarm} starts it), so that
 * the monitor's JVM is measured alone, as on a director whose real servers are other machines:
 *
 * <pre>
 * java -cp benchmarks.jar io.jlvs.bench.health.ServerFarmMain SERVING TIMING_OUT
 * </pre>
 *
 * Opens SERVING accepting listeners (127.1.x.y) and TIMING_OUT listeners with a full accept queue
 * (127.2.x.y), prints one line per listener ({@code S host:port} or {@code T host:port}), then
 * {@code READY}, and serves until its standard input ends (the parent closed it, or died), then exits 0.
 * A failure is one line on standard error and exit status 1, at the start or later (the accepting
 * thread stopped).
 */
public final class ServerFarmMain {
    private ServerFarmMain() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ServerFarmMain SERVING TIMING_OUT");
            System.exit(2);
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        try (LoopbackListeners serving = new LoopbackListeners(Integer.parseInt(args[0]));
                StalledListeners stalled = new StalledListeners(Integer.parseInt(args[1]))) {
            for (InetSocketAddress a : serving.addresses()) {
                out.println("S " + a.getAddress().getHostAddress() + ":" + a.getPort());
            }
            for (InetSocketAddress a : stalled.addresses()) {
                out.println("T " + a.getAddress().getHostAddress() + ":" + a.getPort());
            }
            out.println("READY");
            out.flush();
            Thread input = Thread.ofPlatform().daemon().name("server-farm-stdin").start(ServerFarmMain::readToEnd);
            while (input.isAlive()) {
                input.join(1000);
                serving.checkServing();
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            System.err.println("server farm: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    private static void readToEnd() {
        try {
            while (System.in.read() >= 0) {
                // nothing is sent; the end is the signal
            }
        } catch (IOException ignored) {
            // the parent is gone: the same end
        }
    }
}
