"""A plain class (no kserve import): multiplies its FP32 input by the factor in factor.txt."""
import numpy as np


class Scaler:
    def __init__(self, name):
        self.name = name
        self.factor = None
        self.ready = False

    def load(self):
        with open("factor.txt") as f:
            self.factor = float(f.read())
        self.ready = True

    def get_input_types(self):
        return [{"name": "x", "datatype": "FP32", "shape": [-1, 2]}]

    def get_output_types(self):
        return [{"name": "output-0", "datatype": "FP32", "shape": [-1, 2]}]

    def predict(self, payload, headers=None):
        x = payload.get_input_by_name("x").as_numpy()
        return (x * self.factor).astype(np.float32)
