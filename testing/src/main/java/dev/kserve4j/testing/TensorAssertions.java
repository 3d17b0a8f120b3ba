package dev.kserve4j.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kserve4j.protocol.Tensor;
import java.util.Arrays;

/** Comparisons of a runtime's output tensors with a fixture's reference outputs. */
public final class TensorAssertions {
  private TensorAssertions() {}

  /**
   * Same name, datatype and shape; floating-point elements within {@code tolerance} of the
   * reference, every other element equal.
   */
  public static void assertClose(Tensor actual, Tensor expected, double tolerance) {
    assertEquals(expected.name(), actual.name(), "output name");
    assertEquals(expected.datatype(), actual.datatype(), expected.name() + ": datatype");
    assertArrayEquals(expected.shape(), actual.shape(), expected.name() + ": shape");
    if (expected.datatype().isFloating()) {
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(
            expected.getAsDouble(i),
            actual.getAsDouble(i),
            tolerance,
            expected.name() + "[" + i + "]");
      }
    } else {
      assertTrue(
          Arrays.deepEquals(new Object[] {actual.data()}, new Object[] {expected.data()}),
          () ->
              expected.name()
                  + ": "
                  + Arrays.deepToString(new Object[] {actual.data()})
                  + " vs "
                  + Arrays.deepToString(new Object[] {expected.data()}));
    }
  }
}
