package dev.smartretry.service.gateway;

import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The answer of a call made with Micronaut's reactive HTTP client as a future: the first element
 * its publisher emits, or the failure.
 */
public final class FirstAnswer {
  private FirstAnswer() {}

  public static <T> CompletableFuture<T> of(Publisher<T> publisher) {
    CompletableFuture<T> future = new CompletableFuture<>();
    publisher.subscribe(
        new Subscriber<T>() {
          private Subscription subscription;

          @Override
          public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(1);
          }

          @Override
          public void onNext(T value) {
            future.complete(value);
            subscription.cancel();
          }

          @Override
          public void onError(Throwable failure) {
            future.completeExceptionally(failure);
          }

          @Override
          public void onComplete() {
            future.completeExceptionally(
                new IllegalStateException("the call ended without an answer"));
          }
        });
    return future;
  }
}
