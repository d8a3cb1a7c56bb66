package dev.smartretry.history;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** The binary form of an {@link AttemptRow} in the reader's temporary sort runs. */
final class RowCodec {
  private static final int ABSENT = -1;

  private RowCodec() {}

  static void write(AttemptRow row, DataOutputStream out) throws IOException {
    out.writeLong(row.line());
    out.writeUTF(row.invoiceId());
    out.writeUTF(row.customerId());
    out.writeInt(row.attemptNumber());
    out.writeLong(row.attemptedAt().getEpochSecond());
    out.writeInt(row.attemptedAt().getNano());
    out.writeLong(row.amountMinor());
    out.writeUTF(row.currency());
    out.writeByte(row.billingInterval().ordinal());
    out.writeUTF(row.timezone().getId());
    out.writeInt(row.customerTenureDays().orElse(ABSENT));
    out.writeByte(row.cardBrand().ordinal());
    out.writeByte(row.cardFunding().ordinal());
    out.writeUTF(row.cardCountry());
    out.writeUTF(row.issuerId());
    out.writeInt(row.devices24h().orElse(ABSENT));
    out.writeByte(row.outcome().ordinal());
    out.writeByte(row.declineCode() == null ? ABSENT : row.declineCode().ordinal());
    // Probabilities are in (0, 1]: a negative one cannot be confused with a value.
    out.writeDouble(row.selectionProbability().orElse(ABSENT));
  }

  static AttemptRow read(DataInputStream in) throws IOException {
    long line = in.readLong();
    String invoiceId = in.readUTF();
    String customerId = in.readUTF();
    int attemptNumber = in.readInt();
    Instant attemptedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
    long amountMinor = in.readLong();
    String currency = in.readUTF();
    BillingInterval interval = BillingInterval.values()[in.readByte()];
    ZoneId timezone = ZoneId.of(in.readUTF());
    OptionalInt tenure = optional(in.readInt());
    CardBrand brand = CardBrand.values()[in.readByte()];
    CardFunding funding = CardFunding.values()[in.readByte()];
    String country = in.readUTF();
    String issuerId = in.readUTF();
    OptionalInt devices = optional(in.readInt());
    Outcome outcome = Outcome.values()[in.readByte()];
    byte code = in.readByte();
    DeclineCode declineCode = code == ABSENT ? null : DeclineCode.values()[code];
    double probability = in.readDouble();
    return new AttemptRow(
        line,
        invoiceId,
        customerId,
        attemptNumber,
        attemptedAt,
        amountMinor,
        currency,
        interval,
        timezone,
        tenure,
        brand,
        funding,
        country,
        issuerId,
        devices,
        outcome,
        declineCode,
        probability == ABSENT ? OptionalDouble.empty() : OptionalDouble.of(probability));
  }

  private static OptionalInt optional(int value) {
    return value == ABSENT ? OptionalInt.empty() : OptionalInt.of(value);
  }
}
