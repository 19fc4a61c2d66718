package io.vescollector.tools.send;

/**
 * Latency of the answers that came in one interval of a run, so that a long run shows when its tail moved
 * rather than one percentile over all of it.
 *
 * @param fromSeconds the interval's start, seconds since the run started
 * @param toSeconds its end (the run's end for the last one)
 */
public record IntervalLatency(double fromSeconds, double toSeconds, LatencySummary latency) {}
