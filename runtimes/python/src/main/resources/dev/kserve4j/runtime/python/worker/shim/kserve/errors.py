"""KServe's error classes, with its messages. A V1 request answers each as KServe's server does
({"error": str(e)}: InvalidInput 400, ModelNotFound 404, ModelNotReady 503, ServerNotReady 503,
ServerNotLive 503, UnsupportedProtocol 501, InferenceError 500); on the tensor path InvalidInput is
a 400 and any other exception a 500."""


class ModelMissingError(Exception):
    def __init__(self, path):
        self.path = path

    def __str__(self):
        return self.path


class InferenceError(RuntimeError):
    def __init__(self, reason, status=None, debug_details=None):
        self.reason = reason
        self.status = status
        self.debug_details = debug_details

    def __str__(self):
        msg = super().__str__() if self.reason is None else self.reason
        if self.status is not None:
            msg = "[" + self.status + "] " + msg
        return msg


class InvalidInput(ValueError):
    def __init__(self, reason):
        self.reason = reason

    def __str__(self):
        return self.reason


class ModelNotFound(Exception):
    def __init__(self, model_name=None):
        self.reason = f"Model with name {model_name} does not exist."

    def __str__(self):
        return self.reason


class WorkersShouldBeLessThanMaxWorkersError(Exception):
    def __init__(self, max_workers=None):
        self.reason = f"Workers cannot be greater than {max_workers}"

    def __str__(self):
        return self.reason


class ModelNotReady(RuntimeError):
    def __init__(self, model_name: str, detail: str = None):
        self.model_name = model_name
        self.error_msg = f"Model with name {self.model_name} is not ready."
        if detail:
            self.error_msg = self.error_msg + " " + detail

    def __str__(self):
        return self.error_msg


class UnsupportedProtocol(Exception):
    def __init__(self, protocol_version=None):
        self.reason = f"Unsupported protocol {protocol_version}."

    def __str__(self):
        return self.reason


class ServerNotReady(RuntimeError):
    def __init__(self, detail: str = None):
        self.error_msg = "Server is not ready."
        if detail:
            self.error_msg = self.error_msg + " " + detail

    def __str__(self):
        return self.error_msg


class ServerNotLive(RuntimeError):
    def __init__(self, detail: str = None):
        self.error_msg = "Server is not live."
        if detail:
            self.error_msg = self.error_msg + " " + detail

    def __str__(self):
        return self.error_msg


class NoModelReady(RuntimeError):
    def __init__(self, models, detail: str = None):
        self.models = models
        self.detail = detail

    def __str__(self):
        names = [model.name for model in self.models]
        if len(names) == 1:
            msg = f"Model with name {names[0]} is not ready."
        else:
            msg = f"Models with names {','.join(names)} are not ready."
        return msg + " " + self.detail if self.detail else msg
