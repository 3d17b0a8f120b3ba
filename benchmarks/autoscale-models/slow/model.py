"""A model that takes 20 ms per request (a stand-in for a heavier model), so that load shows as
concurrency for the autoscaler. V1: {"instances": [...]} in, the same rows out as predictions."""
import time

from kserve import Model


class Slow(Model):
    def __init__(self, name):
        super().__init__(name)
        self.ready = True

    def predict(self, payload, headers=None):
        time.sleep(0.02)
        return {"predictions": payload["instances"]}
