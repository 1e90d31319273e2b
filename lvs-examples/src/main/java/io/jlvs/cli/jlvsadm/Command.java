package io.jlvs.cli.jlvsadm;

/**
 * ipvsadm's commands, in ipvsadm's order (CMD_ADD .. CMD_ZERO), with the names its error messages use
 * ("You need to supply the 'service-address' option for the 'add-service' command").
 */
enum Command {
    ADD_SERVICE("add-service"),
    EDIT_SERVICE("edit-service"),
    DELETE_SERVICE("delete-service"),
    FLUSH("flush"),
    LIST("list"),
    ADD_SERVER("add-server"),
    DELETE_SERVER("delete-server"),
    EDIT_SERVER("edit-server"),
    SET_TIMEOUTS("set"),
    START_DAEMON("start-daemon"),
    STOP_DAEMON("stop-daemon"),
    RESTORE("restore"),
    SAVE("save"),
    ZERO("zero"),
    /** -h: not one of ipvsadm's table commands; it prints the usage at once. */
    HELP("help"),
    /** -v: likewise, prints the version at once. */
    VERSION("version");

    private final String ipvsadmName;

    Command(String ipvsadmName) {
        this.ipvsadmName = ipvsadmName;
    }

    /** The name ipvsadm's messages use. */
    String ipvsadmName() {
        return ipvsadmName;
    }

    /** Whether the command changes the table (and so may be part of a restore batch). */
    boolean isTableChange() {
        return switch (this) {
            case ADD_SERVICE, EDIT_SERVICE, DELETE_SERVICE, FLUSH, ADD_SERVER, DELETE_SERVER, EDIT_SERVER -> true;
            default -> false;
        };
    }
}
