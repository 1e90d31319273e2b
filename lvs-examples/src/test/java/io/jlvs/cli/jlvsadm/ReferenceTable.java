package io.jlvs.cli.jlvsadm;

import java.util.List;

/**
 * A table with one of everything ipvsadm can show, as ipvsadm command lines: every protocol and
 * family, firewall marks (one above 2^31), persistence with masks, one-packet scheduling, a
 * persistence engine, scheduler flags, every forwarding method and tunnel type, thresholds, weight 0,
 * addresses that make libipvs's sort wrap, and names in /etc/hosts
 * and /etc/services for the listings without -n.
 */
final class ReferenceTable {
    private ReferenceTable() {}

    static final List<String> COMMANDS = List.of(
            "-A -t 10.0.0.1:80 -s wlc",
            "-a -t 10.0.0.1:80 -r 10.0.0.3:80 -m -w 2",
            "-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m",
            "-a -t 10.0.0.1:80 -r 127.0.0.1:8080 -m",
            "-a -t 10.0.0.1:80 -r 10.0.0.4 -g -x 100 -y 10",
            "-a -t 10.0.0.1:80 -r 10.0.0.5 -i",
            "-a -t 10.0.0.1:80 -r 10.0.0.6 -i --tun-type gue --tun-port 6080 --tun-csum",
            "-a -t 10.0.0.1:80 -r 10.0.0.7 -i --tun-type gre --tun-nocsum",
            "-a -t 10.0.0.1:80 -r 200.0.0.2 -m -w 0",
            "-A -t 200.0.0.1:443 -p",
            "-a -t 200.0.0.1:443 -r 10.0.0.2 -g",
            "-A -t 10.0.0.1:443 -s sh -b sh-fallback,sh-port -p 60 -M 255.255.255.0",
            "-A -t 10.0.0.1:0 -s rr -p 30",
            "-A -u 10.0.0.1:53 -s rr -o",
            "-a -u 10.0.0.1:53 -r 10.0.0.2 -m -w 3",
            "-A -u 10.0.0.1:54 -s rr",
            "-a -u 10.0.0.1:54 -r 10.0.0.2 -m",
            "-A -u 10.0.0.1:5060 -p 60 --pe sip",
            "-a -u 10.0.0.1:5060 -r 10.0.0.2 -m",
            "-A --sctp-service 10.0.0.1:5060 -s rr",
            "-a --sctp-service 10.0.0.1:5060 -r 10.0.0.2:5061 -m",
            "-A -t [2001:db8::1]:80 -p 120 -M 64 -s lc",
            "-a -t [2001:db8::1]:80 -r [2001:db8::2]:80 -m",
            "-a -t [2001:db8::1]:80 -r [2001:db8::3]:8080 -m -w 4",
            "-a -t [2001:db8::1]:80 -r 10.0.0.8 -i",
            "-A -f 5 -s mh -b mh-port",
            "-a -f 5 -r 10.0.0.9 -g",
            "-A -f 6 -6 -s rr",
            "-a -f 6 -6 -r 2001:db8::9 -m",
            "-A -f 7 -s sh -b flag-3",
            "-A -f 2147483649 -s wrr",
            "-A -t 127.0.0.1:80 -s dh",
            "-a -t 127.0.0.1:80 -r 127.0.0.1:443 -m",
            "-A -u 127.0.0.1:53 -s lblc",
            "-A -t 10.0.0.10:https -s lblcr",
            "-A -t 10.0.0.1:81 -s sed",
            "-A -t 10.0.0.1:82 -s nq",
            "-A -t 10.0.0.1:83 -s fo",
            "-A -t 10.0.0.1:84 -s ovf -p 600 -M 0.0.0.0");
}
