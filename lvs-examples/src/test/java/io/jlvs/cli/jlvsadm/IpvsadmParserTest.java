package io.jlvs.cli.jlvsadm;

import static io.jlvs.cli.jlvsadm.Fixtures.ip;
import static io.jlvs.cli.jlvsadm.Fixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.ForwardingMethod;
import io.jlvs.ipvs.Persistence;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.SchedulerFlag;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.SyncDaemon;
import io.jlvs.ipvs.Timeouts;
import io.jlvs.ipvs.TunnelFlag;
import io.jlvs.ipvs.TunnelOptions;
import io.jlvs.ipvs.VirtualService;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** ipvsadm's command lines, as jlvsadm reads them: what each option sets, and what is refused, in ipvsadm's words. */
class IpvsadmParserTest {
    private final IpvsadmParser parser = new IpvsadmParser(Fixtures.services());

    private ParsedCommand parse(String line) throws UsageException {
        return parser.parse(line.isEmpty() ? List.of() : Arrays.asList(line.split(" ")));
    }

    private String error(String line) {
        return assertThrows(UsageException.class, () -> parse(line)).getMessage();
    }

    private VirtualService service(String line) throws UsageException {
        return parse(line).virtualService().orElseThrow();
    }

    private RealServer realServer(String line) throws UsageException {
        return parse(line).realServer().orElseThrow();
    }

    @Nested
    class VirtualServices {
        @Test
        void addWithIpvsadmDefaults() throws UsageException {
            ParsedCommand c = parse("-A -t 10.0.0.1:80");
            assertEquals(Command.ADD_SERVICE, c.command());
            assertEquals(VirtualService.builder(tcp("10.0.0.1", 80)).build(), c.virtualService().orElseThrow());
            assertEquals(Scheduler.WLC, c.virtualService().orElseThrow().scheduler());
        }

        @Test
        void persistentWithoutTimeoutIsIpvsadmsDefault360Seconds() throws UsageException {
            VirtualService s = service("-A -t 10.0.0.1:80 -s rr -p");
            assertEquals(Scheduler.RR, s.scheduler());
            assertEquals(Optional.of(new Persistence(Duration.ofSeconds(360), 32)), s.persistence());
        }

        @Test
        void persistentTimeoutAndNetmask() throws UsageException {
            VirtualService s = service("-A -t 10.0.0.1:80 -p 600 -M 255.255.255.0");
            assertEquals(Optional.of(new Persistence(Duration.ofSeconds(600), 24)), s.persistence());
            assertEquals(Optional.of(new Persistence(Duration.ofSeconds(60), 16)),
                    service("--add-service --tcp-service=10.0.0.1:80 --persistent=60 --netmask=255.255.0.0").persistence());
        }

        @Test
        void persistentZeroPortService() throws UsageException {
            assertEquals(tcp("10.0.0.1", 0), service("-A -t 10.0.0.1 -p").key());
        }

        @Test
        void timeoutOutOfRangeNamesTheValue() {
            assertEquals("invalid timeout value `0' specified (1..2678400 seconds)", error("-A -t 10.0.0.1:80 -p 0"));
            assertEquals("invalid timeout value `2678401' specified (1..2678400 seconds)",
                    error("-A -t 10.0.0.1:80 -p 2678401"));
        }

        @Test
        void nonContiguousNetmaskIsRefused() {
            assertEquals("illegal virtual server persistent mask specified: 255.0.255.0 is not a contiguous netmask"
                    + " (jlvsadm takes prefix masks only)", error("-A -t 10.0.0.1:80 -p -M 255.0.255.0"));
            assertEquals("illegal virtual server persistent mask specified: 'not.a.mask'",
                    error("-A -t 10.0.0.1:80 -p -M not.a.mask"));
        }

        @Test
        void ipv6ServiceTakesAPrefixLength() throws UsageException {
            VirtualService s = service("-A -t [2001:db8::1]:80 -p 60 -M 64");
            assertEquals(ServiceKey.tcp(ip("2001:db8::1"), 80), s.key());
            assertEquals(64, s.persistence().orElseThrow().netmaskPrefixLength());
            assertEquals("illegal ipv6 netmask specified: '255.255.255.0' (1..128)",
                    error("-A -t [2001:db8::1]:80 -p -M 255.255.255.0"));
        }

        @Test
        void udpWithOnePacketScheduling() throws UsageException {
            VirtualService s = service("-A -u 10.0.0.1:53 -o");
            assertEquals(Fixtures.udp("10.0.0.1", 53), s.key());
            assertTrue(s.onePacket());
            assertEquals("One-Packet Scheduling is only for UDP virtual services", error("-A -t 10.0.0.1:80 --ops"));
        }

        @Test
        void sctpWithPersistenceEngine() throws UsageException {
            VirtualService s = service("-A --sctp-service 10.0.0.1:5060 -p --pe sip");
            assertEquals(ServiceKey.sctp(ip("10.0.0.1"), 5060), s.key());
            assertEquals(Optional.of("sip"), s.persistenceEngine());
        }

        @Test
        void fwmarkWithSchedulerFlags() throws UsageException {
            VirtualService s = service("-A -f 5 -s sh -b sh-fallback,sh-port");
            assertEquals(ServiceKey.fwmark(5, AddressFamily.INET), s.key());
            assertEquals(Set.of(SchedulerFlag.SH_FALLBACK, SchedulerFlag.SH_PORT), s.schedulerFlags());
            assertEquals(Set.of(SchedulerFlag.FLAG_1), service("-A -f 5 -s rr -b flag-1").schedulerFlags());
        }

        @Test
        void schedulerFlagsAreCheckedAgainstTheScheduler() {
            assertEquals("incompatible scheduler flag `sh-port' (it is for scheduler sh, not wlc)",
                    error("-A -t 10.0.0.1:80 -b sh-port"));
            assertEquals("invalid scheduler flag `flag-9'", error("-A -t 10.0.0.1:80 -s rr -b flag-9"));
        }

        @Test
        void fwmarkIpv6() throws UsageException {
            VirtualService s = service("-A -f 7 -6 -p 60 -M 64");
            assertEquals(ServiceKey.fwmark(7, AddressFamily.INET6), s.key());
            assertEquals(64, s.persistence().orElseThrow().netmaskPrefixLength());
            assertEquals("-6 used before -f", error("-A -6 -f 7"));
        }

        @Test
        void fwmarkRange() throws UsageException {
            assertEquals("invalid fwmark value `0' specified", error("-A -f 0"));
            assertEquals("invalid fwmark value `4294967296' specified", error("-A -f 4294967296"));
            assertEquals(ServiceKey.fwmark(-1, AddressFamily.INET), service("-A -f 4294967295").key());
            // what -S prints for marks above 2^31 reads back
            assertEquals(ServiceKey.fwmark(-2147483647, AddressFamily.INET), service("-A -f -2147483647").key());
            assertEquals("invalid fwmark value `-2147483649' specified", error("-A -f -2147483649"));
        }

        @Test
        void editSendsTheWholeServiceWithDefaults() throws UsageException {
            ParsedCommand c = parse("-E -t 10.0.0.1:80 -p 30");
            assertEquals(Command.EDIT_SERVICE, c.command());
            assertEquals(Scheduler.WLC, c.virtualService().orElseThrow().scheduler());
        }

        @Test
        void deleteNeedsOnlyTheService() throws UsageException {
            ParsedCommand c = parse("-D -t 10.0.0.1:80");
            assertEquals(Command.DELETE_SERVICE, c.command());
            assertEquals(Optional.of(tcp("10.0.0.1", 80)), c.service());
            assertEquals("Illegal 'scheduler' option with the 'delete-service' command", error("-D -t 10.0.0.1:80 -s rr"));
        }

        @Test
        void zeroPortNeedsPersistence() {
            assertEquals("Zero port specified for non-persistent service", error("-A -t 10.0.0.1"));
        }

        @Test
        void serviceAddressIsCompulsory() {
            assertEquals("You need to supply the 'service-address' option for the 'add-service' command", error("-A -s rr"));
        }

        @Test
        void eachOptionOnce() {
            assertEquals("multiple 'scheduler' options specified", error("-A -t 10.0.0.1:80 -s rr -s wlc"));
        }

        @Test
        void portByServiceNameOfTheProtocol() throws UsageException {
            assertEquals(tcp("10.0.0.1", 80), service("-A -t 10.0.0.1:http").key());
            assertEquals(tcp("10.0.0.1", 80), service("-A -t 10.0.0.1:www").key());
            assertEquals("illegal virtual server address[:port] specified: '10.0.0.1:nosuch'", error("-A -t 10.0.0.1:nosuch"));
        }

        @Test
        void addressesAsInetAtonReadsThem() throws UsageException {
            assertEquals(tcp("10.0.0.1", 80), service("-A -t 10.1:80").key());
            assertEquals(tcp("10.0.0.1", 80), service("-A -t 0x0a000001:80").key());
            assertEquals("illegal virtual server address[:port] specified: '80'", error("-A -t 80"));
        }

        @Test
        void hostNamesResolveToIpv4() throws UsageException {
            assertEquals(tcp("127.0.0.1", 80), service("-A -t localhost:80").key());
        }

        @Test
        void schedulerNameIsCutTo15CharactersAndChecked() throws UsageException {
            assertEquals("abcdefghijklmno", service("-A -t 10.0.0.1:80 -s abcdefghijklmnopqrst").scheduler().name());
            assertEquals("scheduler name 'RR' must be 1..15 characters of a-z, 0-9 and _", error("-A -t 10.0.0.1:80 -s RR"));
        }
    }

    @Nested
    class RealServers {
        @Test
        void masqueradeKeepsItsOwnPortOrTakesTheServices() throws UsageException {
            RealServer r = realServer("-a -t 10.0.0.1:80 -r 10.0.0.2 -m -w 5 -x 100 -y 10");
            assertEquals(RealServer.builder(ip("10.0.0.2"), 80).masquerade().weight(5).upperThreshold(100)
                    .lowerThreshold(10).build(), r);
            assertEquals(8080, realServer("-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m").port());
        }

        @Test
        void directRoutingIsTheDefaultAndUsesTheServicePort() throws UsageException {
            RealServer r = realServer("-a -t 10.0.0.1:80 -r 10.0.0.2:8080");
            assertEquals(ForwardingMethod.DIRECT_ROUTE, r.forwarding());
            assertEquals(80, r.port());
            assertEquals(1, r.weight());
        }

        @Test
        void tunnelWithGueOptions() throws UsageException {
            RealServer r = realServer("-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 6080 --tun-csum");
            assertEquals(Optional.of(TunnelOptions.gue(6080, TunnelFlag.CSUM)), r.tunnel());
            assertEquals(Optional.of(TunnelOptions.IPIP), realServer("-a -t 10.0.0.1:80 -r 10.0.0.2 -i").tunnel());
            assertEquals(Optional.of(TunnelOptions.gre(TunnelFlag.CSUM)),
                    realServer("-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-csum").tunnel());
            assertEquals(Optional.of(TunnelOptions.gue(6080)),
                    realServer("-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 6080 --tun-nocsum").tunnel());
            assertEquals(Optional.of(TunnelOptions.gue(6080, TunnelFlag.REMCSUM)),
                    realServer("-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 6080 --tun-remcsum").tunnel());
        }

        @Test
        void tunnelOptionsAreCheckedByTunnelType() {
            assertEquals("You need to supply the 'tun-port' option for the 'gue' tunnel type",
                    error("-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue"));
            assertEquals("Illegal 'tun-port' option with the 'gre' tunnel type",
                    error("-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-port 1"));
            assertEquals("The option 'tun-remcsum' conflicts with the 'tun-csum' option in the 'gue' tunnel type",
                    error("-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 6080 --tun-csum --tun-remcsum"));
            assertEquals("Tunnel options conflict with forward method", error("-a -t 10.0.0.1:80 -r 10.0.0.2 -m --tun-type gre"));
            assertEquals("illegal tunnel type specified: 'vxlan' (ipip, gue or gre)",
                    error("-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type vxlan"));
            assertEquals("illegal tunnel port specified: '0' (1..65535)",
                    error("-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 0"));
        }

        @Test
        void otherFamilyOnlyForTunnels() throws UsageException {
            assertEquals("Different address family is allowed only for tunneling servers",
                    error("-a -t 10.0.0.1:80 -r [2001:db8::2]:80"));
            assertEquals(ip("2001:db8::2"), realServer("-a -t 10.0.0.1:80 -r [2001:db8::2]:80 -i").address());
        }

        @Test
        void weightRangeIsDebiansZeroToIntMax() throws UsageException {
            assertEquals(Integer.MAX_VALUE, realServer("-a -t 10.0.0.1:80 -r 10.0.0.2 -w 2147483647").weight());
            assertEquals(0, realServer("-a -t 10.0.0.1:80 -r 10.0.0.2 -w 0").weight());
            assertEquals("illegal weight specified: '-1' (0..2147483647)", error("-a -t 10.0.0.1:80 -r 10.0.0.2 -w -1"));
            assertEquals("illegal weight specified: 'abc' (0..2147483647)", error("-a -t 10.0.0.1:80 -r 10.0.0.2 -w abc"));
        }

        @Test
        void thresholds() {
            assertEquals("illegal u_threshold specified: 'x'", error("-a -t 10.0.0.1:80 -r 10.0.0.2 -x x"));
            assertEquals("illegal l_threshold specified: '-5'", error("-a -t 10.0.0.1:80 -r 10.0.0.2 -y -5"));
            assertTrue(error("-a -t 10.0.0.1:80 -r 10.0.0.2 -x 10 -y 20").startsWith("lower threshold 20 is above upper threshold 10"));
        }

        @Test
        void oneForwardingMethod() {
            assertEquals("multiple 'forwarding-method' options specified", error("-a -t 10.0.0.1:80 -r 10.0.0.2 -m -g"));
        }

        @Test
        void realServerAddressIsCompulsoryAndChecked() {
            assertEquals("You need to supply the 'real-server' option for the 'add-server' command", error("-a -t 10.0.0.1:80"));
            assertEquals("illegal real server address[:port] specified: '[::1'", error("-a -t 10.0.0.1:80 -r [::1"));
        }

        @Test
        void editSendsTheWholeRealServer() throws UsageException {
            ParsedCommand c = parse("-e -t 10.0.0.1:80 -r 10.0.0.2 -w 3");
            assertEquals(Command.EDIT_SERVER, c.command());
            assertEquals(RealServer.builder(ip("10.0.0.2"), 80).weight(3).build(), c.realServer().orElseThrow());
        }

        @Test
        void deleteKeepsThePortGiven() throws UsageException {
            ParsedCommand c = parse("-d -t 10.0.0.1:80 -r 10.0.0.2:8080");
            assertEquals(Optional.of(new RealServerAddress(ip("10.0.0.2"), 8080)), c.realServerAddress());
            assertEquals("Illegal 'weight' option with the 'delete-server' command", error("-d -t 10.0.0.1:80 -r 10.0.0.2 -w 3"));
        }

        @Test
        void fwmarkServiceRealServerPortDefaultsToZero() throws UsageException {
            assertEquals(0, realServer("-a -f 5 -r 10.0.0.2 -m").port());
        }
    }

    @Nested
    class Listings {
        @Test
        void withoutArgumentsListsWithNames() throws UsageException {
            ParsedCommand c = parse("");
            assertEquals(Command.LIST, c.command());
            assertTrue(c.format().isEmpty());
        }

        @Test
        void formats() throws UsageException {
            assertEquals(Set.of(ListFormat.NUMERIC), parse("-Ln").format());
            assertEquals(Set.of(ListFormat.NUMERIC), parse("-l -n").format());
            assertEquals(Set.of(ListFormat.NUMERIC, ListFormat.STATS, ListFormat.EXACT), parse("-L -n --stats --exact").format());
            assertEquals(Set.of(ListFormat.RATE, ListFormat.EXACT), parse("--list --rate -X").format());
            assertEquals(Set.of(ListFormat.THRESHOLDS), parse("-L --thresholds").format());
            assertEquals(Set.of(ListFormat.PERSISTENT_CONN), parse("-L --persistent-conn").format());
            assertEquals(Set.of(ListFormat.TUN_INFO), parse("-L --tun-info").format());
            assertEquals(Set.of(ListFormat.NOSORT), parse("-L --nosort").format());
            assertEquals(Set.of(), parse("-L --sort").format());
        }

        @Test
        void connections() throws UsageException {
            assertTrue(parse("-L -c -n --persistent-conn").has(Opt.CONNECTION));
            assertEquals("The option 'service-address' conflicts with the 'connection' option in the 'list' command",
                    error("-L -t 10.0.0.1:80 -c"));
            assertEquals("options conflicts in the list command", error("-L -c --stats"));
        }

        @Test
        void oneService() throws UsageException {
            assertEquals(Optional.of(tcp("10.0.0.1", 80)), parse("-Ln -t 10.0.0.1:80").service());
        }

        @Test
        void timeoutAndDaemon() throws UsageException {
            assertTrue(parse("-L --timeout").has(Opt.TIMEOUT));
            assertTrue(parse("-L --daemon").has(Opt.DAEMON));
        }

        @Test
        void conflicts() {
            assertEquals("The option 'daemon' conflicts with the 'timeout' option in the 'list' command",
                    error("-L --timeout --daemon"));
            assertEquals("The option 'timeout' conflicts with the 'service-address' option in the 'list' command",
                    error("-L -t 10.0.0.1:80 --timeout"));
            assertEquals("options conflicts in the list command", error("-L --timeout --stats"));
            assertEquals("options conflicts in the list command", error("-L --daemon --persistent-conn"));
            assertEquals("Illegal 'scheduler' option with the 'list' command", error("-L -s rr"));
        }

        @Test
        void save() throws UsageException {
            assertEquals(Command.SAVE, parse("-S").command());
            assertEquals(Set.of(ListFormat.NUMERIC), parse("-S -n").format());
            assertEquals("Illegal 'stats' option with the 'save' command", error("-S --stats"));
        }

        @Test
        void json() throws UsageException {
            assertTrue(parse("-Ln --json").global().json());
            assertTrue(parse("--json -L").global().json());
            assertEquals("option '--json' is for listings of services (-L, -l; not -c) only", error("-S --json"));
            assertEquals("option '--json' is for listings of services (-L, -l; not -c) only", error("-L -c --json"));
        }
    }

    @Nested
    class OtherCommands {
        @Test
        void clearRestoreZero() throws UsageException {
            assertEquals(Command.FLUSH, parse("-C").command());
            assertEquals("Illegal 'numeric' option with the 'flush' command", error("-C -n"));
            assertEquals(Command.RESTORE, parse("-R").command());
            assertTrue(parse("-R --dry-run").global().dryRun());
            assertEquals("option '--dry-run' is for -R only", error("-C --dry-run"));
            assertEquals(Optional.empty(), parse("-Z").service());
            assertEquals(Optional.of(tcp("10.0.0.1", 80)), parse("-Z -t 10.0.0.1:80").service());
        }

        @Test
        void setTimeouts() throws UsageException {
            assertEquals(Optional.of(Timeouts.ofSeconds(900, 120, 300)), parse("--set 900 120 300").timeouts());
            assertEquals("--set option requires 3 timeout values", error("--set 900 120"));
            assertEquals("invalid timeout value `x' specified (0..2678400 seconds)", error("--set 900 120 x"));
            assertEquals("unexpected argument 4", error("--set 1 2 3 4"));
        }

        @Test
        void startDaemonWithEveryOption() throws UsageException {
            SyncDaemon d = parse("--start-daemon master --mcast-interface eth1 --syncid 5 --sync-maxlen 1400"
                    + " --mcast-group 239.1.1.1 --mcast-port 8849 --mcast-ttl 2").daemon().orElseThrow();
            assertEquals(SyncDaemon.builder(SyncDaemon.State.MASTER, "eth1").syncId(5).syncMaxLength(1400)
                    .multicastGroup(ip("239.1.1.1")).multicastPort(8849).multicastTtl(2).build(), d);
            assertEquals(SyncDaemon.backup("eth0", 0), parse("--start-daemon backup").daemon().orElseThrow());
            assertEquals(ip("ff02::1"), parse("--start-daemon backup --mcast-group ff02::1").daemon()
                    .orElseThrow().multicastGroup().orElseThrow());
        }

        @Test
        void daemonArgumentsAreChecked() {
            assertEquals("illegal start-daemon parameter specified: 'primary' (master or backup)", error("--start-daemon primary"));
            assertEquals("invalid IPv4 mcast-group `10.0.0.1'", error("--start-daemon backup --mcast-group 10.0.0.1"));
            assertEquals("invalid IPv6 mcast-group `2001:db8::1'", error("--start-daemon backup --mcast-group 2001:db8::1"));
            assertEquals("illegal syncid specified: '256' (0..255)", error("--start-daemon master --syncid 256"));
            assertEquals("illegal mcast-port specified: '0' (1..65535)", error("--start-daemon master --mcast-port 0"));
            assertEquals("illegal mcast-ttl specified: '256' (1..255)", error("--start-daemon master --mcast-ttl 256"));
            assertEquals("illegal sync-maxlen specified: '65508' (1..65507)", error("--start-daemon master --sync-maxlen 65508"));
        }

        @Test
        void stopDaemon() throws UsageException {
            assertEquals(Optional.of(SyncDaemon.State.BACKUP), parse("--stop-daemon backup").daemonState());
            assertEquals(Command.STOP_DAEMON, parse("--stop-daemon master --syncid 1").command());
            assertEquals("Illegal 'mcast-interface' option with the 'stop-daemon' command",
                    error("--stop-daemon master --mcast-interface eth0"));
        }

        @Test
        void helpAndVersion() throws UsageException {
            assertEquals(Command.HELP, parse("-h").command());
            assertEquals(Command.HELP, parse("--help -Z").command());
            assertEquals(Command.VERSION, parse("-v").command());
        }
    }

    @Nested
    class Grammar {
        @Test
        void theFirstOptionMustBeACommand() {
            assertEquals("the first option must be a command (-A -E -D -C -R -S -a -e -d -L -Z --set --start-daemon"
                    + " --stop-daemon -h), not '-n'", error("-n -L"));
        }

        @Test
        void onlyOneCommand() {
            assertEquals("multiple commands specified: '-L' and '-A' (only the first option is a command)", error("-L -A"));
        }

        @Test
        void strayWordsAreRefused() {
            assertEquals("unexpected argument foo", error("-L foo"));
        }

        @Test
        void netnsAnywhereButNotInRestoreInput() throws UsageException {
            assertEquals(Optional.of("blue"), parse("-Ln --netns blue").global().netns());
            assertEquals(Optional.of("blue"), parse("--netns=blue -A -t 10.0.0.1:80").global().netns());
            assertFalse(parse("-Ln").global().netns().isPresent());
            UsageException e = assertThrows(UsageException.class,
                    () -> parser.parse(List.of("-A", "-t", "10.0.0.1:80", "--netns", "blue"), false));
            assertEquals("option '--netns' is not allowed here", e.getMessage());
        }
    }
}
