package dev.smartretry.demo;

import java.util.List;

/**
 * How the service answered a batch of registrations.
 *
 * @param registered new plans (201)
 * @param alreadyRegistered plans that existed with the same attempts (200): a rerun of the demo, or
 *     a call made again after its answer was lost
 * @param refused any other status
 * @param unanswered no answer: the service unreachable or too slow
 * @param problems the first few refusals and failures, in invoice order, each with its invoice
 */
public record RegistrationReport(
    int registered, int alreadyRegistered, int refused, int unanswered, List<String> problems) {
  public RegistrationReport {
    problems = List.copyOf(problems);
  }

  public int total() {
    return registered + alreadyRegistered + refused + unanswered;
  }
}
