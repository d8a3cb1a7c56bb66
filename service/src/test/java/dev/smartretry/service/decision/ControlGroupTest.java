package dev.smartretry.service.decision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The stable assignment of customers to the arms of the live control group. */
class ControlGroupTest {
  private static final int CUSTOMERS = 100_000;

  @Test
  void theControlArmHoldsCloseToTheShareOfCustomers() {
    for (double share : new double[] {0.05, 0.2, 0.5}) {
      int control = 0;
      for (int customer = 0; customer < CUSTOMERS; customer++) {
        if (ControlGroup.armOf("cus_" + customer, "default", share) == Arm.CONTROL) {
          control++;
        }
      }
      // Four standard deviations of a binomial count at the share: a fair hash stays inside.
      double sd = Math.sqrt(CUSTOMERS * share * (1 - share));
      assertThat((double) control)
          .as("share %s", share)
          .isCloseTo(CUSTOMERS * share, within(4 * sd));
    }
  }

  @Test
  void aCustomerStaysInOneArm() {
    for (int customer = 0; customer < 1_000; customer++) {
      String id = "cus_" + customer;
      assertThat(ControlGroup.armOf(id, "default", 0.3))
          .isEqualTo(ControlGroup.armOf(new String(id.toCharArray()), "default", 0.3));
    }
  }

  @Test
  void raisingTheShareOnlyMovesCustomersIntoControl() {
    for (int customer = 0; customer < 10_000; customer++) {
      String id = "cus_" + customer;
      if (ControlGroup.armOf(id, "default", 0.1) == Arm.CONTROL) {
        assertThat(ControlGroup.armOf(id, "default", 0.2)).isEqualTo(Arm.CONTROL);
      }
    }
  }

  @Test
  void eachPolicyDrawsItsOwnGroup() {
    int both = 0;
    int first = 0;
    for (int customer = 0; customer < CUSTOMERS; customer++) {
      String id = "cus_" + customer;
      boolean inFirst = ControlGroup.armOf(id, "annual", 0.5) == Arm.CONTROL;
      boolean inSecond = ControlGroup.armOf(id, "monthly", 0.5) == Arm.CONTROL;
      first += inFirst ? 1 : 0;
      both += inFirst && inSecond ? 1 : 0;
    }
    // Independent draws: half of the first policy's control arm is in the second's.
    double sd = Math.sqrt(first * 0.25);
    assertThat((double) both).isCloseTo(first / 2.0, within(4 * sd));
  }

  @Test
  void noShareNoControlArm() {
    for (int customer = 0; customer < 10_000; customer++) {
      assertThat(ControlGroup.armOf("cus_" + customer, "default", 0)).isEqualTo(Arm.SMART);
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double offset) {
    return org.assertj.core.data.Offset.offset(offset);
  }
}
