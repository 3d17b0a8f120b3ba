package dev.kserve4j.controller.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate made by the JDK's keytool, written as cert-manager writes a TLS Secret.
 */
final class TestCertificates {
  private static final String PASSWORD = "changeit";
  private final Path dir;
  private final X509Certificate certificate;

  private TestCertificates(Path dir, X509Certificate certificate) {
    this.dir = dir;
    this.certificate = certificate;
  }

  /**
   * A new EC P-256 key pair for {@code host} and 127.0.0.1, as {@code dir/tls.crt} and {@code
   * dir/tls.key}.
   */
  static TestCertificates selfSigned(Path dir, String host) throws Exception {
    Files.createDirectories(dir);
    Path store = dir.resolve("keystore.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "webhook",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + host,
                "-ext",
                "SAN=dns:" + host + ",ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    X509Certificate cert = (X509Certificate) keys.getCertificate("webhook");
    PrivateKey key = (PrivateKey) keys.getKey("webhook", PASSWORD.toCharArray());
    Files.writeString(dir.resolve("tls.crt"), pem("CERTIFICATE", cert.getEncoded()));
    Files.writeString(dir.resolve("tls.key"), pem("PRIVATE KEY", key.getEncoded()));
    return new TestCertificates(dir, cert);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** A TLS context trusting this certificate only. */
  SSLContext trusting() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("webhook", certificate);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  /** Copies this pair over the pair in {@code target}, dated later, as a renewal does. */
  void replace(Path target) throws IOException {
    FileTime later = FileTime.from(Instant.now().plusSeconds(10));
    for (String file : new String[] {"tls.key", "tls.crt"}) {
      Files.copy(dir.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      Files.setLastModifiedTime(target.resolve(file), later);
    }
  }
}
