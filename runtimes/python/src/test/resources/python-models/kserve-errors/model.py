"""Raises what the request names: fastapi's HTTPException or one of KServe's error classes."""
from fastapi import HTTPException
from kserve import Model
from kserve.errors import (InferenceError, InvalidInput, ModelNotFound, ModelNotReady,
                           ServerNotReady, UnsupportedProtocol)


class Raising(Model):
    def predict(self, payload, headers=None):
        kind = payload["raise"]
        if kind == "http":
            raise HTTPException(status_code=payload["status"], detail=payload.get("detail"),
                                headers=payload.get("headers"))
        if kind == "invalid":
            raise InvalidInput("instances: expected a list of strings")
        if kind == "not-found":
            raise ModelNotFound("other-model")
        if kind == "not-ready":
            raise ModelNotReady(self.name, "still warming up")
        if kind == "server-not-ready":
            raise ServerNotReady()
        if kind == "unsupported":
            raise UnsupportedProtocol("v3")
        if kind == "inference":
            raise InferenceError("tokenizer failed")
        if kind == "not-implemented":
            raise NotImplementedError("explain is not implemented")
        raise KeyError(kind)
