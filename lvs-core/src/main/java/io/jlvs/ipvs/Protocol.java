package io.jlvs.ipvs;

/** The transport protocols IPVS balances (IPVS_SVC_ATTR_PROTOCOL, an IPPROTO_* number). */
public enum Protocol {
    TCP(6),
    UDP(17),
    SCTP(132);

    private final int number;

    Protocol(int number) {
        this.number = number;
    }

    /** The IP protocol number (IPPROTO_TCP 6, IPPROTO_UDP 17, IPPROTO_SCTP 132). */
    public int number() {
        return number;
    }

    /** The protocol with that IP protocol number; IllegalArgumentException for any other. */
    public static Protocol fromNumber(int number) {
        for (Protocol p : values()) {
            if (p.number == number) {
                return p;
            }
        }
        throw new IllegalArgumentException("IP protocol number " + number
                + " is not one IPVS balances (TCP 6, UDP 17, SCTP 132)");
    }
}
