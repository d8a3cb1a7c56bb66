package dev.smartretry.service.json;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;

/** Replaces serde's reading of {@code Long}: whole JSON numbers in range only. */
@Singleton
final class StrictLongDeserializer implements Deserializer<Long> {
  @Override
  public Long deserialize(Decoder decoder, DecoderContext context, Argument<? super Long> type)
      throws IOException {
    return WholeNumbers.toLong(decoder, WholeNumbers.read(decoder));
  }
}
