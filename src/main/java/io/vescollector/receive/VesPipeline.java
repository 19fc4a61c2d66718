package io.vescollector.receive;

import com.fasterxml.jackson.databind.JsonNode;
import io.vescollector.enrich.Enricher;
import io.vescollector.enrich.InternalFields;
import io.vescollector.enrich.RequestContext;
import io.vescollector.parse.ParsedRequest;
import io.vescollector.parse.VesRequestParser;
import io.vescollector.publish.OutgoingRecord;
import io.vescollector.publish.RecordFactory;
import io.vescollector.route.TopicRouter;
import io.vescollector.validate.RequestValidator;
import io.vescollector.validate.VesVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The synchronous part of the data path, parse → validate → enrich → route → serialise, as one call
 * that either returns the records to publish or throws a {@link io.vescollector.answer.VesException}.
 * Nothing is published unless every event of the request passed.
 */
public final class VesPipeline {
  private final VesRequestParser parser;
  private final RequestValidator validator;
  private final Enricher enricher;
  private final TopicRouter router;
  private final RecordFactory records;
  private final LongConsumer eventAgeMicros;

  /** @param eventAgeMicros told, for each valid event, arrival time minus its lastEpochMicrosec */
  public VesPipeline(VesRequestParser parser, RequestValidator validator, Enricher enricher,
                     TopicRouter router, RecordFactory records, LongConsumer eventAgeMicros) {
    this.eventAgeMicros = eventAgeMicros;
    this.parser = parser;
    this.validator = validator;
    this.enricher = enricher;
    this.router = router;
    this.records = records;
  }

  public List<OutgoingRecord> process(byte[] body, boolean batch, VesVersion version, String listenerVersion,
                                      RequestContext request) {
    ParsedRequest parsed = parser.parse(body, batch);
    validator.validate(version, parsed);
    String topic = router.topicFor(parsed.events().get(0).path("commonEventHeader"));
    InternalFields fields = enricher.fieldsFor(request);
    List<OutgoingRecord> out = new ArrayList<>(parsed.events().size());
    Instant at = request.receivedAt();
    long receivedMicros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    for (int i = 0; i < parsed.events().size(); i++) {
      JsonNode event = parsed.events().get(i);
      JsonNode last = event.path("commonEventHeader").path("lastEpochMicrosec");
      if (last.isNumber()) {
        eventAgeMicros.accept(receivedMicros - last.asLong());
      }
      out.add(records.create(topic, event, parsed.sourceOf(i), fields, listenerVersion, request.requestId()));
    }
    return out;
  }
}
