package dev.smartretry.cli;

import dev.smartretry.SmartRetryException;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root command. Failures a user can fix (bad input, a wrong path) end with one line on stderr
 * and exit code 1; usage mistakes with that line and a pointer to the command's help, and exit code
 * 2.
 */
@Command(
    name = "smart-retry",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Inspect and generate attempt histories; train, evaluate and simulate retry models.",
    subcommands = {
      InspectCommand.class,
      GenerateCommand.class,
      ExportCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      SimulateCommand.class,
      BenchmarkWorldsCommand.class,
      DemoGatewayCommand.class
    })
public final class SmartRetryCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  // Tribuo logs progress at INFO through java.util.logging; a CLI prints its own. Held in a field
  // because java.util.logging keeps loggers only weakly.
  private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for {@link #main} and for tests. */
  public static CommandLine commandLine() {
    TRIBUO_LOG.setLevel(Level.WARNING);
    CommandLine commandLine = new CommandLine(new SmartRetryCli());
    commandLine.setExecutionExceptionHandler(
        (exception, failed, parseResult) -> {
          failed.getErr().println("error: " + oneLine(exception));
          failed.getErr().flush();
          return 1;
        });
    commandLine.setParameterExceptionHandler(SmartRetryCli::usageMistake);
    return commandLine;
  }

  /**
   * The reason and where to read more, instead of picocli's whole usage: a page of options buries
   * the one line that says what to fix, and scripts read stderr's first line.
   */
  private static int usageMistake(CommandLine.ParameterException mistake, String[] args) {
    CommandLine failed = mistake.getCommandLine();
    String reason = mistake.getMessage();
    if (mistake instanceof CommandLine.UnmatchedArgumentException unmatched
        && !unmatched.getSuggestions().isEmpty()) {
      reason += "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
    }
    failed.getErr().println("error: " + reason.strip().replaceAll("\\s*\\R\\s*", " "));
    failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
    failed.getErr().flush();
    return failed.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static String oneLine(Exception exception) {
    if (exception instanceof SmartRetryException || exception instanceof java.io.IOException) {
      return exception.getMessage();
    }
    return exception.getClass().getSimpleName() + ": " + exception.getMessage();
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
  }
}
