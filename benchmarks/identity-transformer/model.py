"""A KServe transformer that changes nothing: preprocess and postprocess return what they get, so
benchmarks/transformer measures the hop itself (two worker calls, the predictor call)."""
from kserve import Model


class IdentityTransformer(Model):
    def __init__(self, name):
        super().__init__(name)
        self.ready = True

    def preprocess(self, payload, headers=None):
        return payload

    def postprocess(self, result, headers=None, response_headers=None):
        return result
