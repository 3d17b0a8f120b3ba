package dev.kserve4j.runtime.lightgbm;

import static com.microsoft.ml.lightgbm.lightgbmlib.C_API_DTYPE_FLOAT64;
import static com.microsoft.ml.lightgbm.lightgbmlib.C_API_PREDICT_NORMAL;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A LightGBM booster driven through LightGBM's C API (the SWIG bindings shipped in lightgbm4j).
 *
 * <p>The C API is called directly because lightgbm4j 4.3.0-1's {@code predictForMat} sizes its
 * output buffer as two values per row and overruns the heap for models of more than two classes.
 * Single rows take {@code LGBM_BoosterPredictForMatSingleRowFast} with a prepared configuration (a
 * few microseconds); a configuration is not safe for concurrent use, so it is guarded by a lock and
 * a caller that finds it busy takes the general path, {@code LGBM_BoosterPredictForMat}, which
 * builds its own predictor under the booster's shared lock and is thread-safe.
 */
final class NativeBooster implements AutoCloseable {
  private final SWIGTYPE_p_void handle;
  private final SWIGTYPE_p_void fastConfig;
  private final SWIGTYPE_p_double fastOut;
  private final SWIGTYPE_p_long_long fastOutLength;
  private final ReentrantLock fastLock = new ReentrantLock();
  private final String parameters;
  private final int features;
  private final int width;

  /** Whether {@link #close} freed the native memory; guarded by {@code fastLock}. */
  private boolean closed;

  private NativeBooster(SWIGTYPE_p_void handle, int threads) throws IOException {
    this.handle = handle;
    this.parameters = "num_threads=" + threads;
    SWIGTYPE_p_int count = lightgbmlib.new_intp();
    try {
      check(lightgbmlib.LGBM_BoosterGetNumFeature(handle, count));
      this.features = lightgbmlib.intp_value(count);
    } finally {
      lightgbmlib.delete_intp(count);
    }
    SWIGTYPE_p_long_long length = lightgbmlib.new_int64_tp();
    try {
      check(lightgbmlib.LGBM_BoosterCalcNumPredict(handle, 1, C_API_PREDICT_NORMAL, 0, -1, length));
      this.width = (int) lightgbmlib.int64_tp_value(length);
    } finally {
      lightgbmlib.delete_int64_tp(length);
    }
    SWIGTYPE_p_p_void config = lightgbmlib.new_voidpp();
    try {
      check(
          lightgbmlib.LGBM_BoosterPredictForMatSingleRowFastInit(
              handle,
              C_API_PREDICT_NORMAL,
              0,
              -1,
              C_API_DTYPE_FLOAT64,
              features,
              parameters,
              config));
      this.fastConfig = lightgbmlib.voidpp_value(config);
    } finally {
      lightgbmlib.delete_voidpp(config);
    }
    this.fastOut = lightgbmlib.new_doubleArray(width);
    this.fastOutLength = lightgbmlib.new_int64_tp();
  }

  /** Loads a text model file with {@code threads} threads per prediction. */
  static NativeBooster load(Path file, int threads) throws IOException {
    LGBMBooster.loadNative();
    SWIGTYPE_p_p_void out = lightgbmlib.new_voidpp();
    SWIGTYPE_p_int iterations = lightgbmlib.new_intp();
    try {
      check(lightgbmlib.LGBM_BoosterCreateFromModelfile(file.toString(), iterations, out));
      SWIGTYPE_p_void handle = lightgbmlib.voidpp_value(out);
      try {
        return new NativeBooster(handle, threads);
      } catch (IOException | RuntimeException e) {
        lightgbmlib.LGBM_BoosterFree(handle);
        throw e;
      }
    } finally {
      lightgbmlib.delete_intp(iterations);
      lightgbmlib.delete_voidpp(out);
    }
  }

  int features() {
    return features;
  }

  /** Values per row of a prediction: the number of classes, or 1. */
  int width() {
    return width;
  }

  /** Predicts {@code rows} row-major rows; returns {@code rows * width()} values. */
  double[] predict(double[] values, int rows) throws IOException {
    if (rows == 1 && fastLock.tryLock()) {
      try {
        check(
            lightgbmlib.LGBM_BoosterPredictForMatSingleRowFastCriticalSWIG(
                values, fastConfig, fastOutLength, fastOut));
        return read(fastOut, width);
      } finally {
        fastLock.unlock();
      }
    }
    int n = rows * features;
    SWIGTYPE_p_double in = lightgbmlib.new_doubleArray(n);
    SWIGTYPE_p_double out = lightgbmlib.new_doubleArray((long) rows * width);
    SWIGTYPE_p_long_long length = lightgbmlib.new_int64_tp();
    try {
      for (int i = 0; i < n; i++) {
        lightgbmlib.doubleArray_setitem(in, i, values[i]);
      }
      check(
          lightgbmlib.LGBM_BoosterPredictForMat(
              handle,
              lightgbmlib.double_to_voidp_ptr(in),
              C_API_DTYPE_FLOAT64,
              rows,
              features,
              1,
              C_API_PREDICT_NORMAL,
              0,
              -1,
              parameters,
              length,
              out));
      return read(out, rows * width);
    } finally {
      lightgbmlib.delete_doubleArray(in);
      lightgbmlib.delete_doubleArray(out);
      lightgbmlib.delete_int64_tp(length);
    }
  }

  private static double[] read(SWIGTYPE_p_double array, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = lightgbmlib.doubleArray_getitem(array, i);
    }
    return out;
  }

  /** LightGBM's C API returns 0 on success, else -1 with the reason in LGBM_GetLastError. */
  private static void check(int status) throws IOException {
    if (status != 0) {
      throw new IOException(lightgbmlib.LGBM_GetLastError());
    }
  }

  /** Frees the native booster; a second call does nothing (a second free would crash the JVM). */
  @Override
  public void close() {
    fastLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      lightgbmlib.LGBM_FastConfigFree(fastConfig);
      lightgbmlib.delete_doubleArray(fastOut);
      lightgbmlib.delete_int64_tp(fastOutLength);
      lightgbmlib.LGBM_BoosterFree(handle);
    } finally {
      fastLock.unlock();
    }
  }
}
