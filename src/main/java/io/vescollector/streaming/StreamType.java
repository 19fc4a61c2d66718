package io.vescollector.streaming;

/** streamType of TS 28.532 streamInfo: what a stream carries, which decides how its units are handled. */
public enum StreamType {
  TRACE, PERFORMANCE, ANALYTICS, PROPRIETARY
}
