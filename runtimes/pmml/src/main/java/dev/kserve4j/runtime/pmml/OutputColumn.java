package dev.kserve4j.runtime.pmml;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import java.nio.charset.StandardCharsets;

/**
 * One output of the served model: the target field or a final OutputField, returned as a tensor of
 * shape {@code [rows]} as KServe's pmmlserver returns each column of its evaluator's results. A
 * missing value is NaN in FP64 and an empty string in BYTES; INT64 and BOOL cannot carry one, so it
 * fails the request.
 *
 * @param name the field name
 * @param dataType the PMML data type; {@link DataType#outputDatatype} gives the tensor's
 */
record OutputColumn(String name, DataType dataType) {

  TensorMetadata metadata() {
    return new TensorMetadata(name, dataType.outputDatatype, new long[] {-1});
  }

  /** The tensor of {@code values}, one per row, as held while scoring. */
  Tensor tensor(Object[] values) {
    long[] shape = {values.length};
    Datatype datatype = dataType.outputDatatype;
    Object data =
        switch (datatype) {
          case BYTES -> {
            byte[][] out = new byte[values.length][];
            for (int i = 0; i < values.length; i++) {
              out[i] =
                  values[i] == null
                      ? new byte[0]
                      : ((String) DataType.STRING.cast(values[i])).getBytes(StandardCharsets.UTF_8);
            }
            yield out;
          }
          case INT64 -> {
            long[] out = new long[values.length];
            for (int i = 0; i < values.length; i++) {
              out[i] = (long) number(values, i);
            }
            yield out;
          }
          case BOOL -> {
            boolean[] out = new boolean[values.length];
            for (int i = 0; i < values.length; i++) {
              out[i] = number(values, i) != 0;
            }
            yield out;
          }
          default -> {
            double[] out = new double[values.length];
            for (int i = 0; i < values.length; i++) {
              out[i] = values[i] == null ? Double.NaN : (Double) values[i];
            }
            yield out;
          }
        };
    return new Tensor(name, datatype, shape, data);
  }

  private double number(Object[] values, int row) {
    if (values[row] == null) {
      throw KServeException.modelFailure(
          "output '"
              + name
              + "': the model predicts nothing for"
              + " row "
              + row
              + ", which a "
              + dataType.outputDatatype
              + " output cannot carry",
          null);
    }
    return (Double) values[row];
  }
}
