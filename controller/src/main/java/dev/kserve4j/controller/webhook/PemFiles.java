package dev.kserve4j.controller.webhook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files cert-manager writes into a TLS Secret: {@code tls.crt}, a certificate chain,
 * and {@code tls.key}, an unencrypted private key as PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code
 * RSA PRIVATE KEY}, cert-manager's default for RSA) or SEC1 ({@code EC PRIVATE KEY}, its default
 * for ECDSA). PKCS#1 and SEC1 keys are wrapped into PKCS#8 for the JDK's key factories.
 */
final class PemFiles {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
  private static final String KEY_FORMATS =
      "expected: an unencrypted PEM private key, PKCS#8 \"PRIVATE KEY\","
          + " PKCS#1 \"RSA PRIVATE KEY\" or SEC1 \"EC PRIVATE KEY\"";

  /** AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
  private static final byte[] RSA_ALGORITHM =
      HexFormat.of().parseHex("300d06092a864886f70d0101010500");

  /** OID id-ecPublicKey (1.2.840.10045.2.1). */
  private static final byte[] EC_PUBLIC_KEY_OID = HexFormat.of().parseHex("06072a8648ce3d0201");

  private PemFiles() {}

  /** The certificates of {@code file}, leaf first; at least one. */
  static List<X509Certificate> certificates(Path file) throws IOException {
    byte[] pem = Files.readAllBytes(file);
    try {
      List<X509Certificate> chain =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem))
              .stream()
              .map(X509Certificate.class::cast)
              .toList();
      if (chain.isEmpty()) {
        throw new TlsFileException(
            file + " holds no certificate (expected: PEM \"CERTIFICATE\" blocks, leaf first)");
      }
      return chain;
    } catch (CertificateException e) {
      throw new TlsFileException(
          file
              + " is not a PEM certificate chain: "
              + e.getMessage()
              + " (expected: PEM \"CERTIFICATE\" blocks, leaf first)",
          e);
    }
  }

  /** The private key of {@code file}. */
  static PrivateKey privateKey(Path file) throws IOException {
    Matcher m = BLOCK.matcher(Files.readString(file, StandardCharsets.US_ASCII));
    while (m.find()) {
      String type = m.group(1);
      if (type.equals("EC PARAMETERS")) {
        continue; // openssl ecparam -genkey writes the curve before the key
      }
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(m.group(2));
      } catch (IllegalArgumentException e) {
        throw new TlsFileException(
            file + ": the " + type + " block is not Base64 (" + KEY_FORMATS + ")", e);
      }
      return switch (type) {
        case "PRIVATE KEY" -> pkcs8(file, der);
        case "RSA PRIVATE KEY" -> pkcs8(file, wrap(RSA_ALGORITHM, der));
        case "EC PRIVATE KEY" ->
            pkcs8(file, wrap(Der.sequence(EC_PUBLIC_KEY_OID, curveOf(file, der)), der));
        default ->
            throw new TlsFileException(
                file + " holds a \"" + type + "\" block (" + KEY_FORMATS + ")");
      };
    }
    throw new TlsFileException(file + " holds no PEM private key (" + KEY_FORMATS + ")");
  }

  private static PrivateKey pkcs8(Path file, byte[] der) {
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (InvalidKeySpecException e) {
        // not this algorithm; try the next
      } catch (GeneralSecurityException e) {
        throw new TlsFileException(file + ": " + e.getMessage(), e);
      }
    }
    throw new TlsFileException(
        file
            + " holds a private key of an unknown algorithm or a malformed one"
            + " (expected: an RSA, EC or EdDSA key)");
  }

  /** PrivateKeyInfo: version 0, the algorithm, the key as an OCTET STRING. */
  private static byte[] wrap(byte[] algorithm, byte[] key) {
    return Der.sequence(new byte[] {0x02, 0x01, 0x00}, algorithm, Der.element(0x04, key));
  }

  /** The named-curve OID in the {@code [0]} parameters of a SEC1 ECPrivateKey. */
  private static byte[] curveOf(Path file, byte[] sec1) {
    try {
      Der.Reader key = new Der.Reader(sec1).enter(0x30);
      while (key.hasMore()) {
        int tag = key.peekTag();
        byte[] content = key.next();
        if (tag == 0xa0) {
          return new Der.Reader(content).whole(0x06);
        }
      }
    } catch (IllegalArgumentException e) {
      throw new TlsFileException(file + ": the EC PRIVATE KEY is malformed: " + e.getMessage(), e);
    }
    throw new TlsFileException(
        file
            + ": the EC PRIVATE KEY names no curve (expected: SEC1 with the curve"
            + " parameters, as cert-manager and openssl write it, or PKCS#8)");
  }

  /** Just enough DER to wrap keys: definite lengths, single-byte tags. */
  static final class Der {
    private Der() {}

    static byte[] sequence(byte[]... elements) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      Arrays.stream(elements).forEach(body::writeBytes);
      return element(0x30, body.toByteArray());
    }

    static byte[] element(int tag, byte[] content) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(tag);
      int n = content.length;
      if (n < 0x80) {
        out.write(n);
      } else {
        int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
          out.write(n >>> (8 * i));
        }
      }
      out.writeBytes(content);
      return out.toByteArray();
    }

    /** Reads consecutive elements of a DER buffer. */
    static final class Reader {
      private final byte[] der;
      private int at;

      Reader(byte[] der) {
        this.der = der;
      }

      boolean hasMore() {
        return at < der.length;
      }

      int peekTag() {
        return der[at] & 0xff;
      }

      /** The content of the next element. */
      byte[] next() {
        if (at + 2 > der.length) {
          throw new IllegalArgumentException("truncated at byte " + at);
        }
        at++;
        int length = der[at++] & 0xff;
        if (length >= 0x80) {
          int bytes = length & 0x7f;
          if (bytes == 0 || bytes > 3 || at + bytes > der.length) {
            throw new IllegalArgumentException("unsupported length at byte " + at);
          }
          length = 0;
          for (int i = 0; i < bytes; i++) {
            length = (length << 8) | (der[at++] & 0xff);
          }
        }
        if (at + length > der.length) {
          throw new IllegalArgumentException("an element runs past the end at byte " + at);
        }
        byte[] content = Arrays.copyOfRange(der, at, at + length);
        at += length;
        return content;
      }

      /** A reader over the content of the next element, which must have {@code tag}. */
      Reader enter(int tag) {
        if (!hasMore() || peekTag() != tag) {
          throw new IllegalArgumentException("expected tag 0x" + Integer.toHexString(tag));
        }
        return new Reader(next());
      }

      /** The next element, tag and length included, which must have {@code tag}. */
      byte[] whole(int tag) {
        int start = at;
        enter(tag);
        return Arrays.copyOfRange(der, start, at);
      }
    }
  }

  /** A TLS file that cannot be used, saying which and why. */
  static final class TlsFileException extends IllegalStateException {
    TlsFileException(String message) {
      super(message);
    }

    TlsFileException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
