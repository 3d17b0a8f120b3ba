"""The framework's own predict latency in Python, with no server and no worker protocol around it.

Usage: framework_predict.py sklearn|torchscript MODEL_FILE ROWS FEATURES SECONDS
Prints "p50_us=... p99_us=... calls=..." like InProcessPredict, for the same input the load
generators send (the iris row 6.8, 2.8, 4.8, 1.4 repeated; float32, as the worker receives FP32).

sklearn: joblib.load(MODEL_FILE).predict(x), x a numpy array [ROWS, FEATURES] - the call the
Python worker makes for one request. torchscript: torch.jit.load(MODEL_FILE)(x) under
torch.inference_mode() with one intra-op and one inter-op thread, the settings kserve4j's pytorch
runtime gives libtorch. Each call is timed with time.perf_counter_ns after 2 s of warm-up.
"""
import sys
import time

IRIS_ROW = (6.8, 2.8, 4.8, 1.4)


def rows(n, features):
    return [[IRIS_ROW[f % len(IRIS_ROW)] for f in range(features)] for _ in range(n)]


def sklearn_call(path, x):
    import joblib
    import numpy as np
    model = joblib.load(path)
    array = np.asarray(x, dtype=np.float32)
    return lambda: model.predict(array)


def torchscript_call(path, x):
    import torch
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    model = torch.jit.load(path, map_location="cpu").eval()
    tensor = torch.tensor(x, dtype=torch.float32)

    def call():
        with torch.inference_mode():
            return model(tensor)
    return call


def percentile(sorted_ns, p):
    """The p-th percentile (0..100), nearest rank, in microseconds (as LatencyRecorder)."""
    index = min(len(sorted_ns) - 1, max(0, -(-p * len(sorted_ns) // 100) - 1))
    return sorted_ns[index] / 1000.0


def main(argv):
    if len(argv) != 6 or argv[1] not in ("sklearn", "torchscript"):
        sys.exit("usage: framework_predict.py sklearn|torchscript MODEL_FILE ROWS FEATURES SECONDS"
                 " (got %s)" % argv[1:])
    kind, path = argv[1], argv[2]
    x = rows(int(argv[3]), int(argv[4]))
    seconds = float(argv[5])
    call = (sklearn_call if kind == "sklearn" else torchscript_call)(path, x)
    clock = time.perf_counter_ns
    warm_end = clock() + 2_000_000_000
    while clock() < warm_end:
        call()
    samples = []
    end = clock() + int(seconds * 1e9)
    while True:
        t0 = clock()
        if t0 >= end:
            break
        call()
        samples.append(clock() - t0)
    samples.sort()
    print("p50_us=%.1f p99_us=%.1f calls=%d"
          % (percentile(samples, 50), percentile(samples, 99), len(samples)))


if __name__ == "__main__":
    main(sys.argv)
