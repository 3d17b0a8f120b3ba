"""Misbehaves on purpose: x[0] == -1 exits the process, -2 hangs, -3 raises; otherwise answers
with the worker's process id after sleeping x[0] seconds."""
import os
import time

import numpy as np


class Faulty:
    def predict(self, payload, headers=None):
        x = payload.inputs[0].as_numpy().reshape(-1)
        if x[0] == -1:
            print("exiting on purpose", flush=True)
            os._exit(3)
        if x[0] == -2:
            time.sleep(3600)
        if x[0] == -3:
            raise RuntimeError("refusing input -3")
        time.sleep(float(x[0]))
        return {"pid": np.array([os.getpid()], dtype=np.int64)}
