package io.jlvs.health.internal.check;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The two TLS client contexts of HTTPS checks: the JDK's default (its trust store, for
 * {@code tls_verify}) and one that trusts any certificate (real servers often present certificates
 * for the virtual service's name or self-signed ones, which is why keepalived's SSL_GET does not
 * verify either). Built once, on first use, because initialising a context costs far more than a
 * probe; a context is safe to share between threads.
 */
public final class TlsContexts {
    private TlsContexts() {}

    public static SSLContext verifying() throws GeneralSecurityException {
        return SSLContext.getDefault();
    }

    public static SSLContext trustingAll() throws GeneralSecurityException {
        SSLContext context = TrustAllHolder.CONTEXT;
        if (context == null) {
            throw new GeneralSecurityException("no TLS context available: " + TrustAllHolder.FAILURE);
        }
        return context;
    }

    private static final class TrustAllHolder {
        static final SSLContext CONTEXT;
        static final String FAILURE;

        static {
            SSLContext context = null;
            String failure = null;
            try {
                context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new TrustAll()}, null);
            } catch (GeneralSecurityException e) {
                failure = e.toString();
                context = null;
            }
            CONTEXT = context;
            FAILURE = failure;
        }
    }

    /** Accepts every server certificate; the extended form also skips the hostname check. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
