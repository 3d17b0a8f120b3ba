"""An InferenceGraph node as KServe users write one: V1 bodies arrive as the parsed JSON (any
value), headers as a dict, and whatever predict/postprocess return is the response body."""
import numpy as np
from kserve import Model


class Node(Model):
    def __init__(self, name):
        super().__init__(name)
        self.load()

    def load(self):
        self.ready = True

    def preprocess(self, payload, headers=None):
        # A body whose content-type is not JSON arrives as bytes.
        body = payload.decode("utf-8") if isinstance(payload, bytes) else payload
        return {"body": body, "type": type(payload).__name__,
                "trace": (headers or {}).get("x-trace")}

    async def predict(self, payload, headers=None):
        body = payload["body"]
        if isinstance(body, dict) and "instances" in body:
            ok = all(isinstance(i, dict) and "text" in i for i in body["instances"])
            return {"predictions": [{"message": "SUCCESS" if ok else "FAILURE"}]}
        if isinstance(body, dict) and "reply" in body:
            return body["reply"]
        if isinstance(body, dict) and "numpy" in body:
            return {"array": np.arange(3, dtype=np.int64), "mean": np.float32(0.5),
                    "nan": float("nan")}
        return {"received": body, "type": payload["type"], "trace": payload["trace"]}

    def postprocess(self, result, headers=None):
        if isinstance(result, dict) and "received" in result:
            result["postprocessed"] = True
        return result
