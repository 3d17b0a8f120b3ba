package dev.kserve4j.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The key encodings cert-manager and openssl write (fixtures from webhook-tls/generate.sh). */
class PemFilesTest {
  @TempDir Path dir;

  private static Path fixture(String name) {
    try {
      return Path.of(
          Objects.requireNonNull(PemFilesTest.class.getResource("/webhook-tls/" + name), name)
              .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path certDir(String cert, String key) throws IOException {
    Files.copy(fixture(cert), dir.resolve("tls.crt"));
    Files.copy(fixture(key), dir.resolve("tls.key"));
    return dir;
  }

  @ParameterizedTest
  @CsvSource({
    "rsa.crt, rsa-pkcs1.key, RSA",
    "rsa.crt, rsa-pkcs8.key, RSA",
    "ec.crt, ec-sec1.key, EC",
    "ec.crt, ec-pkcs8.key, EC",
    "ec-with-params.crt, ec-with-params.key, EC",
    "ed25519.crt, ed25519.key, EdDSA"
  })
  void readsEachEncodingAndMatchesItsCertificate(String cert, String key, String algorithm)
      throws IOException {
    PrivateKey read = PemFiles.privateKey(fixture(key));

    assertThat(read.getAlgorithm()).isEqualTo(algorithm);
    assertThat(new ReloadingKeyManager(certDir(cert, key)).sslContext().getProtocol())
        .isEqualTo("TLS");
  }

  @Test
  void theSameRsaKeyReadsAlikeFromPkcs1AndPkcs8() throws IOException {
    assertThat(PemFiles.privateKey(fixture("rsa-pkcs1.key")).getEncoded())
        .isEqualTo(PemFiles.privateKey(fixture("rsa-pkcs8.key")).getEncoded());
  }

  @Test
  void refusesAKeyOfAnotherCertificate() {
    assertThatThrownBy(() -> new ReloadingKeyManager(certDir("rsa.crt", "ec-sec1.key")))
        .isInstanceOf(PemFiles.TlsFileException.class)
        .hasMessageContaining("tls.key is not the private key of the first certificate in")
        .hasMessageContaining("CN=kserve4j-webhook");
  }

  @Test
  void refusesAnEncryptedKeyNamingTheAcceptedEncodings() {
    assertThatThrownBy(() -> PemFiles.privateKey(fixture("encrypted.key")))
        .hasMessageContaining("holds a \"ENCRYPTED PRIVATE KEY\" block")
        .hasMessageContaining("expected: an unencrypted PEM private key");
  }

  @Test
  void refusesFilesWithoutPem() throws IOException {
    Path junk = Files.writeString(dir.resolve("junk"), "not a key\n");

    assertThatThrownBy(() -> PemFiles.privateKey(junk))
        .hasMessageContaining("holds no PEM private key");
    assertThatThrownBy(() -> PemFiles.certificates(junk))
        .isInstanceOf(PemFiles.TlsFileException.class)
        .hasMessageContaining("CERTIFICATE");
  }

  @Test
  void refusesACorruptKeyBody() throws IOException {
    Path bad =
        Files.writeString(
            dir.resolve("bad.key"),
            "-----BEGIN EC PRIVATE KEY-----\nMAMCAQE=\n-----END EC PRIVATE KEY-----\n");

    assertThatThrownBy(() -> PemFiles.privateKey(bad))
        .isInstanceOf(PemFiles.TlsFileException.class)
        .hasMessageContaining("EC PRIVATE KEY");
  }

  @Test
  void namesTheMissingFile() throws IOException {
    Files.copy(fixture("rsa.crt"), dir.resolve("tls.crt"));

    assertThatThrownBy(() -> new ReloadingKeyManager(dir))
        .hasMessageContaining(dir.resolve("tls.key") + " is missing or unreadable");
  }
}
