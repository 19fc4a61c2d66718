package io.vescollector.testkit;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Certificates made at test time (no private key is ever committed): a CA, and certificates it
 * signs, written as PEM files into a directory the test owns.
 */
public final class TestCertificates {
  private final Path dir;
  private final String caName;
  private final KeyPair caKeys;
  private final X509Certificate ca;
  private final AtomicLong serial = new AtomicLong(System.currentTimeMillis());

  public TestCertificates(Path dir, String caName) {
    this.dir = dir;
    this.caName = caName;
    this.caKeys = keyPair();
    this.ca = build(new X500Name("CN=" + caName), caKeys, new X500Name("CN=" + caName), caKeys, true, null);
    write(dir.resolve(caName + "-ca.pem"), pem(ca));
  }

  /** The CA certificate's PEM file (a trust store). */
  public Path caFile() {
    return dir.resolve(caName + "-ca.pem");
  }

  /** A certificate for {@code subject}, signed by this CA; returns {cert.pem, key.pem}. */
  public Path[] issue(String name, String subject) {
    KeyPair keys = keyPair();
    X509Certificate cert = build(new X500Name(subject), keys, new X500Name("CN=" + caName), caKeys, false,
        new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.dNSName, "localhost")}));
    Path certFile = dir.resolve(name + "-cert.pem");
    Path keyFile = dir.resolve(name + "-key.pem");
    write(certFile, pem(cert));
    write(keyFile, pemKey(keys));
    return new Path[] {certFile, keyFile};
  }

  private X509Certificate build(X500Name subject, KeyPair keys, X500Name issuer, KeyPair issuerKeys, boolean isCa,
                                GeneralNames altNames) {
    try {
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial.incrementAndGet()),
          Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), subject, keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      if (altNames != null) {
        b.addExtension(Extension.subjectAlternativeName, false, altNames);
      }
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException("cannot build a test certificate", e);
    }
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(Object o) {
    StringWriter s = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(s)) {
      w.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s.toString();
  }

  private static String pemKey(KeyPair keys) {
    return pem(new PemObject("PRIVATE KEY", keys.getPrivate().getEncoded()));
  }

  private static void write(Path file, String text) {
    try {
      Path tmp = Files.createTempFile(file.getParent(), "pem", ".tmp");
      Files.writeString(tmp, text);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The serial number of the certificate a TLS listener on {@code port} serves to a new handshake. */
  public BigInteger servedSerial(int port) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (FileInputStream in = new FileInputStream(caFile().toFile())) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.startHandshake();
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }

  /** The serial number of the certificate in a PEM file. */
  public static BigInteger serialOf(Path certificate) throws Exception {
    try (FileInputStream in = new FileInputStream(certificate.toFile())) {
      return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in)).getSerialNumber();
    }
  }
}
