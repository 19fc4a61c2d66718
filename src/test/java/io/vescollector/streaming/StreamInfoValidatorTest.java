package io.vescollector.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.resource.IriResourceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** streamInfo is checked by streamType, because the 3GPP schema's overlapping oneOfs reject valid input. */
class StreamInfoValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SPEC = Path.of("..", "shared", "refdata", "3gpp", "Rel-18", "TS28532_StreamingDataMnS.yaml");
  /** The example of the project's notes (TS 28.532 shapes). */
  private static final String EXAMPLE = "{\"streamType\":\"PERFORMANCE\",\"serializationFormat\":\"ASN1\",\"streamId\":\"26F452550021\","
      + "\"additionalInfo\":{\"measObjDn\":\"SubNetwork=ABCNetwork,SubNetwork=MUC01,GNBDUFunction=XYZ0100\","
      + "\"performanceMetrics\":[\"DRB.UEThpDl\",\"RRU.PrbUsedDl\"],\"jobId\":\"job-1\"}}";

  private final StreamInfoValidator validator = new StreamInfoValidator();

  private StreamInfoValidator.Checked check(String json) throws Exception {
    return validator.check(JSON.readTree(json));
  }

  @Test
  void theThreeGppSchemaRejectsAValidStreamInfoThatTheTypeWiseCheckAccepts() throws Exception {
    StreamInfoValidator.Checked ours = check(EXAMPLE);
    assertTrue(ours.valid(), ours.reason());
    assertEquals(List.of("DRB.UEThpDl", "RRU.PrbUsedDl"), ours.info().performance().performanceMetrics());
    assertFalse(ours.info().decoded(), "ASN1 PM units are passed through, not decoded");

    assumeTrue(Files.isRegularFile(SPEC), "3GPP OpenAPI file not found at " + SPEC.toAbsolutePath()
        + " (../shared is absent in a plain clone); skipping the comparison with the 3GPP schema");
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
        b -> b.resourceLoaders(r -> r.add(IriResourceLoader.getInstance())));
    Schema schema = registry.getSchema(SchemaLocation.of(SPEC.toAbsolutePath().normalize().toUri()
        + "#/components/schemas/streamInfo-Type"));
    List<Error> errors = schema.validate(EXAMPLE, InputFormat.JSON);
    assertTrue(errors.stream().anyMatch(e -> e.getKeyword().equals("oneOf")), "expected the oneOf defect, got " + errors);
  }

  @Test
  void additionalInfoIsCheckedAgainstTheShapeItsStreamTypeSelects() throws Exception {
    assertTrue(check("{\"streamType\":\"TRACE\",\"serializationFormat\":\"GPB\",\"streamId\":\"4358070034D7\","
        + "\"additionalInfo\":{\"jobType\":\"TRACE_ONLY\"}}").valid());
    assertTrue(check("{\"streamType\":\"ANALYTICS\",\"serializationFormat\":\"GPB\",\"streamId\":\"A\"}").valid());
    assertTrue(check("{\"streamType\":\"PROPRIETARY\",\"serializationFormat\":\"ASN1\",\"streamId\":\"V\","
        + "\"additionalInfo\":{\"vsDataType\":\"x\",\"vsData\":\"y\"}}").valid());

    assertReason("{\"streamType\":\"PROPRIETARY\",\"serializationFormat\":\"GPB\",\"streamId\":\"V\",\"additionalInfo\":{\"vsData\":1}}",
        "vsData");
    assertReason("{\"streamType\":\"ANALYTICS\",\"serializationFormat\":\"GPB\",\"streamId\":\"A\",\"additionalInfo\":[]}",
        "additionalInfo must be an object");
    assertReason("{\"streamType\":\"PERFORMANCE\",\"serializationFormat\":\"GPB\",\"streamId\":\"P\"}", "needs additionalInfo");
    assertReason("{\"streamType\":\"PERFORMANCE\",\"serializationFormat\":\"GPB\",\"streamId\":\"P\","
        + "\"additionalInfo\":{\"measObjDn\":\"ME=1\",\"performanceMetrics\":[\"a\",\"a\"]}}", "twice");
    assertReason("{\"streamType\":\"PERFORMANCE\",\"serializationFormat\":\"GPB\",\"streamId\":\"P\","
        + "\"additionalInfo\":{\"performanceMetrics\":[\"a\"]}}", "measObjDn");
    assertReason("{\"streamType\":\"TRACE\",\"serializationFormat\":\"GPB\"}", "streamId");
  }

  private void assertReason(String json, String expected) throws Exception {
    StreamInfoValidator.Checked c = check(json);
    assertFalse(c.valid(), json);
    assertTrue(c.reason().contains(expected), c.reason());
  }
}
