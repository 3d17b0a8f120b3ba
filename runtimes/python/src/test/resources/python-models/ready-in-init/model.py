"""Sets self.ready = True in __init__ without calling load(): load() is then never called."""
from kserve import Model


class ReadyInInit(Model):
    def __init__(self, name):
        super().__init__(name)
        self.greeting = "ready"
        self.ready = True

    def load(self):
        raise RuntimeError("load() must not be called on a model that is ready")

    def predict(self, payload, headers=None):
        return {"greeting": self.greeting}
