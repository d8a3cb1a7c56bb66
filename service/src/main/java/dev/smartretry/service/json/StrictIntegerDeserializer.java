package dev.smartretry.service.json;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;

/** Replaces serde's reading of {@code Integer}: whole JSON numbers in range only. */
@Singleton
final class StrictIntegerDeserializer implements Deserializer<Integer> {
  @Override
  public Integer deserialize(
      Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
    long value = WholeNumbers.toLong(decoder, WholeNumbers.read(decoder));
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw decoder.createDeserializationException("Whole number out of range", null);
    }
    return (int) value;
  }
}
