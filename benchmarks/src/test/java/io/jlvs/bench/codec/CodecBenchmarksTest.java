package io.jlvs.bench.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each codec benchmark method run once outside JMH: it works, and decodes what was written. */
class CodecBenchmarksTest {

    @Test
    void codecBenchmarksEncodeAndDecodeTheSamples() {
        IpvsCodecBenchmark b = new IpvsCodecBenchmark();
        b.prepare();
        assertTrue(b.encodeService() > 20);
        assertTrue(b.encodeRealServer() > 20);
        assertEquals(Samples.serviceEntry(0).service(), b.decodeService().service()); // the reply is dump entry 0
        assertEquals(Samples.realServerEntry(0), b.decodeRealServer());
    }

    @Test
    void attributesBenchmarkReadsBackWhatItWrote() {
        AttributesBenchmark b = new AttributesBenchmark();
        b.prepare();
        assertTrue(b.write() > 20);
        assertEquals(2 + 80 + 1234 + 9_876_543_210L + 16 + 3 + 1 + 2, b.parseAndRead());
    }

    @Test
    void dumpParseDecodesEveryEntryAcrossDatagrams() {
        DumpParseBenchmark b = new DumpParseBenchmark();
        b.entries = 500;
        b.prepare();
        assertEquals(500, b.services().size());
        assertEquals(Samples.serviceEntry(499).service(), b.services().get(499).service());
        assertEquals(Samples.realServerEntry(123), b.realServers().get(123));
        assertTrue(Samples.serviceDump(500).size() > 1, "a 500-entry dump should need several datagrams");
    }
}
