package io.rollcoach.gateway.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS context from PEM files, as brokers hand them out (a CA file; a client certificate and key). */
final class TlsContexts {
    private TlsContexts() {
    }

    static SSLContext fromPem(Path caFile, Path clientCertFile, Path clientKeyFile) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (caFile != null) {
                KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
                trusted.load(null, null);
                int i = 0;
                for (Certificate certificate : certificates(caFile, "mqtt.caFile")) {
                    trusted.setCertificateEntry("ca" + i++, certificate);
                }
                trust.init(trusted);
            } else {
                trust.init((KeyStore) null);
            }
            KeyManagerFactory keys = null;
            if (clientCertFile != null) {
                KeyStore identity = KeyStore.getInstance(KeyStore.getDefaultType());
                identity.load(null, null);
                char[] none = new char[0];
                identity.setKeyEntry("client", privateKey(clientKeyFile), none,
                    certificates(clientCertFile, "mqtt.clientCertFile").toArray(new Certificate[0]));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(identity, none);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path file, String key) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(key + ": no PEM certificate in " + file);
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(key + ": " + file + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("mqtt.clientKeyFile: " + file + " must be an unencrypted PKCS#8 PEM key "
                + "(-----BEGIN PRIVATE KEY-----); convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException tryNext) {
                // the PEM does not say which algorithm; try the usual ones
            }
        }
        throw new IllegalArgumentException("mqtt.clientKeyFile: " + file + " holds no RSA, EC or Ed25519 key");
    }
}
