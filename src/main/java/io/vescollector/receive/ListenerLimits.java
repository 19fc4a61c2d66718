package io.vescollector.receive;

/**
 * What the listener enforces on clients: body size, time to send a request, open connections
 * (shared by all event loops), and how long a shutdown waits for requests in flight.
 */
public record ListenerLimits(int maxBodyBytes, long requestTimeoutMs, ConnectionCounter connections,
                             long drainMs) {}
