"""KServe's loggers; output goes to stderr, which the server logs with the model name."""
import logging

KSERVE_LOGGER_NAME = "kserve"
KSERVE_TRACE_LOGGER_NAME = "kserve.trace"

logger = logging.getLogger(KSERVE_LOGGER_NAME)
trace_logger = logging.getLogger(KSERVE_TRACE_LOGGER_NAME)


def configure_logging(log_config=None):
    """Accepted for compatibility; the worker's stderr is the log."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO)
