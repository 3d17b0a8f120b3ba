"""A KServe server script: KServe's flags parsed at import, ModelServer started under __main__."""
import argparse

from kserve import Model, ModelServer, model_server

parser = argparse.ArgumentParser(parents=[model_server.parser])
parser.add_argument("--greeting", default="hello", help="what the model says")
args, _ = parser.parse_known_args()


class Greeter(Model):
    def __init__(self, name):
        super().__init__(name)
        self.greeting = None

    def load(self):
        self.greeting = args.greeting
        self.ready = True

    def predict(self, payload, headers=None):
        return {"predictions": ["%s %s" % (self.greeting, i) for i in payload["instances"]],
                "model_name": args.model_name, "served_as": self.name,
                "workers": args.workers, "protocol": args.protocol}


if __name__ == "__main__":
    model = Greeter(args.model_name)
    model.load()
    ModelServer().start([model])
