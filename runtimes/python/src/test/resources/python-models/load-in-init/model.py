"""Calls self.load() in __init__, as many KServe models do, with a load() that does not set
self.ready: the worker must not load it a second time."""
from kserve import Model

LOADS = []


class LoadsInInit(Model):
    def __init__(self, name):
        super().__init__(name)
        self.load()

    def load(self):
        LOADS.append(self.name)
        return True

    def predict(self, payload, headers=None):
        return {"loads": len(LOADS), "name": self.name}
