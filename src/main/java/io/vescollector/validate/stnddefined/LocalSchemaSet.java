package io.vescollector.validate.stnddefined;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import com.networknt.schema.resource.InputStreamSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The 3GPP OpenAPI files on this machine, read only from one directory, and the schemas compiled
 * from them. Each file is parsed and rewritten ({@link OpenApiRewrite}) once and compiled once as a
 * whole; a referenced schema is a part of that compiled file, so validating data costs microseconds.
 * Cross-file {@code $ref}s resolve against the referring file and are served from the same directory;
 * nothing outside it is read and nothing is fetched from the network.
 *
 * <p>A {@code schemaReference} is the sender's text, so nothing it names is kept unless it leads to a
 * schema: the files are those found when the set is made (a path that is not one of them is answered
 * without a lookup being remembered), a fragment that names nothing is answered without a cache entry,
 * and schemas compiled on first use are kept in a cache of at most {@link #MAX_COMPILED_ON_DEMAND}.
 * The preloaded schemas are kept besides, so a request never waits for one of them to compile.
 *
 * <p>Thread-safe. Loading and compiling read files and take milliseconds: the collector calls
 * {@link #preload} at start-up, before any event loop runs, so requests only meet compiled schemas.
 */
public final class LocalSchemaSet {
  /**
   * Schemas compiled on first use that are kept. Real senders name a few dozen; the bound only stops
   * a sender naming every part of every file from holding memory for each.
   */
  public static final int MAX_COMPILED_ON_DEMAND = 1_000;

  private final Path root;
  private final SchemaMap map;
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
  private final ObjectMapper json = new ObjectMapper();
  /** The schema files found when the set was made: the only paths ever read or remembered. */
  private final Set<Path> files;
  private final Map<Path, Optional<JsonNode>> documents = new ConcurrentHashMap<>();
  private final Map<Path, Optional<String>> danglingRefs = new ConcurrentHashMap<>();
  private final Map<String, Resolution> preloaded = new ConcurrentHashMap<>();
  private final Cache<String, Resolution> compiledOnDemand = Caffeine.newBuilder()
      .maximumSize(MAX_COMPILED_ON_DEMAND).build();
  private final SchemaRegistry registry;

  public LocalSchemaSet(Path directory, SchemaMap map) {
    this.root = directory.toAbsolutePath().normalize();
    this.map = map;
    this.files = Set.copyOf(schemaFilesUnder(root));
    SchemaRegistryConfig config = SchemaRegistryConfig.builder()
        .pathType(PathType.JSON_POINTER)
        .locale(Locale.ENGLISH)
        .build();
    this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(), builder -> builder
        .schemaRegistryConfig(config)
        .schemaLoader(loader -> loader
            .fetchRemoteResources(false)
            .resourceLoaders(loaders -> loaders.values(list -> {
              list.clear();
              list.add(this::load);
            }))));
  }

  public Path directory() {
    return root;
  }

  /** Resolves and, on first use, compiles what a {@code schemaReference} names. */
  public Resolution resolve(String schemaReference) {
    int hash = schemaReference.indexOf('#');
    String url = hash < 0 ? schemaReference : schemaReference.substring(0, hash);
    String fragment = hash < 0 ? "" : schemaReference.substring(hash + 1);
    if (fragment.isEmpty() || fragment.equals("/")) {
      return new Resolution.UnknownReference("the reference names a file but no schema in it (no #/components/schemas/... fragment)");
    }
    Optional<String> local = map.localPathOf(url);
    if (local.isEmpty()) {
      return new Resolution.UnknownReference("no entry of the stndDefined schema map covers " + url);
    }
    Optional<Path> file = inside(local.get());
    if (file.isEmpty() || document(file.get()).isEmpty()) {
      return new Resolution.UnknownReference("the schema map sends " + url + " to " + local.get()
          + ", which is not a readable schema file in the schemas directory");
    }
    String pointer = fragment.startsWith("/") ? fragment : "/" + fragment; // ONAP accepts '#components/...'
    Optional<String> nothingThere = namesNoSchema(file.get(), pointer);
    if (nothingThere.isPresent()) {
      return new Resolution.FragmentNotFound(nothingThere.get());
    }
    String key = root.relativize(file.get()) + "#" + pointer;
    Resolution known = preloaded.get(key);
    return known != null ? known : compiledOnDemand.get(key, k -> compile(file.get(), pointer));
  }

  /** Why {@code pointer} names no schema in the file, if it does not: looked up, never remembered. */
  private Optional<String> namesNoSchema(Path file, String pointer) {
    JsonNode target;
    try {
      target = document(file).orElseThrow().at(JsonPointer.compile(pointer));
    } catch (IllegalArgumentException e) {
      return Optional.of("#" + pointer + " is not a JSON pointer");
    }
    return target.isObject() ? Optional.empty()
        : Optional.of("#" + pointer + " names no schema in " + root.relativize(file));
  }

  /**
   * Compiles the part of the file that {@code pointer} names as a part of the whole file, compiled
   * once: asking the registry for {@code file#pointer} itself would parse and keep a copy of the
   * file for every distinct pointer.
   */
  private Resolution compile(Path file, String pointer) {
    Optional<String> dangling = danglingRefs.computeIfAbsent(file, this::firstDanglingRef);
    if (dangling.isPresent()) {
      return new Resolution.FragmentNotFound(root.relativize(file) + " cannot be used: " + dangling.get());
    }
    try {
      Schema whole = registry.getSchema(SchemaLocation.of(file.toUri().toString()));
      Schema schema = whole.getRefSchema(SchemaLocation.of(file.toUri() + "#" + pointer).getFragment());
      schema.initializeValidators();
      return new Resolution.Found(schema);
    } catch (RuntimeException e) {
      return new Resolution.FragmentNotFound("#" + pointer + " in " + root.relativize(file)
          + " cannot be compiled: " + e.getMessage());
    }
  }

  /**
   * The first {@code $ref} of a file that leads nowhere in the set. As in ONAP's collector, whose
   * OpenAPI parser loads whole files, a file with a broken reference is refused as a whole; files it
   * refers to are only followed as far as the validated schema reaches.
   */
  private Optional<String> firstDanglingRef(Path file) {
    JsonNode doc = document(file).orElseThrow();
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    for (String ref : refs) {
      int hash = ref.indexOf('#');
      String target = hash < 0 ? ref : ref.substring(0, hash);
      String pointer = hash < 0 ? "" : ref.substring(hash + 1);
      Optional<JsonNode> targetDoc;
      if (target.isEmpty()) {
        targetDoc = Optional.of(doc);
      } else {
        Optional<Path> targetFile = target.contains(":") ? Optional.empty() : insideFrom(file.getParent(), target);
        targetDoc = targetFile.flatMap(this::document);
      }
      boolean resolves;
      try {
        resolves = targetDoc.isPresent() && !targetDoc.get().at(JsonPointer.compile(pointer)).isMissingNode();
      } catch (IllegalArgumentException e) {
        resolves = false;
      }
      if (!resolves) {
        return Optional.of("$ref '" + ref + "' leads to nothing in the schemas directory");
      }
    }
    return Optional.empty();
  }

  private static void collectRefs(JsonNode node, List<String> into) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()) {
        into.add(ref.asText());
      }
    }
    if (node.isContainerNode()) {
      node.forEach(child -> collectRefs(child, into));
    }
  }

  /**
   * Reads every schema file under the directory (so no request reads a file) and compiles the
   * {@code #/components/schemas/*} entries that {@code which} selects. Returns how many were compiled.
   */
  public int preload(Predicate<String> which) {
    int count = 0;
    for (Path file : files) {
      JsonNode schemas = document(file).map(d -> d.path("components").path("schemas")).orElse(null);
      if (schemas == null || !schemas.isObject()) {
        continue;
      }
      for (Iterator<String> names = schemas.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!which.test(name)) {
          continue;
        }
        String pointer = "/components/schemas/" + name.replace("~", "~0").replace("/", "~1");
        preloaded.computeIfAbsent(root.relativize(file) + "#" + pointer, k -> compile(file, pointer));
        count++;
      }
    }
    return count;
  }

  /** Whether the directory held at least one schema file when the set was made. */
  public boolean hasSchemaFiles() {
    return !files.isEmpty();
  }

  /**
   * Entries the set holds: parsed files, their reference checks and compiled schemas. Bounded by the
   * files and {@link #MAX_COMPILED_ON_DEMAND}, whatever references senders send.
   */
  public long retainedEntries() {
    compiledOnDemand.cleanUp();
    return documents.size() + danglingRefs.size() + preloaded.size() + compiledOnDemand.estimatedSize();
  }

  private static List<Path> schemaFilesUnder(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(LocalSchemaSet::isSchemaFile).map(p -> p.toAbsolutePath().normalize()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the stndDefined schemas directory " + root, e);
    }
  }

  private static boolean isSchemaFile(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
  }

  /** {@code relative} resolved under the directory, or empty when it would leave it. */
  private Optional<Path> inside(String relative) {
    return insideFrom(root, relative);
  }

  private Optional<Path> insideFrom(Path base, String relative) {
    try {
      Path p = base.resolve(relative).normalize();
      return p.startsWith(root) ? Optional.of(p) : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** A schema file's parsed and rewritten content; empty for any path that is not one of {@link #files}. */
  private Optional<JsonNode> document(Path file) {
    return files.contains(file) ? documents.computeIfAbsent(file, this::read) : Optional.empty();
  }

  private Optional<JsonNode> read(Path file) {
    try {
      JsonNode tree = yaml.readTree(file.toFile());
      return tree == null || !tree.isObject() ? Optional.empty() : Optional.of(OpenApiRewrite.apply(tree));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** networknt's resource loader: only {@code file:} IRIs inside the directory, from the parsed copies. */
  private InputStreamSource load(AbsoluteIri iri) {
    if (!"file".equals(iri.getScheme())) {
      return null;
    }
    Path file;
    try {
      file = Path.of(URI.create(iri.toString())).toAbsolutePath().normalize();
    } catch (RuntimeException e) {
      return null;
    }
    Optional<JsonNode> doc = document(file);
    if (doc.isEmpty()) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(doc.get());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return () -> new ByteArrayInputStream(bytes);
  }
}
