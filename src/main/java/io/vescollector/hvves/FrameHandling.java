package io.vescollector.hvves;

import io.vescollector.publish.EventPublisher;

/** What every HV-VES connection of one listener shares: its limits, routes, record format, publisher, metrics. */
record FrameHandling(HvVesConfig config, HvVesRoutes routes, HvVesRecords records, EventPublisher publisher,
                     HvVesMetrics metrics) {
}
