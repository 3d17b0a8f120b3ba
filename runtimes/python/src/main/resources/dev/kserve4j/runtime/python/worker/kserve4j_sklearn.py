"""scikit-learn models as KServe's sklearnserver serves them.

Files: exactly one model.joblib / model.pkl / model.pickle (any *.joblib, *.pkl, *.pickle, as
sklearnserver accepts), read with joblib.load. Input: one tensor becomes a numpy array; several
named tensors, or the request parameter content_type=pd, become a pandas DataFrame with one column
per input (strings decoded from UTF-8). Output: "output-0", from predict, or predict_proba when the
method is predict_proba (sklearnserver's PREDICT_PROBA=true).
"""
import os

import numpy as np

EXTENSIONS = (".joblib", ".pkl", ".pickle")


class SklearnHandler:
    batchable = True
    inputs = ()
    outputs = ()

    def __init__(self, model_dir, method, bad_input):
        files = sorted(f for f in os.listdir(model_dir)
                       if f.endswith(EXTENSIONS) and os.path.isfile(os.path.join(model_dir, f)))
        if len(files) != 1:
            raise RuntimeError("found %d model files %s in %s (expected exactly one *.joblib, *.pkl "
                               "or *.pickle file)" % (len(files), files, model_dir))
        import joblib
        self.model = joblib.load(os.path.join(model_dir, files[0]))
        self.bad_input = bad_input
        if method == "predict_proba":
            if not hasattr(self.model, "predict_proba"):
                raise RuntimeError("method predict_proba: %s has no predict_proba (expected a "
                                   "probabilistic classifier, or method predict)"
                                   % type(self.model).__name__)
            self.run = self.model.predict_proba
        else:
            self.run = self.model.predict

    def infer(self, params, tensors):
        if len(tensors) == 1 and params.get("content_type") != "pd":
            name, datatype, shape, array = tensors[0]
            if datatype == "BYTES":
                x = [v.decode("utf-8") for v in array.reshape(-1)]
            else:
                x = array.reshape(1, -1) if array.ndim == 1 else array
        else:
            name = ", ".join(t[0] for t in tensors)
            x = _dataframe(tensors)
        try:
            result = self.run(x)
        except ValueError as e:
            raise self.bad_input("input '%s': %s" % (name, e)) from e
        return [("output-0", np.asarray(result))]


def _dataframe(tensors):
    try:
        import pandas as pd
    except ImportError as e:
        raise RuntimeError("several inputs need pandas: install Debian's python3-pandas "
                           "(or pip's pandas)") from e
    columns = {}
    for name, datatype, shape, array in tensors:
        flat = array.reshape(-1)
        columns[name] = [v.decode("utf-8") for v in flat] if datatype == "BYTES" else flat
    return pd.DataFrame(columns)
