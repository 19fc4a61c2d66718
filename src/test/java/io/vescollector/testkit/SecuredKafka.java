package io.vescollector.testkit;

import io.vescollector.kafka.BrokerExtras;
import io.vescollector.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.awaitility.Awaitility;

/**
 * One in-process KRaft broker secured as a Strimzi cluster is: a SASL_SSL listener with SCRAM-SHA-512 users, an SSL
 * listener that requires client certificates (mutual TLS), the standard authorizer with ACLs, and the clients' secrets
 * in files as mounted Kubernetes Secrets, read through Kafka's config providers.
 *
 * <ul>
 *   <li>{@link #SCRAM} (SASL_SSL) and {@link #MTLS} (SSL, {@code ssl.client.auth=required}): what the collector uses.
 *       Both map their user to {@code User:<name>}: the SCRAM user name, or the certificate's CN.</li>
 *   <li>PLAINTEXT: the test's own setup (topics, users, ACLs). Its principal, {@code User:ANONYMOUS}, is the super
 *       user; the secured listeners never yield that principal.</li>
 *   <li>{@link #COLLECTOR} may Write, Describe and Read topics starting with {@link #TOPIC_PREFIX} and Read groups
 *       starting with it, and is explicitly denied Create on the cluster and on those topics: topics are the
 *       operator's ({@link #createTopics}). {@link #NOBODY} has a password and a certificate but no ACL.</li>
 * </ul>
 *
 * Secrets are laid out as Strimzi mounts them: {@code <secrets>/cluster-ca/ca.crt}, {@code <secrets>/<user>-tls/}
 * {@code user.crt} and {@code user.key}, and the SCRAM password in {@code <secrets>/<user>-scram/password}, all read
 * with {@code ${dir:...}}; the password is also in {@code <secrets>/<user>.properties} as {@code password=...}, read
 * with {@code ${file:...}} by {@link #clientProperties(Mechanism, String, Path)}. Starting takes a few
 * seconds: share one instance per test class.
 */
public final class SecuredKafka implements AutoCloseable {
  /** Listener names (upper case, as Kafka prints them; {@code listener.name.*} properties use lower case). */
  public static final String SCRAM = "SCRAM";
  public static final String MTLS = "MTLS";
  public static final String COLLECTOR = "collector";
  public static final String NOBODY = "nobody";
  /** Topics and consumer groups the collector user may use start with this. */
  public static final String TOPIC_PREFIX = "ves-secured.";

  private static final AtomicInteger PREFIXES = new AtomicInteger();

  /** How a client authenticates. */
  public enum Mechanism { SCRAM_SHA_512, MUTUAL_TLS }

  private final EmbeddedKafkaBroker broker;
  private final Path secrets;
  private final Map<String, String> passwords = new LinkedHashMap<>();
  private final Admin admin;

  private SecuredKafka(EmbeddedKafkaBroker broker, Path secrets, Map<String, String> passwords) {
    this.broker = broker;
    this.secrets = secrets;
    this.passwords.putAll(passwords);
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  /**
   * Writes a CA, the broker's and the users' certificates and the users' passwords into {@code dir}, starts the
   * broker, creates the SCRAM credentials and the ACLs, and returns once both users' credentials and the ACLs are
   * in force.
   */
  public static SecuredKafka start(Path dir) {
    try {
      Path secrets = Files.createDirectories(dir.resolve("secrets"));
      Path caDir = Files.createDirectories(secrets.resolve("cluster-ca"));
      TestCertificates certs = new TestCertificates(Files.createDirectories(dir.resolve("pki")), "cluster");
      Files.copy(certs.caFile(), caDir.resolve("ca.crt"));
      Path[] brokerCert = certs.issue("broker", "CN=localhost,O=ves-collector-tests");
      Map<String, String> passwords = new LinkedHashMap<>();
      for (String user : List.of(COLLECTOR, NOBODY)) {
        Path userDir = Files.createDirectories(secrets.resolve(user + "-tls"));
        Path[] issued = certs.issue(user, "CN=" + user); // as Strimzi's clients CA issues user certificates
        Files.move(issued[0], userDir.resolve("user.crt"));
        Files.move(issued[1], userDir.resolve("user.key"));
        String password = UUID.randomUUID().toString();
        passwords.put(user, password);
        Files.writeString(secrets.resolve(user + ".properties"), "password=" + password + "\n");
        // As Strimzi mounts a SCRAM KafkaUser's Secret: one file per key, the password as it is.
        Files.createDirectories(secrets.resolve(user + "-scram"));
        Files.writeString(secrets.resolve(user + "-scram").resolve("password"), password);
      }
      Map<String, String> props = new LinkedHashMap<>();
      props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
      props.put("super.users", "User:ANONYMOUS");
      props.put("allow.everyone.if.no.acl.found", "false");
      props.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
      props.put("listener.name.scram.scram-sha-512.sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required;");
      props.put("ssl.keystore.type", "PEM");
      props.put("ssl.keystore.certificate.chain", Files.readString(brokerCert[0]));
      props.put("ssl.keystore.key", Files.readString(brokerCert[1]));
      props.put("ssl.truststore.type", "PEM");
      props.put("ssl.truststore.certificates", Files.readString(certs.caFile()));
      props.put("listener.name.mtls.ssl.client.auth", "required");
      // User:CN=collector -> User:collector, the SCRAM user's principal (the DN is as X500Principal prints it,
      // RFC 2253, most specific RDN first)
      props.put("ssl.principal.mapping.rules", "RULE:^CN=([^,]+)$/$1/,DEFAULT");
      Map<String, String> listeners = new LinkedHashMap<>();
      listeners.put(SCRAM, "SASL_SSL");
      listeners.put(MTLS, "SSL");
      EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, null, 1, new BrokerExtras(listeners, props));
      SecuredKafka kafka = new SecuredKafka(broker, secrets, passwords);
      try {
        kafka.setUpUsersAndAcls();
      } catch (RuntimeException | Error e) {
        kafka.close();
        throw e;
      }
      return kafka;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void setUpUsersAndAcls() {
    List<UserScramCredentialUpsertion> users = new ArrayList<>();
    passwords.forEach((user, password) -> users.add(new UserScramCredentialUpsertion(user,
        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)));
    get(admin.alterUserScramCredentials(new ArrayList<>(users)).all());
    String principal = "User:" + COLLECTOR;
    ResourcePattern topics = new ResourcePattern(ResourceType.TOPIC, TOPIC_PREFIX, PatternType.PREFIXED);
    ResourcePattern groups = new ResourcePattern(ResourceType.GROUP, TOPIC_PREFIX, PatternType.PREFIXED);
    ResourcePattern cluster = new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL);
    List<AclBinding> acls = List.of(
        acl(topics, principal, AclOperation.WRITE, AclPermissionType.ALLOW),
        acl(topics, principal, AclOperation.DESCRIBE, AclPermissionType.ALLOW),
        acl(topics, principal, AclOperation.READ, AclPermissionType.ALLOW),
        acl(groups, principal, AclOperation.READ, AclPermissionType.ALLOW),
        acl(topics, principal, AclOperation.CREATE, AclPermissionType.DENY),
        acl(cluster, principal, AclOperation.CREATE, AclPermissionType.DENY));
    get(admin.createAcls(acls).all());
    // The broker answers describeAcls from its authorizer, so once it lists them they are in force there.
    Awaitility.await("ACLs in force").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> get(admin.describeAcls(AclBindingFilter.ANY).values()).size() >= acls.size());
    // SCRAM credentials reach the broker's credential cache through the metadata log: wait until a client logs in.
    Map<String, Object> probe = clientConfig(Mechanism.SCRAM_SHA_512, NOBODY);
    probe.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(Mechanism.SCRAM_SHA_512));
    try (Admin scram = Admin.create(probe)) {
      Awaitility.await("SCRAM credentials in force").atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .pollInterval(Duration.ofMillis(100))
          .until(() -> !scram.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty());
    }
  }

  private static AclBinding acl(ResourcePattern pattern, String principal, AclOperation op, AclPermissionType type) {
    return new AclBinding(pattern, new AccessControlEntry(principal, "*", op, type));
  }

  /** The PLAINTEXT (super user) listener, for the test's own setup and checks. */
  public String plaintextBootstrap() {
    return broker.bootstrapServers();
  }

  /** The listener a mechanism connects to: {@link #SCRAM} or {@link #MTLS}. */
  public String bootstrap(Mechanism mechanism) {
    return broker.bootstrapServers(mechanism == Mechanism.SCRAM_SHA_512 ? SCRAM : MTLS);
  }

  /** The directory the secrets are mounted in. */
  public Path secrets() {
    return secrets;
  }

  /** The password file of a user, read as {@code ${file:<this>:password}}. */
  public Path passwordFile(String user) {
    return secrets.resolve(user + ".properties");
  }

  /** Writes another password file (e.g. a wrong password) and returns it. */
  public Path writePasswordFile(String name, String password) {
    try {
      Path file = secrets.resolve(name + ".properties");
      Files.writeString(file, "password=" + password + "\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Kafka client properties for {@code user} (without {@code bootstrap.servers}): only references to the secret
   * files, never a secret itself, as a collector configured from mounted Kubernetes Secrets has them.
   */
  public Map<String, String> clientProperties(Mechanism mechanism, String user) {
    Map<String, String> p = clientProperties(mechanism, user, passwordFile(user));
    if (mechanism == Mechanism.SCRAM_SHA_512) { // the password as Strimzi mounts it: ${dir:...}
      p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
          + user + "\" password=\"${dir:" + secrets.resolve(user + "-scram") + ":password}\";");
    }
    return p;
  }

  /** As {@link #clientProperties(Mechanism, String)}, with the SCRAM password read from {@code passwordFile}. */
  public Map<String, String> clientProperties(Mechanism mechanism, String user, Path passwordFile) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("config.providers", "file,dir");
    p.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
    p.put("config.providers.dir.class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
    Path ca = secrets.resolve("cluster-ca");
    p.put("ssl.truststore.type", "PEM");
    p.put("ssl.truststore.certificates", "${dir:" + ca + ":ca.crt}");
    if (mechanism == Mechanism.SCRAM_SHA_512) {
      p.put("security.protocol", "SASL_SSL");
      p.put("sasl.mechanism", "SCRAM-SHA-512");
      p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
          + user + "\" password=\"${file:" + passwordFile + ":password}\";");
    } else {
      Path tls = secrets.resolve(user + "-tls");
      p.put("security.protocol", "SSL");
      p.put("ssl.keystore.type", "PEM");
      p.put("ssl.keystore.certificate.chain", "${dir:" + tls + ":user.crt}");
      p.put("ssl.keystore.key", "${dir:" + tls + ":user.key}");
    }
    return p;
  }

  /** Client properties as the collector's settings: each as {@code kafka.common.<property>}. */
  public static Map<String, String> asCollectorSettings(Map<String, String> clientProperties) {
    Map<String, String> out = new LinkedHashMap<>();
    clientProperties.forEach((k, v) -> out.put("kafka.common." + k, v));
    return out;
  }

  /** Writes the client properties as a {@code .properties} file (as for Kafka's own tools) and returns it. */
  public Path writeProperties(Path file, Map<String, String> clientProperties) {
    Properties p = new Properties();
    p.putAll(clientProperties);
    try (var out = Files.newBufferedWriter(file)) {
      p.store(out, "Kafka client settings; secrets are read from files by config providers");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private Map<String, Object> clientConfig(Mechanism mechanism, String user) {
    return new LinkedHashMap<>(clientProperties(mechanism, user));
  }

  /** A fresh prefix under {@link #TOPIC_PREFIX} for one test's topics. */
  public String uniquePrefix() {
    return TOPIC_PREFIX + PREFIXES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6) + ".";
  }

  /** Creates topics (one partition) as the super user, waiting for the controller; existing ones are kept. */
  public void createTopics(Collection<String> topics) {
    List<NewTopic> list = topics.stream().distinct().map(t -> new NewTopic(t, 1, (short) 1)).toList();
    get(admin.createTopics(list).all());
  }

  /** Creates a compacted topic (as the streaming connections topic is) as the super user. */
  public void createCompactedTopic(String topic) {
    get(admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
        .configs(Map.of("cleanup.policy", "compact")))).all());
  }

  /** The super user's admin client (PLAINTEXT). */
  public Admin admin() {
    return admin;
  }

  private static <T> T get(KafkaFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().toString(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      admin.close(Duration.ofSeconds(2));
    } finally {
      broker.close();
    }
  }
}
