package io.vescollector.testkit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints why a test or a test class was skipped (a failed assumption, such as ../shared being absent,
 * or @Disabled), so that a skip is never silent on the console.
 */
public final class SkippedTestsReporter implements TestExecutionListener {

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    System.out.println("[skipped] " + test.getDisplayName() + ": " + reason);
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      String reason = result.getThrowable().map(Throwable::getMessage).orElse("aborted");
      System.out.println("[skipped] " + test.getDisplayName() + ": " + reason);
    }
  }
}
