"""KServe's Model base class shape: load, preprocess, predict, postprocess (sync or async)."""


class Model:
    def __init__(self, name, predictor_config=None, return_response_headers=False):
        self.name = name
        self.ready = False
        self.predictor_config = predictor_config
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
        # Without a remote predictor the base predict passes its input through, so a class that
        # only overrides preprocess/postprocess (a transformer) runs end to end.
        return payload

    def postprocess(self, result, headers=None, response_headers=None):
        return result
