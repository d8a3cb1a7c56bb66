package dev.smartretry.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.generator.GeneratedHistory.Sample;
import dev.smartretry.generator.Measures.Contrast;
import dev.smartretry.history.DeclineCode;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Effect 9: issuers that report missing funds as generic declines. */
class MaskingIssuerEffectTest {
  private final GeneratedHistory history = GeneratedHistory.get();

  @Test
  void maskingIssuersGenericDeclinesFollowThePayDay() {
    Contrast masking = Measures.maskedAfterPayDay(history, true);
    Contrast others = Measures.maskedAfterPayDay(history, false);

    assertThat(masking.clear()).as(masking.toString()).isTrue();
    assertThat(masking.better().value())
        .as(masking.toString())
        .isGreaterThan(masking.worse().value() * 2);
    assertThat(Math.abs(others.gap())).as(others.toString()).isLessThan(0.05);
    assertThat(masking.gap()).isGreaterThan(others.gap() + 0.1);
  }

  @Test
  void maskingIssuersNeverReportInsufficientFunds() {
    Set<DeclineCode> codes =
        history.samples().stream()
            .filter(s -> s.truth().issuerMasksFunds() && s.truth().cause() == Cause.FUNDS)
            .map(Sample::firstCode)
            .collect(Collectors.toSet());

    assertThat(codes)
        .containsExactlyInAnyOrder(DeclineCode.GENERIC_DECLINE, DeclineCode.DO_NOT_HONOR);
  }

  @Test
  void everyCountryHasSomeMaskingIssuers() {
    Map<String, Long> masking =
        history.world().countries().stream()
            .collect(
                Collectors.toMap(
                    CountryModel::code,
                    c -> c.issuers().stream().filter(Issuer::masksFunds).count()));

    assertThat(masking).hasSize(11).allSatisfy((country, count) -> assertThat(count).isPositive());
  }
}
