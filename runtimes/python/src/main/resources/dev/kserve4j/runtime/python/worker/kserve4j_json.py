"""KServe V1 bodies as KServe's Python server hands them to a model, and its answers.

decode(): the request body becomes the parsed JSON value (any JSON, not only "instances"); a body
whose content-type is not JSON is passed as bytes. encode(): what predict/postprocess returned
becomes the response: an InferResponse through its to_rest(), bytes and str as they are, anything
else as compact JSON (numpy arrays and scalars as lists and numbers, NaN and infinities as null, as
orjson writes them). error(): an exception becomes the status and body KServe's exception handlers
give it: fastapi's HTTPException {"detail": ...} with its status and headers; KServe's error classes
{"error": str(e)}; anything else 500 {"error": "Type : message"}.
"""
import json
import math
import sys
import traceback

JSON = "application/json"
# KServe's dataplane parses these as JSON; it hands a body of any other content-type over as bytes.
JSON_TYPES = ("application/json", "application/cloudevents+json", "application/ld+json",
              "application/octet-stream")
# KServe's exception handlers (kserve/errors.py, registered in protocol/rest/server.py), by class name
# so that both the real kserve package and the stand-in are recognised.
ERROR_STATUS = {"InvalidInput": 400, "InferenceError": 500, "ModelNotFound": 404,
                "ModelNotReady": 503, "NotImplementedError": 501, "UnsupportedProtocol": 501,
                "ServerNotLive": 503, "ServerNotReady": 503}


class InvalidInput(ValueError):
    """A body that is not JSON; answered as KServe answers kserve.errors.InvalidInput."""


def decode(body, headers):
    content_type = headers.get("content-type")
    if content_type is not None and _media_type(content_type) not in JSON_TYPES:
        return body
    try:
        return json.loads(body)
    except ValueError as e:  # JSONDecodeError and UnicodeDecodeError
        raise InvalidInput("Unrecognized request format: %s" % e) from e


def encode(result, response_headers):
    """(status, content type, headers, body) for a model's result."""
    headers = _lower(response_headers)
    content_type = headers.pop("content-type", None)
    if not isinstance(result, dict) and callable(getattr(result, "to_rest", None)):
        result = result.to_rest()  # InferResponse: (body, JSON length); InferRequest: the body
        if isinstance(result, tuple):
            result, json_length = result
            if json_length is not None:
                headers["inference-header-content-length"] = str(json_length)
    if isinstance(result, (bytes, bytearray)):
        return 200, content_type or "application/octet-stream", headers, bytes(result)
    if isinstance(result, str):
        return 200, content_type or "text/plain; charset=utf-8", headers, result.encode("utf-8")
    return 200, content_type or JSON, headers, dumps(result)


def error(e):
    """(status, content type, headers, body) for an exception raised by the model."""
    status = getattr(e, "kserve4j_status", None)  # the stand-in's failed call to the predictor
    if isinstance(status, int) and 400 <= status <= 599:
        return status, JSON, {}, dumps({"error": str(e)})
    for cls in type(e).__mro__:
        if cls.__name__ == "HTTPException" and hasattr(e, "status_code"):
            return _http_exception(e)
        status = ERROR_STATUS.get(cls.__name__)
        if status is not None:
            if status >= 500:
                traceback.print_exc(file=sys.stderr)
            return status, JSON, {}, dumps({"error": str(e)})
    traceback.print_exc(file=sys.stderr)
    return 500, JSON, {}, dumps({"error": "%s : %s" % (type(e).__name__, e)})


def _http_exception(e):
    status = e.status_code
    if not isinstance(status, int) or not 200 <= status <= 599:
        return 500, JSON, {}, dumps({"error": "HTTPException : status_code %r (expected 200..599)"
                                              % (status,)})
    headers = _lower(getattr(e, "headers", None) or {})
    content_type = headers.pop("content-type", None)
    if status in (204, 205, 304):  # FastAPI answers these without a body
        return status, content_type or JSON, headers, b""
    return status, content_type or JSON, headers, dumps({"detail": e.detail})


def dumps(value):
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def _plain(v):
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, dict):
        return {k if isinstance(k, str) else str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if type(v).__module__ == "numpy" and hasattr(v, "tolist"):
        return _plain(v.tolist())
    raise TypeError("Type is not JSON serializable: %s" % type(v).__name__)


def _lower(headers):
    out = {str(k).lower(): str(v) for k, v in dict(headers).items()}
    out.pop("content-length", None)
    return out


def _media_type(content_type):
    return content_type.split(";", 1)[0].strip().lower()
