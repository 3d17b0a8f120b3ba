"""KServe's command-line flags (parser, args) and ModelServer, so that a model.py written as a
KServe server script imports unchanged: `argparse.ArgumentParser(parents=[model_server.parser])`
and `parse_known_args()` at import work (the worker passes --model_name with the served name), and
ModelServer().start(...) does nothing under kserve4j, which serves the model itself."""
import argparse
import os
import sys


def _bool(value):
    return str(value).lower() in ("y", "yes", "t", "true", "on", "1")


parser = argparse.ArgumentParser(add_help=False)
parser.add_argument("--http_port", default=8080, type=int)
parser.add_argument("--grpc_port", default=8081, type=int)
parser.add_argument("--workers", default=1, type=int)
parser.add_argument("--max_threads", default=4, type=int)
parser.add_argument("--max_asyncio_workers", default=None, type=int)
parser.add_argument("--enable_grpc", default=True, type=_bool)
parser.add_argument("--enable_docs_url", default=False, type=_bool)
parser.add_argument("--enable_latency_logging", default=True, type=_bool)
parser.add_argument("--configure_logging", default=True, type=_bool)
parser.add_argument("--log_config_file", default=None, type=str)
parser.add_argument("--access_log_format", default=None, type=str)
parser.add_argument("--model_name", default="model", type=str)
parser.add_argument("--predictor_host", default=None, type=str)
parser.add_argument("--protocol", default="v1", type=str, choices=["v1", "v2", "grpc-v2"])
parser.add_argument("--predictor_protocol", default="v1", type=str,
                    choices=["v1", "v2", "grpc-v2"])
parser.add_argument("--predictor_use_ssl", default=False, type=_bool)
parser.add_argument("--predictor_request_timeout_seconds", default=600, type=int)
parser.add_argument("--predictor_request_retries", default=0, type=int)
parser.add_argument("--enable_predictor_health_check", action="store_true")
args, _ = parser.parse_known_args()


class ModelServer:
    """Accepted for compatibility: under kserve4j the server loads model.py and serves the model."""

    def __init__(self, *args, **kwargs):
        self.registered_models = []

    def start(self, models, *args, **kwargs):
        if "KSERVE4J_MODEL_DIR" not in os.environ:
            raise RuntimeError("kserve.ModelServer.start: this stand-in does not serve models; "
                               "serve the model directory with kserve4j (kserve4j serve "
                               "--model-dir DIR)")
        print("kserve.ModelServer.start ignored: kserve4j serves the model itself",
              file=sys.stderr)

    def register_model(self, model, name=None):
        self.registered_models.append(model)

    def stop(self, sig=None):
        pass
