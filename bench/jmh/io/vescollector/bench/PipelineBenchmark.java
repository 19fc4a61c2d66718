package io.vescollector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.enrich.Enricher;
import io.vescollector.enrich.InternalFields;
import io.vescollector.enrich.RequestContext;
import io.vescollector.enrich.TimestampFormat;
import io.vescollector.parse.JsonLimits;
import io.vescollector.parse.ParsedRequest;
import io.vescollector.parse.Utf8Check;
import io.vescollector.parse.VesRequestParser;
import io.vescollector.publish.OutgoingRecord;
import io.vescollector.publish.RecordFactory;
import io.vescollector.route.RoutingTable;
import io.vescollector.route.TopicRouter;
import io.vescollector.config.SettingsLoader;
import io.vescollector.receive.VesPipeline;
import io.vescollector.validate.EventValidator;
import io.vescollector.validate.RequestValidator;
import io.vescollector.validate.SchemaCatalog;
import io.vescollector.validate.Violation;
import io.vescollector.validate.VesVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each stage of the data path on its own, in microseconds per event, for one sample event per domain
 * (samples/v7) and for a 100-event batch. Run from the project root: {@code bench/jmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PipelineBenchmark {
  @Param({"fault", "heartbeat", "measurement", "notification", "pnfRegistration", "stndDefined"})
  public String domain;

  private final ObjectMapper mapper = new ObjectMapper();
  private final RequestContext request = new RequestContext("bench", "127.0.0.1", Instant.now(), null);
  private VesRequestParser parser;
  private EventValidator validator;
  private SchemaCatalog catalog;
  private RequestValidator requestValidator;
  private Enricher enricher;
  private TopicRouter router;
  private RecordFactory records;
  private VesPipeline pipeline;
  private byte[] single;
  private byte[] batch;
  private JsonNode event;
  private ParsedRequest parsedBatch;
  private ParsedRequest parsedSingle;
  private InternalFields fields;

  @Setup
  public void setUp() throws IOException {
    parser = new VesRequestParser(JsonLimits.DEFAULT);
    catalog = new SchemaCatalog();
    validator = new EventValidator(catalog);
    requestValidator = new RequestValidator(validator);
    enricher = new Enricher("bench", TimestampFormat.RFC3339);
    router = new TopicRouter(RoutingTable.from(new SettingsLoader().load(null, Map.of(), Map.of())));
    records = new RecordFactory(mapper);
    pipeline = new VesPipeline(parser, requestValidator, enricher, router, records);
    single = Files.readAllBytes(Path.of("samples/v7", domain + ".json"));
    ObjectNode document = (ObjectNode) mapper.readTree(single);
    event = document.get("event");
    ObjectNode batchDocument = mapper.createObjectNode();
    ArrayNode list = batchDocument.putArray("eventList");
    for (int i = 0; i < 100; i++) {
      list.add(event.deepCopy());
    }
    batch = mapper.writeValueAsBytes(batchDocument);
    parsedBatch = parser.parse(batch, true);
    parsedSingle = parser.parse(single, false);
    fields = enricher.fieldsFor(request);
  }

  /** Checks the bytes as well-formed UTF-8, then builds the tree. */
  @Benchmark
  public JsonNode parse() {
    return parser.readTree(single);
  }

  /** The UTF-8 check alone (part of {@link #parse}): what refusing overlong forms costs a valid event. */
  @Benchmark
  public int utf8Check() {
    return Utf8Check.firstMalformedByte(single);
  }

  @Benchmark
  public List<Violation> validate() {
    return validator.validate(VesVersion.V7, event, "/event");
  }

  /** networknt alone, as validation ran before {@code SchemaScreen}: the ratio to {@link #validate} is its gain. */
  @Benchmark
  public Object validateWithoutScreen() {
    return catalog.eventSchema(VesVersion.V7).validate(event);
  }

  /** The screen alone: what a valid event costs now. */
  @Benchmark
  public Object screen() {
    return catalog.eventScreen(VesVersion.V7).check(event);
  }

  /** A 100-event batch; divide by 100 for the figure per event. */
  @Benchmark
  public ParsedRequest validateBatchOf100() {
    requestValidator.validate(VesVersion.V7, parsedBatch);
    return parsedBatch;
  }

  /** The collector's fields for one request (shared by all of a batch's events). */
  @Benchmark
  public InternalFields enrich() {
    return enricher.fieldsFor(request);
  }

  @Benchmark
  public String route() {
    return router.topicFor(event.get("commonEventHeader"));
  }

  /** The record from the event's own bytes, the fields spliced in (what the collector does). */
  @Benchmark
  public OutgoingRecord serialise() {
    return records.create("topic", parsedSingle.events().get(0), parsedSingle.sourceOf(0), fields, "7.2.1", "bench");
  }

  /** The record written from the tree, as before splicing (and still for events that bring their own fields). */
  @Benchmark
  public OutgoingRecord serialiseTree() {
    return records.create("topic", event, null, fields, "7.2.1", "bench");
  }

  /** Parse, validate, enrich, route and serialise one single-event request. */
  @Benchmark
  public List<OutgoingRecord> wholePipeline() {
    return pipeline.process(single, false, VesVersion.V7, "7.2.1", request);
  }

  /** The same for a 100-event batch request; divide by 100 for the figure per event. */
  @Benchmark
  public List<OutgoingRecord> wholePipelineBatchOf100() {
    return pipeline.process(batch, true, VesVersion.V7, "7.2.1", request);
  }
}
