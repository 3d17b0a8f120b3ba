"""A transformer for benchmarks/rollout: passes the request through and tags the answer with "a"."""
from kserve import Model


class Tagger(Model):
    def __init__(self, name):
        super().__init__(name)
        self.ready = True

    def preprocess(self, payload, headers=None):
        return payload

    def postprocess(self, result, headers=None):
        return {"predictions": result["predictions"], "by": "a"}
