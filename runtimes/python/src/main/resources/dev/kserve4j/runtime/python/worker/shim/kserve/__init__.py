"""A small stand-in for KServe's Python SDK, put on the worker's path only when kserve is absent.

It offers what custom predictors and transformers import: Model, InferRequest, InferInput,
InferResponse, InferOutput, the error classes (kserve.errors), the loggers (kserve.logging) and
KServe's command-line parser (kserve.model_server.parser); ModelServer exists so that a model.py
written for KServe imports unchanged, but the kserve4j server does the serving.
"""
from .errors import (InferenceError, InvalidInput, ModelMissingError, ModelNotFound,
                     ModelNotReady, ServerNotLive, ServerNotReady, UnsupportedProtocol)
from .model import Model, PredictorConfig
from .model_server import ModelServer
from .protocol.infer_type import InferInput, InferOutput, InferRequest, InferResponse, RequestedOutput

__all__ = ["Model", "PredictorConfig", "ModelServer", "InferRequest", "InferInput", "InferResponse", "InferOutput",
           "RequestedOutput", "InferenceError", "InvalidInput", "ModelMissingError",
           "ModelNotFound", "ModelNotReady", "ServerNotLive", "ServerNotReady",
           "UnsupportedProtocol"]
