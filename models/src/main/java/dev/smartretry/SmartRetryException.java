package dev.smartretry;

/**
 * The one exception type of the models module: input that breaks a contract (a history file that
 * breaks the attempts format, a model directory that cannot be loaded). Its message is meant for
 * the person who supplied the input: it says where and why.
 */
public class SmartRetryException extends RuntimeException {
  public SmartRetryException(String message) {
    super(message);
  }

  public SmartRetryException(String message, Throwable cause) {
    super(message, cause);
  }
}
