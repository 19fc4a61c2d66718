package io.vescollector.streaming;

import java.util.List;

/**
 * additionalInfo of a PERFORMANCE stream (TS 28.532 performanceInfo-Type): the measured object and the
 * ordered metric names. Units carry only values, in this order, so this list is what names them.
 */
public record PerformanceInfo(String measObjDn, List<String> performanceMetrics, String jobId) {
  public PerformanceInfo {
    performanceMetrics = List.copyOf(performanceMetrics);
  }
}
