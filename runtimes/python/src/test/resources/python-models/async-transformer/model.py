"""A KServe-style transformer and predictor in one: async methods, InferRequest in, InferResponse out."""
import numpy as np
from kserve import InferInput, InferOutput, InferRequest, InferResponse, Model, ModelServer
from kserve.errors import InvalidInput


class WordModel(Model):
    def __init__(self, name: str):
        super().__init__(name)
        self.load()

    def load(self):
        self.suffix = "!"
        self.ready = True

    async def preprocess(self, payload: InferRequest, headers=None) -> InferRequest:
        words = payload.inputs[0].data
        if any(not w for w in words):
            raise InvalidInput("input 'text': empty word (expected non-empty strings)")
        upper = np.array([w.upper() for w in words], dtype=object)
        return InferRequest(model_name=self.name, infer_inputs=[
            InferInput(name="upper", shape=[len(words)], datatype="BYTES", data=upper)])

    async def predict(self, payload: InferRequest, headers=None) -> InferResponse:
        words = payload.inputs[0].as_numpy()
        lengths = np.array([len(w) for w in words], dtype=np.int64)
        out_words = InferOutput(name="words", shape=[len(words)], datatype="BYTES")
        out_words.set_data_from_numpy(words)
        out_lengths = InferOutput(name="lengths", shape=[len(words)], datatype="INT64")
        out_lengths.set_data_from_numpy(lengths)
        return InferResponse(response_id=None, model_name=self.name,
                             infer_outputs=[out_words, out_lengths])

    async def postprocess(self, result: InferResponse, headers=None, response_headers=None):
        for out in result.outputs:
            if out.name == "words":
                out.set_data_from_numpy(
                    np.array([w + self.suffix for w in out.as_numpy()], dtype=object))
        return result


if __name__ == "__main__":
    ModelServer().start([WordModel("words")])
