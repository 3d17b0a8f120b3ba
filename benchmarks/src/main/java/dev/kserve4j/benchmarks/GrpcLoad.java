package dev.kserve4j.benchmarks;

import com.google.protobuf.ByteString;
import dev.kserve4j.protocol.grpc.v2.GRPCInferenceServiceGrpc;
import dev.kserve4j.protocol.grpc.v2.GRPCInferenceServiceGrpc.GRPCInferenceServiceStub;
import dev.kserve4j.protocol.grpc.v2.ModelInferRequest;
import dev.kserve4j.protocol.grpc.v2.ModelInferResponse;
import dev.kserve4j.protocol.grpc.v2.ServerLiveRequest;
import dev.kserve4j.protocol.grpc.v2.ServerLiveResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A closed-loop gRPC load generator (the gRPC counterpart of wrk): {@code connections} channels,
 * one call in flight on each, for {@code seconds}. Prints {@code rps=... p50_us=... p99_us=...}.
 *
 * <p>Usage: {@code GrpcLoad HOST:PORT MODEL INPUT_NAME ROWS FEATURES CONNECTIONS SECONDS [raw]};
 * MODEL {@code -} measures ServerLive instead of ModelInfer.
 */
public final class GrpcLoad {
  private GrpcLoad() {}

  public static void main(String[] args) throws Exception {
    String[] hostPort = args[0].split(":");
    String model = args[1];
    int rows = Integer.parseInt(args[3]);
    int features = Integer.parseInt(args[4]);
    int connections = Integer.parseInt(args[5]);
    double seconds = Double.parseDouble(args[6]);
    boolean raw = args.length > 7 && args[7].equals("raw");
    ModelInferRequest request = request(model, args[2], rows, features, raw);

    List<ManagedChannel> channels = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      channels.add(NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1])).usePlaintext().build());
    }
    run(channels, model, request, 2.0, null); // warm-up
    LatencyRecorder latencies = new LatencyRecorder();
    AtomicLong failures = new AtomicLong();
    long t0 = System.nanoTime();
    long done = run(channels, model, request, seconds, (nanos, ok) -> {
      if (ok) {
        latencies.record(nanos);
      } else {
        failures.incrementAndGet();
      }
    });
    double elapsed = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "rps=%.0f p50_us=%.1f p99_us=%.1f calls=%d failures=%d%n",
        done / elapsed, latencies.percentileMicros(50), latencies.percentileMicros(99), done, failures.get());
    channels.forEach(ManagedChannel::shutdownNow);
  }

  private static ModelInferRequest request(String model, String input, int rows, int features, boolean raw) {
    if (model.equals("-")) {
      return null;
    }
    float[] values = BenchmarkInputs.rows(rows, features);
    ModelInferRequest.InferInputTensor.Builder t = ModelInferRequest.InferInputTensor.newBuilder()
        .setName(input).setDatatype("FP32").addShape(rows).addShape(features);
    ModelInferRequest.Builder b = ModelInferRequest.newBuilder().setModelName(model);
    if (raw) {
      ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : values) {
        buf.putFloat(v);
      }
      b.addRawInputContents(ByteString.copyFrom(buf.array()));
    } else {
      dev.kserve4j.protocol.grpc.v2.InferTensorContents.Builder c =
          dev.kserve4j.protocol.grpc.v2.InferTensorContents.newBuilder();
      for (float v : values) {
        c.addFp32Contents(v);
      }
      t.setContents(c);
    }
    return b.addInputs(t).build();
  }

  /** Runs the closed loop and returns the number of completed calls. */
  private static long run(List<ManagedChannel> channels, String model, ModelInferRequest request,
      double seconds, BiConsumer<Long, Boolean> sink) throws InterruptedException {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    AtomicLong completed = new AtomicLong();
    CountDownLatch finished = new CountDownLatch(channels.size());
    for (ManagedChannel ch : channels) {
      GRPCInferenceServiceStub stub = GRPCInferenceServiceGrpc.newStub(ch);
      new Object() {
        void next() {
          if (System.nanoTime() >= end) {
            finished.countDown();
            return;
          }
          long start = System.nanoTime();
          if (request == null) {
            stub.serverLive(ServerLiveRequest.getDefaultInstance(), observer(start));
          } else {
            stub.modelInfer(request, observer(start));
          }
        }

        <T> StreamObserver<T> observer(long start) {
          return new StreamObserver<>() {
            @Override
            public void onNext(T value) {}

            @Override
            public void onError(Throwable t) {
              finish(false);
            }

            @Override
            public void onCompleted() {
              finish(true);
            }

            private void finish(boolean ok) {
              if (sink != null) {
                sink.accept(System.nanoTime() - start, ok);
              }
              completed.incrementAndGet();
              next();
            }
          };
        }
      }.next();
    }
    finished.await((long) (seconds + 30), TimeUnit.SECONDS);
    return completed.get();
  }
}
