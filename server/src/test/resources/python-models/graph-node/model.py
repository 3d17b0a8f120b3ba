"""An InferenceGraph node as KServe users write one: the V1 body arrives as the parsed JSON and the
returned dict is the response body; fastapi's HTTPException answers a bad request."""
import numpy as np
from fastapi import HTTPException
from kserve import Model


class GraphNode(Model):
    def __init__(self, name):
        super().__init__(name)
        self.load()

    def load(self):
        self.ready = True

    async def predict(self, payload, headers=None):
        if hasattr(payload, "inputs"):  # V2: an InferRequest, as KServe passes it
            return np.asarray(payload.inputs[0].as_numpy()) * 2
        if "headers" in payload:
            return {"x-trace": headers.get("x-trace"), "has-host": "host" in headers}
        instances = payload.get("instances")
        if not isinstance(instances, list):
            raise HTTPException(status_code=400, detail="instances must be a list")
        return {"predictions": [{"message": "SUCCESS"} for i in instances if "text" in i]}
