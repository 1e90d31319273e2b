package io.jlvs.director.internal;

/** The smallest lvs.cf a director loads: one direct-routed virtual "web" with one server (line 5 + global lines). */
final class OneVirtualFile {
    private OneVirtualFile() {}

    /**
     * @param global       whole lines added after the four global keys, each ending in a newline
     * @param virtualKeys  whole lines added to the virtual block, each ending in a newline
     */
    static String text(String global, String virtualKeys) {
        return """
                serial_no = 1
                primary = 10.23.8.1
                service = lvs
                network = direct
                %svirtual web {
                     active = 1
                     address = 10.23.8.80 eth0:1
                     port = 80
                %s     server rs1 {
                         address = 10.11.12.11
                         active = 1
                     }
                }
                """.formatted(global, virtualKeys.indent(5));
    }
}
