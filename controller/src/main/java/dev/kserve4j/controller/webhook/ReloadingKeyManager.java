package dev.kserve4j.controller.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook server's certificate and key, from {@code tls.crt} and {@code tls.key} in a directory
 * (a mounted cert-manager Secret), read again at the next TLS handshake after either file changes,
 * so that a renewed certificate is served without a restart. A pair that cannot be used at startup
 * fails the start; a renewed pair that cannot be used (e.g. half written) is logged and the
 * previous pair is kept until the files change again.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingKeyManager.class);
  static final String CERT_FILE = "tls.crt";
  static final String KEY_FILE = "tls.key";
  private static final String ALIAS = "webhook";

  private final Path cert;
  private final Path key;
  private volatile Loaded loaded;

  private record Loaded(FileTime certTime, FileTime keyTime, X509ExtendedKeyManager delegate) {}

  ReloadingKeyManager(Path certDir) throws IOException {
    this.cert = certDir.resolve(CERT_FILE);
    this.key = certDir.resolve(KEY_FILE);
    this.loaded = load();
  }

  /** A TLS context serving this key manager's certificate. */
  SSLContext sslContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {this}, null, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no TLS context: " + e.getMessage(), e);
    }
  }

  private Loaded load() throws IOException {
    for (Path file : List.of(cert, key)) {
      if (!Files.isReadable(file)) {
        throw new PemFiles.TlsFileException(
            file
                + " is missing or unreadable (expected: the tls.crt and tls.key"
                + " of the webhook's certificate Secret, as cert-manager writes them)");
      }
    }
    FileTime certTime = Files.getLastModifiedTime(cert);
    FileTime keyTime = Files.getLastModifiedTime(key);
    List<X509Certificate> chain = PemFiles.certificates(cert);
    PrivateKey privateKey = PemFiles.privateKey(key);
    requireMatch(chain.getFirst(), privateKey);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = new char[0];
      store.setKeyEntry(ALIAS, privateKey, password, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory factory = KeyManagerFactory.getInstance("NewSunX509");
      factory.init(store, password);
      return new Loaded(certTime, keyTime, (X509ExtendedKeyManager) factory.getKeyManagers()[0]);
    } catch (GeneralSecurityException e) {
      throw new PemFiles.TlsFileException(
          cert + " and " + key + " cannot serve TLS: " + e.getMessage(), e);
    }
  }

  /**
   * Signs with the key and verifies with the certificate, so a mismatch fails here, not at each
   * handshake.
   */
  private void requireMatch(X509Certificate leaf, PrivateKey privateKey) {
    String algorithm =
        switch (privateKey.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> privateKey.getAlgorithm();
        };
    try {
      byte[] probe = "kserve4j webhook key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(leaf.getPublicKey());
      verifier.update(probe);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // a key of another type than the certificate's: a mismatch as well
    }
    throw new PemFiles.TlsFileException(
        key
            + " is not the private key of the first certificate in "
            + cert
            + " ("
            + leaf.getSubjectX500Principal()
            + "; expected: the key pair cert-manager issued together)");
  }

  private X509ExtendedKeyManager current() {
    Loaded now = loaded;
    try {
      if (!Files.getLastModifiedTime(cert).equals(now.certTime())
          || !Files.getLastModifiedTime(key).equals(now.keyTime())) {
        synchronized (this) {
          if (loaded == now) {
            loaded = load();
            LOG.info("webhook certificate reloaded from {}", cert.getParent());
          }
          now = loaded;
        }
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      LOG.warn("keeping the previous webhook certificate: {}", e.getMessage());
    }
    return now.delegate();
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return current().chooseEngineServerAlias(keyType, issuers, engine);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return current().chooseServerAlias(keyType, issuers, socket);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return current().getServerAliases(keyType, issuers);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return loaded.delegate().getCertificateChain(alias);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return loaded.delegate().getPrivateKey(alias);
  }

  /** The webhook serves; it never authenticates as a client. */
  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }
}
