"""A small stand-in for KServe's Python SDK, put on the worker's path only when kserve is absent.

It offers what custom predictors and transformers import: Model, InferRequest, InferInput,
InferResponse, InferOutput and the error classes; ModelServer exists so that a model.py written
for KServe imports unchanged, but the kserve4j server does the serving.
"""
from .errors import InferenceError, InvalidInput, ModelMissingError
from .model import Model
from .protocol.infer_type import InferInput, InferOutput, InferRequest, InferResponse, RequestedOutput


class ModelServer:
    """Accepted for import compatibility; kserve4j serves the model, so start() only explains."""

    def __init__(self, *args, **kwargs):
        pass

    def start(self, models, *args, **kwargs):
        raise RuntimeError("kserve.ModelServer.start is not used under kserve4j: the server loads "
                           "model.py itself (keep the call under if __name__ == '__main__')")


__all__ = ["Model", "ModelServer", "InferRequest", "InferInput", "InferResponse", "InferOutput",
           "RequestedOutput", "InferenceError", "InvalidInput", "ModelMissingError"]
