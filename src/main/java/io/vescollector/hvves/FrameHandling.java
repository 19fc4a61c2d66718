package io.vescollector.hvves;

import io.vescollector.publish.EventPublisher;

/** What every HV-VES connection of one listener shares: its limits, frame checks and routes, record format, publisher, metrics. */
record FrameHandling(HvVesConfig config, FrameCheck check, HvVesRecords records, EventPublisher publisher,
                     HvVesMetrics metrics) {
}
