"""HTTP status codes under FastAPI's names (HTTP_400_BAD_REQUEST, ...)."""
import http

for _status in http.HTTPStatus:
    globals()["HTTP_%d_%s" % (_status.value, _status.name)] = _status.value
del _status
