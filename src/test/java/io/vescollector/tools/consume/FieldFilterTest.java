package io.vescollector.tools.consume;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** --filter path=value on the event. */
class FieldFilterTest {
  private final JsonNode event;

  FieldFilterTest() throws Exception {
    event = new ObjectMapper().readTree("""
        {"commonEventHeader":{"sourceName":"gnb-cu-0012","sequence":41},
         "measurementFields":{"cpuUsageArray":[{"cpuIdentifier":"cpu0"},{"cpuIdentifier":"cpu1"}]}}""");
  }

  @Test
  void matchesTextNumbersAndArrayElements() {
    assertTrue(FieldFilter.parse("commonEventHeader.sourceName=gnb-cu-0012").matches(event));
    assertTrue(FieldFilter.parse("event.commonEventHeader.sequence=41").matches(event));
    assertTrue(FieldFilter.parse("measurementFields.cpuUsageArray.1.cpuIdentifier=cpu1").matches(event));
  }

  @Test
  void otherValuesMissingPathsAndObjectsDoNotMatch() {
    assertFalse(FieldFilter.parse("commonEventHeader.sourceName=gnb-cu-0013").matches(event));
    assertFalse(FieldFilter.parse("commonEventHeader.nope=x").matches(event));
    assertFalse(FieldFilter.parse("commonEventHeader=x").matches(event));
    assertFalse(FieldFilter.parse("measurementFields.cpuUsageArray.5.cpuIdentifier=cpu1").matches(event));
  }

  @Test
  void anExpressionWithoutEqualsIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> FieldFilter.parse("commonEventHeader.sourceName"));
  }
}
