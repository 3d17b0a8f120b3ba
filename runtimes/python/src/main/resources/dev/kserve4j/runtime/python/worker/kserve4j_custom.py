"""Custom models: a model.py class with KServe's Model shape (load, preprocess, predict,
postprocess; plain or async methods). See docs/PYTHON-MODELS.md for the contract."""
import asyncio
import importlib.util
import inspect
import os
import sys

import numpy as np

import kserve4j_json
import kserve4j_rest

TRANSFORMER, EXPLAINER = 1, 2


class CustomHandler:
    def __init__(self, model_dir, name, bad_input):
        sys.path.insert(0, model_dir)
        path = os.path.join(model_dir, "model.py")
        # As KServe's containers start a model: its own path, then the served name (and for a
        # transformer or explainer its predictor), so a module that parses KServe's flags at
        # import (kserve.model_server.parser) sees --model_name and --predictor_host.
        predictor_host = os.environ.get("KSERVE4J_PREDICTOR_HOST") or None
        protocol = os.environ.get("KSERVE4J_PREDICTOR_PROTOCOL") or "v1"
        sys.argv = [path, "--model_name", name]
        if predictor_host:
            sys.argv += ["--predictor_host", predictor_host, "--protocol", protocol]
        spec = importlib.util.spec_from_file_location("model", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["model"] = module
        spec.loader.exec_module(module)
        import kserve
        self.kserve = kserve
        self.name = name
        self.bad_input = bad_input
        self.loop = asyncio.new_event_loop()
        self.model, loaded = _construct(_model_class(module, kserve), name, predictor_host,
                                        protocol)
        if predictor_host and getattr(self.model, "predictor_host", None) is None:
            self.model.predictor_host = predictor_host
            self.model.protocol = protocol
        if not loaded and not getattr(self.model, "ready", False) and hasattr(self.model, "load"):
            self._call(self.model.load)
        self.batchable = bool(getattr(self.model, "batchable", False))
        self.inputs = self._declared("get_input_types")
        self.outputs = self._declared("get_output_types")
        base = getattr(kserve, "Model", None)
        own = {m: _own(self.model, base, m) for m in ("preprocess", "predict", "postprocess",
                                                      "explain")}
        self.roles = ((TRANSFORMER if (own["preprocess"] or own["postprocess"])
                       and not own["predict"] else 0)
                      | (EXPLAINER if own["explain"] else 0))

    def _declared(self, method):
        fn = getattr(self.model, method, None)
        return list(self._call(fn)) if fn is not None else []

    def _call(self, fn, *args):
        result = fn(*args)
        if inspect.isawaitable(result):
            result = self.loop.run_until_complete(result)
        return result

    def infer(self, params, tensors):
        request = self.kserve.InferRequest(
            model_name=self.name,
            infer_inputs=[self._input(n, d, s, a) for n, d, s, a in tensors],
            request_id=None, parameters=params)
        return _outputs(self._run(request, {}, {}))

    def infer_json(self, headers, body):
        """A V1 body as KServe hands it to the model; returns (status, content type, headers,
        body), for the model's errors too."""
        try:
            response_headers = {}
            result = self._run(kserve4j_json.decode(body, headers), headers, response_headers)
            return kserve4j_json.encode(result, response_headers)
        except Exception as e:  # noqa: BLE001 - the model's errors are answers, as in KServe
            return kserve4j_json.error(e)

    def stage_json(self, stage, protocol, headers, body):
        """One stage of a transformer on a JSON body: V1 dicts as they are, V2 objects as
        InferRequest (preprocess) and InferResponse (postprocess), as KServe hands them over."""
        try:
            payload = kserve4j_json.decode(body, {})  # a stage's body is JSON whatever came in
            if protocol == "v2":
                build = (kserve4j_rest.infer_request if stage == "preprocess"
                         else kserve4j_rest.infer_response)
                payload = build(self.kserve, self.name, payload)
            response_headers = {}
            fn = getattr(self.model, stage)
            extra = ((response_headers,) if stage == "postprocess"
                     and getattr(self.model, "required_response_headers", False) else ())
            result = self._call(fn, payload, headers, *extra)
            return kserve4j_json.encode(result, response_headers)
        except Exception as e:  # noqa: BLE001 - the model's errors are answers, as in KServe
            return kserve4j_json.error(e)

    def explain_json(self, headers, body):
        """KServe's explain verb: preprocess, explain, postprocess on a V1 body."""
        try:
            model = self.model
            payload = kserve4j_json.decode(body, headers)
            if hasattr(model, "preprocess"):
                payload = self._call(model.preprocess, payload, headers)
            result = self._call(model.explain, payload, headers)
            if hasattr(model, "postprocess"):
                result = self._call(model.postprocess, result, headers)
            return kserve4j_json.encode(result, {})
        except Exception as e:  # noqa: BLE001 - the model's errors are answers, as in KServe
            return kserve4j_json.error(e)

    def _run(self, payload, headers, response_headers):
        """preprocess, predict, postprocess, as KServe's Model.__call__ runs them."""
        model = self.model
        # KServe's Model(return_response_headers=True) also gets the response headers to fill.
        extra = (response_headers,) if getattr(model, "required_response_headers", False) else ()
        if hasattr(model, "preprocess"):
            payload = self._call(model.preprocess, payload, headers)
        result = self._call(model.predict, payload, headers, *extra)
        if hasattr(model, "postprocess"):
            result = self._call(model.postprocess, result, headers, *extra)
        return result

    def _input(self, name, datatype, shape, array):
        if _is_shim(self.kserve):
            data = array
        else:
            flat = array.reshape(-1).tolist()
            data = [v.decode("utf-8") for v in flat] if datatype == "BYTES" else flat
        return self.kserve.InferInput(name=name, shape=shape, datatype=datatype, data=data)


def _is_shim(kserve):
    return os.path.basename(os.path.dirname(os.path.dirname(kserve.__file__))) == "shim"


def _model_class(module, kserve):
    own = [c for c in vars(module).values()
           if inspect.isclass(c) and c.__module__ == module.__name__
           and callable(getattr(c, "predict", None))]
    if len(own) > 1:
        own = [c for c in own if issubclass(c, kserve.Model)] or own
    if len(own) != 1:
        raise RuntimeError("model.py defines %d classes with a predict method %s (expected exactly "
                           "one, or exactly one subclass of kserve.Model)"
                           % (len(own), [c.__name__ for c in own]))
    return own[0]


def _own(model, base, method):
    """Whether the model's class defines the method itself rather than inheriting KServe's."""
    fn = getattr(type(model), method, None)
    return callable(fn) and (base is None or fn is not getattr(base, method, None))


def _construct(cls, name, predictor_host=None, protocol="v1"):
    """The model instance, and whether its constructor already called load() (KServe models often
    do), so that load() is never run twice. Besides the name, a constructor may take what KServe's
    transformer samples pass by name: predictor_host, protocol, use_ssl, predictor_config."""
    known = {"predictor_host": predictor_host, "protocol": protocol,
             "predictor_protocol": protocol, "use_ssl": False, "predictor_use_ssl": False,
             "predictor_config": _predictor_config(predictor_host, protocol)}
    params = [p for p in list(inspect.signature(cls.__init__).parameters.values())[1:]
              if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    kwargs = {p.name: known[p.name] for p in params if p.name in known}
    params = [p for p in params if p.name not in known]
    if len(params) > 1:
        raise RuntimeError("%s.__init__ takes %d required arguments %s (expected none or the model "
                           "name, and any of %s)" % (cls.__name__, len(params),
                                                     [p.name for p in params], sorted(known)))
    original = cls.__dict__.get("load")
    load = getattr(cls, "load", None)
    calls = []
    if callable(load):
        def counted(self, *args, **kwargs):
            calls.append(self)
            return load(self, *args, **kwargs)
        cls.load = counted
    try:
        model = cls(name, **kwargs) if params else cls(**kwargs)
    finally:
        if callable(load):
            if original is None:
                del cls.load
            else:
                cls.load = original
    return model, any(c is model for c in calls)


def _predictor_config(predictor_host, protocol):
    if not predictor_host:
        return None
    try:
        from kserve.model import PredictorConfig
    except ImportError:
        return None
    return PredictorConfig(predictor_host, protocol)


def _outputs(result):
    """Output tensors from what predict/postprocess returned, named as KServe names them."""
    if hasattr(result, "outputs") and not isinstance(result, dict):
        return [(o.name, o.as_numpy()) for o in result.outputs]
    if isinstance(result, dict):
        if "predictions" in result:
            return [("output-0", _array(result["predictions"]))]
        return [(str(k), _array(v)) for k, v in result.items()]
    if type(result).__name__ == "DataFrame":
        return [(str(c), result[c].to_numpy()) for c in result.columns]
    return [("output-0", _array(result))]


def _array(value):
    if isinstance(value, list) and value and isinstance(value[0], (str, bytes)):
        out = np.empty(len(value), dtype=object)
        out[:] = value
        return out
    return np.asarray(value)
