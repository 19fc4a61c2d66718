package io.vescollector.enrich;

import java.time.Instant;

/** What the collector knows about a request and stamps into each of its events. */
public record RequestContext(String requestId, String receivedFrom, Instant receivedAt, String principal) {}
