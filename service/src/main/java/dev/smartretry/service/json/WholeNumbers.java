package dev.smartretry.service.json;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import java.io.IOException;
import java.math.BigDecimal;

/** Reads the next value as a whole JSON number, or fails where serde would have coerced it. */
final class WholeNumbers {
  private WholeNumbers() {}

  static BigDecimal read(Decoder decoder) throws IOException {
    JsonNode node = decoder.decodeNode();
    if (!node.isNumber()) {
      throw decoder.createDeserializationException("Expected a whole number", null);
    }
    BigDecimal number = new BigDecimal(node.getNumberValue().toString());
    if (number.stripTrailingZeros().scale() > 0) {
      throw decoder.createDeserializationException("Expected a whole number", null);
    }
    return number;
  }

  static long toLong(Decoder decoder, BigDecimal number) throws IOException {
    try {
      return number.longValueExact();
    } catch (ArithmeticException e) {
      throw decoder.createDeserializationException("Whole number out of range", null);
    }
  }
}
