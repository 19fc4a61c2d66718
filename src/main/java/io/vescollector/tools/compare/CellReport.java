package io.vescollector.tools.compare;

/** The M metric values of one measured object (cell) of one producer for one granularity period. */
public record CellReport(int producer, int cell, long period, double[] values) {
}
