package io.vescollector.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar's manifest, so it is the build's, not a constant to forget. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {"ves-collector " + (version == null ? "(development build)" : version)
        + ", VES Event Listener 7.2.1"};
  }
}
