package io.vescollector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vescollector.receive.HealthEndpoint;
import io.vescollector.streaming.StreamingConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Kustomize overlay under deploy/kubernetes/overlays renders ({@code kubectl kustomize}), and what
 * it renders agrees with the collector: the configuration the pod gets (the mounted ConfigMap file, the
 * container's {@code VES_*} variables, the image's own variable) loads without an unknown key and makes a
 * complete configuration; the container and Service ports are that configuration's {@code server.port}
 * and {@code server.managementPort}; the probes and the ServiceMonitor use the collector's health and
 * metrics paths on the management port; the termination grace period covers the preStop pause and
 * {@code server.shutdownGraceMs}; the files {@code kafka.common.*} reads through the directory config
 * provider are mounted; the KafkaTopics are the routing table's and the streaming topics; the KafkaUser
 * grants what docs/OPERATIONS.md lists and no more. A renamed key, port, path or topic fails the build.
 * Skipped, saying why, where kubectl is not installed.
 */
class KubernetesManifestsTest {
  private static final Path OVERLAYS = Path.of("deploy", "kubernetes", "overlays");
  /** Set by the image (it has no embedded broker to fall back on). */
  private static final Map<String, String> IMAGE_ENVIRONMENT = Map.of("VES_KAFKA_EMBEDDED_ENABLED", "false");
  private static final Pattern DIR_PROVIDER = Pattern.compile("\\$\\{dir:([^:}]+):([^}]+)}");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir
  static Path dir;

  @TestFactory
  Stream<DynamicTest> everyOverlayRendersAndAgreesWithTheCollector() throws IOException {
    List<Path> overlays;
    try (Stream<Path> list = Files.list(OVERLAYS)) {
      overlays = list.filter(p -> Files.isRegularFile(p.resolve("kustomization.yaml"))).sorted().toList();
    }
    assertFalse(overlays.isEmpty(), "no overlay under " + OVERLAYS);
    String kubectl = kubectlVersion();
    if (kubectl == null) {
      String reason = "kubectl is not installed: the Kubernetes manifests under " + OVERLAYS + " are not rendered or checked";
      Assumptions.abort(reason); // printed by the test kit's SkippedTestsReporter
    }
    System.out.println("KubernetesManifestsTest: " + kubectl);
    return overlays.stream().map(o -> DynamicTest.dynamicTest(o.getFileName().toString(),
        () -> check(o, Files.createTempDirectory(dir, o.getFileName().toString()))));
  }

  private static void check(Path overlay, Path dir) throws Exception {
    List<JsonNode> docs = render(overlay);
    JsonNode deployment = only(docs, "Deployment");
    JsonNode pod = deployment.at("/spec/template/spec");
    JsonNode container = null;
    for (JsonNode c : pod.path("containers")) {
      if (c.path("name").asText().equals("ves-collector")) {
        container = c;
      }
    }
    assertNotNull(container, overlay + ": no container ves-collector");

    // The configuration the pod gets: serve --config FILE, FILE mounted from the generated ConfigMap.
    List<String> args = new ArrayList<>();
    container.path("args").forEach(a -> args.add(a.asText()));
    assertEquals("serve", args.get(0), overlay + ": the image's ENTRYPOINT runs the jar; args start with the command");
    String configPath = args.get(args.indexOf("--config") + 1);
    String configYaml = mountedConfigMapFile(docs, pod, container, configPath);
    Path configFile = dir.resolve("collector.yaml");
    Files.writeString(configFile, configYaml);

    Map<String, String> environment = new LinkedHashMap<>(IMAGE_ENVIRONMENT);
    Set<String> upperCaseNames = ConfigKeys.ALL.stream().map(ConfigKey::environmentVariable).collect(Collectors.toSet());
    for (JsonNode e : container.path("env")) {
      String name = e.path("name").asText();
      if (!name.startsWith(SettingsLoader.ENV_PREFIX)) {
        continue;
      }
      String key = name.substring(SettingsLoader.ENV_PREFIX.length());
      assertTrue(key.contains(".") ? SettingsLoader.isKnown(key) : upperCaseNames.contains(name),
          overlay + ": the environment variable " + name + " names no configuration key");
      environment.put(name, e.has("value") ? e.path("value").asText() : "from-" + e.path("valueFrom").fieldNames().next());
    }
    // envFrom with a VES_ prefix (the Basic users' Secret): each key of the Secret completes the prefix.
    String hash = OpenBSDBCrypt.generate("2b", "secret".toCharArray(), new byte[16], 10);
    for (JsonNode source : container.path("envFrom")) {
      String prefix = source.path("prefix").asText();
      if (prefix.startsWith(SettingsLoader.ENV_PREFIX)) {
        String name = prefix + "example-user";
        assertTrue(SettingsLoader.isKnown(name.substring(SettingsLoader.ENV_PREFIX.length())),
            overlay + ": envFrom prefix " + prefix + " names no configuration map");
        environment.put(name, hash);
      }
    }

    // Unknown keys in the file or the variables throw here; TLS files are mounted Secrets, stood in for.
    SettingsLoader loader = new SettingsLoader();
    Settings settings = loader.load(configFile, environment, Map.of());
    Map<String, String> tlsStandIns = new LinkedHashMap<>();
    for (ConfigKey key : List.of(ConfigKeys.TLS_CERT_FILE, ConfigKeys.TLS_KEY_FILE, ConfigKeys.TLS_TRUST_FILE,
        ConfigKeys.TLS_KEY_STORE_FILE)) {
      String path = settings.string(key);
      if (!path.isBlank()) {
        assertMounted(overlay, pod, container, path, key.name());
        Path standIn = Files.writeString(dir.resolve(key.name()), "stand-in");
        tlsStandIns.put(key.name(), standIn.toString());
      }
    }
    CollectorConfig config = CollectorConfig.from(loader.load(configFile, environment, tlsStandIns));
    assertFalse(config.kafka().embedded(), overlay + ": a deployment must name its Kafka");

    // Ports.
    int vesPort = config.server().port();
    int managementPort = config.server().managementPort();
    assertTrue(config.server().separateManagementPort() && managementPort > 0,
        overlay + ": server.managementPort must be a fixed port for the probes and Prometheus");
    Map<String, Integer> containerPorts = new LinkedHashMap<>();
    container.path("ports").forEach(p -> containerPorts.put(p.path("name").asText(), p.path("containerPort").asInt()));
    assertEquals(Map.of("ves", vesPort, "management", managementPort), containerPorts,
        overlay + ": container ports against server.port and server.managementPort");
    JsonNode service = only(docs, "Service");
    Map<String, Integer> servicePorts = new LinkedHashMap<>();
    for (JsonNode p : service.at("/spec/ports")) {
      int target = resolvePort(p.path("targetPort"), containerPorts, overlay + " Service port " + p.path("name").asText());
      assertEquals(target, p.path("port").asInt(), overlay + ": Service port " + p.path("name").asText()
          + " should be the collector's own port number");
      servicePorts.put(p.path("name").asText(), target);
    }
    assertEquals(Map.of("ves", vesPort, "management", managementPort), servicePorts, overlay + ": Service ports");

    // Probes on the management port, on the collector's own paths.
    Map<String, String> probes = Map.of("livenessProbe", HealthEndpoint.LIVE_PATH,
        "readinessProbe", HealthEndpoint.READY_PATH, "startupProbe", HealthEndpoint.LIVE_PATH);
    for (Map.Entry<String, String> probe : probes.entrySet()) {
      JsonNode httpGet = container.path(probe.getKey()).path("httpGet");
      assertEquals(probe.getValue(), httpGet.path("path").asText(), overlay + ": " + probe.getKey() + " path");
      assertEquals(managementPort, resolvePort(httpGet.path("port"), containerPorts, overlay + " " + probe.getKey()),
          overlay + ": " + probe.getKey() + " port");
    }
    JsonNode monitor = only(docs, "ServiceMonitor");
    for (JsonNode endpoint : monitor.at("/spec/endpoints")) {
      assertEquals(HealthEndpoint.METRICS_PATH, endpoint.path("path").asText(), overlay + ": ServiceMonitor path");
      assertEquals(managementPort, servicePorts.get(endpoint.path("port").asText()), overlay + ": ServiceMonitor port");
    }

    // Shutdown: the pod is given the preStop pause and the collector's own grace period, and more.
    long preStopMs = container.at("/lifecycle/preStop/sleep/seconds").asLong() * 1000;
    assertTrue(preStopMs > 0, overlay + ": a preStop pause lets the endpoint go before the drain");
    long graceMs = pod.path("terminationGracePeriodSeconds").asLong() * 1000;
    assertTrue(graceMs > preStopMs + config.server().shutdownGraceMs(), overlay + ": terminationGracePeriodSeconds "
        + graceMs / 1000 + " s must exceed the preStop pause plus server.shutdownGraceMs");
    assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean(), overlay + ": read-only root file system");
    assertMounted(overlay, pod, container, "/tmp/x", "the JVM's /tmp");

    // Files the Kafka clients read through ${dir:PATH:KEY} are mounted.
    for (Map.Entry<String, Object> property : config.kafka().clients().forAdmin().entrySet()) {
      Matcher m = DIR_PROVIDER.matcher(String.valueOf(property.getValue()));
      while (m.find()) {
        assertMounted(overlay, pod, container, m.group(1) + "/" + m.group(2), "kafka property " + property.getKey());
      }
    }

    // Strimzi: the topics are the collector's, made by the operator; the user's rights are the documented ones.
    List<JsonNode> topics = all(docs, "KafkaTopic");
    if (!topics.isEmpty()) {
      assertFalse(config.kafka().topics().create(), overlay + ": with KafkaTopics, kafka.topic.create must be false");
      StreamingConfig streaming = config.streaming();
      Set<String> expected = new TreeSet<>(config.routing().topics());
      if (streaming.enabled()) {
        expected.add(streaming.connectionsTopic());
        expected.addAll(streaming.topics().topics().values());
      }
      Set<String> declared = new TreeSet<>();
      for (JsonNode t : topics) {
        String name = t.at("/spec/topicName").asText();
        declared.add(name);
        if (name.equals(streaming.connectionsTopic())) {
          assertEquals("compact", t.at("/spec/config/cleanup.policy").asText(), overlay + ": " + name);
        }
      }
      assertEquals(expected, declared, overlay + ": KafkaTopics against the routing table and the streaming topics");
      checkUser(overlay, only(docs, "KafkaUser"), expected, streaming.connectionsTopic());
    }
  }

  /** Write and Describe on every topic, Read on the connections topic; nothing else, no other resource. */
  private static void checkUser(Path overlay, JsonNode user, Set<String> topics, String connectionsTopic) {
    List<JsonNode> acls = new ArrayList<>();
    user.at("/spec/authorization/acls").forEach(acls::add);
    Set<String> allowed = Set.of("Write", "Describe", "Read");
    for (JsonNode acl : acls) {
      assertEquals("topic", acl.at("/resource/type").asText(), overlay + ": the collector needs rights on topics only");
      acl.path("operations").forEach(op -> assertTrue(allowed.contains(op.asText()),
          overlay + ": operation " + op.asText() + " is more than the collector needs (" + acl + ")"));
    }
    for (String topic : topics) {
      Set<String> granted = new TreeSet<>();
      for (JsonNode acl : acls) {
        String name = acl.at("/resource/name").asText();
        boolean prefix = acl.at("/resource/patternType").asText("literal").equals("prefix");
        if (prefix ? topic.startsWith(name) : topic.equals(name)) {
          acl.path("operations").forEach(op -> granted.add(op.asText()));
        }
      }
      Set<String> needed = new TreeSet<>(Set.of("Write", "Describe"));
      if (topic.equals(connectionsTopic)) {
        needed.add("Read");
      }
      assertEquals(needed, granted, overlay + ": rights of the KafkaUser on " + topic);
    }
  }

  /** The content of the ConfigMap key mounted at {@code path}, as a file (subPath) or in a directory. */
  private static String mountedConfigMapFile(List<JsonNode> docs, JsonNode pod, JsonNode container, String path) {
    for (JsonNode mount : container.path("volumeMounts")) {
      String at = mount.path("mountPath").asText();
      String key = mount.has("subPath") && at.equals(path) ? mount.path("subPath").asText()
          : !mount.has("subPath") && path.startsWith(at + "/") ? path.substring(at.length() + 1) : null;
      if (key == null) {
        continue;
      }
      JsonNode volume = volume(pod, mount.path("name").asText());
      String configMap = volume.at("/configMap/name").asText();
      for (JsonNode doc : all(docs, "ConfigMap")) {
        if (doc.at("/metadata/name").asText().equals(configMap)) {
          JsonNode data = doc.path("data").path(key);
          assertTrue(data.isTextual(), "ConfigMap " + configMap + " has no key " + key);
          return data.asText();
        }
      }
      fail("the volume " + volume.path("name").asText() + " mounted at " + at + " is no rendered ConfigMap");
    }
    throw new AssertionError("nothing is mounted at " + path + ", the file serve --config reads");
  }

  /** A volume is mounted at {@code path} or a directory holding it, and a Secret volume has the file's key. */
  private static void assertMounted(Path overlay, JsonNode pod, JsonNode container, String path, String what) {
    for (JsonNode mount : container.path("volumeMounts")) {
      String at = mount.path("mountPath").asText();
      if (path.startsWith(at + "/") && !mount.has("subPath")) {
        JsonNode volume = volume(pod, mount.path("name").asText());
        JsonNode items = volume.at("/secret/items");
        if (items.isArray()) {
          String file = path.substring(at.length() + 1);
          boolean present = false;
          for (JsonNode item : items) {
            present |= item.path("path").asText().equals(file);
          }
          assertTrue(present, overlay + ": " + what + ": the Secret mounted at " + at + " does not project " + file);
        }
        return;
      }
    }
    fail(overlay + ": " + what + ": nothing is mounted where " + path + " is read");
  }

  private static JsonNode volume(JsonNode pod, String name) {
    for (JsonNode v : pod.path("volumes")) {
      if (v.path("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no volume " + name);
  }

  private static int resolvePort(JsonNode port, Map<String, Integer> containerPorts, String what) {
    if (port.isInt()) {
      return port.asInt();
    }
    Integer number = containerPorts.get(port.asText());
    assertNotNull(number, what + ": no container port named " + port.asText());
    return number;
  }

  private static List<JsonNode> all(List<JsonNode> docs, String kind) {
    return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
  }

  private static JsonNode only(List<JsonNode> docs, String kind) {
    List<JsonNode> found = all(docs, kind);
    assertEquals(1, found.size(), "rendered " + kind + " resources");
    return found.get(0);
  }

  private static List<JsonNode> render(Path overlay) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("kubectl", "kustomize", overlay.toString()).start();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize " + overlay + " did not finish");
    assertEquals(0, process.exitValue(), "kubectl kustomize " + overlay + ": " + err);
    List<JsonNode> docs = new ArrayList<>();
    try (var values = YAML.readerFor(JsonNode.class).readValues(out)) {
      while (values.hasNext()) {
        JsonNode doc = (JsonNode) values.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
    }
    return docs;
  }

  /** kubectl's client version line, or null when kubectl cannot be run. */
  private static String kubectlVersion() {
    try {
      Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return null;
      }
      return out.replace('\n', ' ').trim();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
