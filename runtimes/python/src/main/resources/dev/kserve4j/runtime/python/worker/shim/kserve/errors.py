"""Error types with KServe's names; the worker reports InvalidInput as a 400, others as a 500."""


class InvalidInput(ValueError):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class InferenceError(RuntimeError):
    def __init__(self, reason, status=None, debug_details=None):
        super().__init__(reason)
        self.reason = reason


class ModelMissingError(Exception):
    def __init__(self, path):
        super().__init__("model file not found at " + str(path))
        self.path = path
