"""Open Inference Protocol request and response types with KServe's constructor signatures."""
import numpy as np

_NUMPY = {"BOOL": np.bool_, "UINT8": np.uint8, "UINT16": np.uint16, "UINT32": np.uint32,
          "UINT64": np.uint64, "INT8": np.int8, "INT16": np.int16, "INT32": np.int32,
          "INT64": np.int64, "FP16": np.float16, "FP32": np.float32, "FP64": np.float64,
          "BYTES": np.object_}


class _Tensor:
    def __init__(self, name, shape, datatype, data=None, parameters=None):
        self.name = name
        self.shape = list(shape)
        self.datatype = datatype.upper()
        self.parameters = parameters
        self._array = data if isinstance(data, np.ndarray) else None
        self._data = None if self._array is not None else data

    @property
    def data(self):
        """The elements as a flat list; BYTES elements as str when they are UTF-8 text."""
        if self._data is None and self._array is not None:
            flat = self._array.reshape(-1).tolist()
            if self.datatype == "BYTES":
                flat = [_text(v) for v in flat]
            self._data = flat
        return self._data

    @data.setter
    def data(self, value):
        self._data = value
        self._array = None

    def as_numpy(self):
        if self._array is not None:
            return self._array
        return np.array(self._data, dtype=_NUMPY[self.datatype]).reshape(self.shape)

    def set_data_from_numpy(self, array, binary_data=True):
        self._array = np.asarray(array)
        self._data = None
        self.shape = list(self._array.shape)


def _text(v):
    if isinstance(v, bytes):
        try:
            return v.decode("utf-8")
        except UnicodeDecodeError:
            return v
    return v


class InferInput(_Tensor):
    def as_string(self):
        return [_text(v) for v in self.as_numpy().reshape(-1).tolist()]


class InferOutput(_Tensor):
    pass


class RequestedOutput:
    def __init__(self, name, parameters=None):
        self.name = name
        self.parameters = parameters


class InferRequest:
    def __init__(self, model_name, infer_inputs, request_id=None, raw_inputs=None, from_grpc=False,
                 parameters=None, request_outputs=None, model_version=None):
        self.model_name = model_name
        self.inputs = infer_inputs
        self.id = request_id
        self.parameters = parameters or {}
        self.from_grpc = from_grpc
        self.request_outputs = request_outputs
        self.model_version = model_version

    def get_input_by_name(self, name):
        for i in self.inputs:
            if i.name == name:
                return i
        return None

    def as_dataframe(self):
        import pandas as pd
        columns = {i.name: (i.as_string() if i.datatype == "BYTES" else i.as_numpy().reshape(-1))
                   for i in self.inputs}
        return pd.DataFrame(columns)

    def to_rest(self):
        """The Open Inference Protocol's JSON request, as KServe's to_rest() returns it."""
        inputs = []
        for i in self.inputs:
            entry = {"name": i.name, "shape": [int(d) for d in i.shape], "datatype": i.datatype}
            if i.parameters:
                entry["parameters"] = i.parameters
            entry["data"] = i.data
            inputs.append(entry)
        res = {"id": self.id, "inputs": inputs}
        if self.parameters:
            res["parameters"] = self.parameters
        if self.request_outputs:
            res["outputs"] = [{"name": o.name, **({"parameters": o.parameters}
                                                  if o.parameters else {})}
                              for o in self.request_outputs]
        return res

    def __getitem__(self, key):
        # Lets V1-style code (payload["instances"]) read the first input as nested lists.
        if key in ("instances", "inputs") and self.inputs:
            first = self.inputs[0]
            if first.datatype == "BYTES":
                return first.as_string()
            return first.as_numpy().tolist()
        raise KeyError(key)

    def __contains__(self, key):
        return key in ("instances", "inputs") and bool(self.inputs)


class InferResponse:
    def __init__(self, response_id, model_name, infer_outputs, model_version=None, raw_outputs=None,
                 from_grpc=False, parameters=None, use_binary_outputs=False, requested_outputs=None):
        self.id = response_id
        self.model_name = model_name
        self.outputs = infer_outputs
        self.model_version = model_version
        self.parameters = parameters

    def __await__(self):
        # The stand-in's predict answers at once; KServe's is async, so callers may await it.
        return self
        yield  # noqa: unreachable - makes this a generator

    def get_output_by_name(self, name):
        for o in self.outputs:
            if o.name == name:
                return o
        return None

    def to_rest(self):
        """The Open Inference Protocol's JSON response, as KServe's to_rest() returns it (no binary
        outputs: the JSON length is None)."""
        outputs = []
        for o in self.outputs:
            out = {"name": o.name, "shape": [int(d) for d in o.shape], "datatype": o.datatype}
            if o.parameters:
                out["parameters"] = o.parameters
            out["data"] = o.data
            outputs.append(out)
        res = {"id": self.id, "model_name": self.model_name, "model_version": self.model_version,
               "outputs": outputs}
        if self.parameters:
            res["parameters"] = self.parameters
        return res, None
