package dev.smartretry.cli;

import picocli.CommandLine;

/** The version Maven wrote into the jar's manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = SmartRetryCli.class.getPackage().getImplementationVersion();
    return new String[] {"smart-retry " + (version == null ? "(development build)" : version)};
  }
}
