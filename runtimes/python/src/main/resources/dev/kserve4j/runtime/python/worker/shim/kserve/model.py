"""KServe's Model base class shape: load, preprocess, predict, postprocess (sync or async), and
PredictorConfig. With a predictor_host, the base predict calls that predictor over HTTP as KServe's
does (V1 :predict, or V2 infer for protocols v2 and grpc-v2), so an explainer's or a transformer's
own predict can call it."""
import json
import urllib.error
import urllib.request

# The headers KServe's transformer passes on to its predictor, plus W3C trace context.
_FORWARDED = ("x-request-id", "x-b3-traceid", "traceparent", "tracestate")


class PredictorConfig:
    def __init__(self, predictor_host, predictor_protocol="v1", predictor_use_ssl=False,
                 predictor_request_timeout_seconds=600, predictor_request_retries=0,
                 predictor_health_check=False):
        self.predictor_host = predictor_host
        self.predictor_protocol = predictor_protocol
        self.predictor_use_ssl = predictor_use_ssl
        self.predictor_request_timeout_seconds = predictor_request_timeout_seconds


class PredictorCallError(RuntimeError):
    """A call to the predictor that failed: answered to the client with the predictor's status
    (502 when it could not be reached), the message naming the predictor."""

    def __init__(self, message, status):
        super().__init__(message)
        self.kserve4j_status = status


class _Answer(dict):
    """The predictor's V1 answer: a dict that may also be awaited, as KServe's async predict is."""

    def __await__(self):
        return self
        yield  # noqa: unreachable - makes this a generator


class Model:
    def __init__(self, name, predictor_config=None, return_response_headers=False):
        self.name = name
        self.ready = False
        self.predictor_config = predictor_config
        self.predictor_host = predictor_config.predictor_host if predictor_config else None
        self.protocol = predictor_config.predictor_protocol if predictor_config else "v1"
        self.use_ssl = bool(predictor_config and predictor_config.predictor_use_ssl)
        self.timeout = (predictor_config.predictor_request_timeout_seconds
                        if predictor_config else 600)
        self.return_response_headers = return_response_headers
        # KServe's name for it: predict/postprocess then also get response_headers to fill.
        self.required_response_headers = return_response_headers
        self.engine = False

    def load(self):
        self.ready = True
        return self.ready

    def start(self):
        pass

    def stop(self):
        pass

    def get_input_types(self):
        return []

    def get_output_types(self):
        return []

    def preprocess(self, payload, headers=None):
        return payload

    def predict(self, payload, headers=None, response_headers=None):
        if self.predictor_host:
            return self._http_predict(payload, headers)
        # Without a remote predictor the base predict passes its input through, so a class that
        # only overrides preprocess/postprocess (a transformer) runs end to end.
        return payload

    def postprocess(self, result, headers=None, response_headers=None):
        return result

    def _http_predict(self, payload, headers):
        v2 = self.protocol in ("v2", "grpc-v2")  # the stand-in calls gRPC predictors over REST
        scheme = "https" if self.use_ssl else "http"
        url = ("%s://%s/v2/models/%s/infer" if v2 else "%s://%s/v1/models/%s:predict") % (
            scheme, self.predictor_host, self.name)
        sent = {"content-type": "application/json"}
        for key, value in (headers or {}).items():
            if key.lower() in _FORWARDED:
                sent[key.lower()] = value
        if not isinstance(payload, dict) and callable(getattr(payload, "to_rest", None)):
            payload = payload.to_rest()
            payload = payload[0] if isinstance(payload, tuple) else payload
        import kserve4j_json
        request = urllib.request.Request(url, data=kserve4j_json.dumps(payload), headers=sent,
                                         method="POST")
        who = "predictor at %s" % self.predictor_host
        try:
            with urllib.request.urlopen(request, timeout=self.timeout or None) as answer:
                body = json.loads(answer.read())
        except urllib.error.HTTPError as e:
            raise PredictorCallError("%s: %s" % (who, _message(e.read())), e.code) from e
        except (urllib.error.URLError, OSError) as e:
            raise PredictorCallError("%s: unreachable (%s)" % (who, getattr(e, "reason", e)),
                                     502) from e
        if v2:
            import kserve
            import kserve4j_rest
            return kserve4j_rest.infer_response(kserve, self.name, body)
        return _Answer(body) if isinstance(body, dict) else body


def _message(body):
    try:
        parsed = json.loads(body)
        if isinstance(parsed, dict):
            return str(parsed.get("error") or parsed.get("detail") or parsed)
    except ValueError:
        pass
    return body.decode("utf-8", "replace")
