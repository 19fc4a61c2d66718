package io.vescollector.hvves;

import io.vescollector.publish.EventPublisher;
import io.vescollector.publish.RejectedEvents;

/**
 * What every HV-VES connection of one listener shares: its limits, frame checks and routes, record format,
 * publisher, metrics, and where dropped frames are copied.
 */
record FrameHandling(HvVesConfig config, FrameCheck check, HvVesRecords records, EventPublisher publisher,
                     HvVesMetrics metrics, RejectedEvents rejected) {
}
