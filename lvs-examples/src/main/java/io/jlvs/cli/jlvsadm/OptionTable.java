package io.jlvs.cli.jlvsadm;

import io.jlvs.ipvs.TunnelType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ipvsadm's tables of legal combinations (commands_v_options and tunnel_types_v_options in
 * ipvsadm.c 1.31), checked the way ipvsadm checks them and worded as ipvsadm words the errors.
 * Key: '+' compulsory, 'x' illegal, '1' at most one of the '1' options, ' ' optional.
 */
final class OptionTable {
    private OptionTable() {}

    // One character per Opt, in Opt's order: -n -c svc -s -p -M -r fwd -w -x -y -mc tot dmn -st -rt thr
    // -pc srt sid -ex ops -pe -b grp port ttl size tinf type tprt nocs csum remc.
    private static final Map<Command, String> COMMANDS = new EnumMap<>(Map.ofEntries(
            Map.entry(Command.ADD_SERVICE,    "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx"),
            Map.entry(Command.EDIT_SERVICE,   "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx"),
            Map.entry(Command.DELETE_SERVICE, "xx+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
            Map.entry(Command.FLUSH,          "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
            Map.entry(Command.LIST,           " 11xxxxxxxxx11       xxxxxxx xxxxx"),
            Map.entry(Command.ADD_SERVER,     "xx+xxx+    xxxxxxxxxxxxxxxxxx     "),
            Map.entry(Command.DELETE_SERVER,  "xx+xxx+xxxxxxxxxxxxxxxxxxxxxxxxxxx"),
            Map.entry(Command.EDIT_SERVER,    "xx+xxx+    xxxxxxxxxxxxxxxxxx     "),
            Map.entry(Command.SET_TIMEOUTS,   "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
            Map.entry(Command.START_DAEMON,   "xxxxxxxxxxx xxxxxxx xxxx    xxxxxx"),
            Map.entry(Command.STOP_DAEMON,    "xxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxx"),
            Map.entry(Command.RESTORE,        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
            Map.entry(Command.SAVE,           " xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
            Map.entry(Command.ZERO,           "xx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")));

    private static final List<Opt> TUNNEL_OPTIONS = List.of(Opt.TUN_PORT, Opt.TUN_NOCSUM, Opt.TUN_CSUM, Opt.TUN_REMCSUM);

    private static final Map<TunnelType, String> TUNNELS = new EnumMap<>(Map.of(
            TunnelType.IPIP, "xxxx",
            TunnelType.GUE, "+111",
            TunnelType.GRE, "x11x"));

    /** generic_opt_check: the options given must suit the command. */
    static void checkCommand(Command command, Set<Opt> given) throws UsageException {
        check(COMMANDS.get(command), List.of(Opt.values()), given, "the '" + command.ipvsadmName() + "' command");
    }

    /** tunnel_opt_check: the tunnel options given must suit the tunnel type. */
    static void checkTunnel(TunnelType type, Set<Opt> given) throws UsageException {
        check(TUNNELS.get(type), TUNNEL_OPTIONS, given, "the '" + type.ipvsadmName() + "' tunnel type");
    }

    private static void check(String row, List<Opt> columns, Set<Opt> given, String what) throws UsageException {
        Opt exclusive = null;
        for (int i = 0; i < columns.size(); i++) {
            Opt opt = columns.get(i);
            char rule = row.charAt(i);
            if (!given.contains(opt)) {
                if (rule == '+') {
                    throw new UsageException("You need to supply the '" + opt.ipvsadmName() + "' option for " + what);
                }
                continue;
            }
            if (rule == 'x') {
                throw new UsageException("Illegal '" + opt.ipvsadmName() + "' option with " + what);
            }
            if (rule == '1') {
                if (exclusive != null) {
                    throw new UsageException("The option '" + opt.ipvsadmName() + "' conflicts with the '"
                            + exclusive.ipvsadmName() + "' option in " + what);
                }
                exclusive = opt;
            }
        }
    }
}
