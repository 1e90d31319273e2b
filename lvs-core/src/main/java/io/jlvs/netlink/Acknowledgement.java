package io.jlvs.netlink;

import static io.jlvs.netlink.NetlinkConstants.NLMSGERR_ATTR_MSG;
import static io.jlvs.netlink.NetlinkConstants.NLMSGERR_ATTR_OFFS;
import static io.jlvs.netlink.NetlinkConstants.NLMSG_HDRLEN;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_ACK_TLVS;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_CAPPED;
import static io.jlvs.netlink.NetlinkConstants.align;

/**
 * An NLMSG_ERROR message decoded: struct nlmsgerr {int error; struct nlmsghdr msg;} followed by the
 * request's payload unless NLM_F_CAPPED, then extended-ack TLVs when NLM_F_ACK_TLVS
 * (include/uapi/linux/netlink.h). {@code errno} is positive, 0 for a plain acknowledgement.
 *
 * @param errno         0 for success, else the positive errno
 * @param requestSeq    the sequence number of the request this answers
 * @param kernelMessage NLMSGERR_ATTR_MSG, or null
 * @param errorOffset   NLMSGERR_ATTR_OFFS (offset of the offending attribute in the request), or -1
 */
public record Acknowledgement(int errno, int requestSeq, String kernelMessage, int errorOffset) {

    public boolean ok() {
        return errno == 0;
    }

    public static Acknowledgement decode(Message m) {
        int start = m.payloadOffset();
        if (m.payloadLength() < 4 + NLMSG_HDRLEN) {
            throw new MalformedMessageException("NLMSG_ERROR of " + m.payloadLength()
                    + " bytes is shorter than struct nlmsgerr");
        }
        var buf = m.buffer();
        int error = buf.getInt(start);
        if (error > 0 || error < -4095) {
            throw new MalformedMessageException("NLMSG_ERROR carries error " + error + ", not 0 or -errno");
        }
        int originalLength = buf.getInt(start + 4);
        int originalSeq = buf.getInt(start + 4 + 8);
        String text = null;
        int offset = -1;
        if (m.hasFlag(NLM_F_ACK_TLVS)) {
            int tlvStart = start + 4 + (m.hasFlag(NLM_F_CAPPED) ? NLMSG_HDRLEN : align(originalLength));
            if (tlvStart <= m.payloadEnd()) {
                Attributes tlv = Attributes.parse(buf, tlvStart, m.payloadEnd());
                if (tlv.has(NLMSGERR_ATTR_MSG)) {
                    text = tlv.string(NLMSGERR_ATTR_MSG);
                }
                if (tlv.has(NLMSGERR_ATTR_OFFS)) {
                    offset = tlv.u32(NLMSGERR_ATTR_OFFS);
                }
            }
        }
        return new Acknowledgement(-error, originalSeq, text, offset);
    }
}
