"""Open Inference Protocol JSON objects as KServe's types, built through the constructors that both
the real kserve package and the stand-in offer: a V2 request body becomes the InferRequest a
transformer's preprocess gets, a V2 response body the InferResponse its postprocess gets."""


def infer_request(kserve, name, body):
    if not isinstance(body, dict) or not isinstance(body.get("inputs"), list):
        return body  # not a V2 request object: handed over as parsed, as KServe does for dicts
    inputs = [kserve.InferInput(name=i["name"], shape=i["shape"], datatype=i["datatype"],
                                data=i.get("data"), parameters=i.get("parameters"))
              for i in body["inputs"]]
    return kserve.InferRequest(model_name=name, infer_inputs=inputs, request_id=body.get("id"),
                               parameters=body.get("parameters"))


def infer_response(kserve, name, body):
    if not isinstance(body, dict) or not isinstance(body.get("outputs"), list):
        return body
    outputs = [kserve.InferOutput(name=o["name"], shape=o["shape"], datatype=o["datatype"],
                                  data=o.get("data"), parameters=o.get("parameters"))
               for o in body["outputs"]]
    return kserve.InferResponse(response_id=body.get("id"),
                                model_name=body.get("model_name") or name,
                                infer_outputs=outputs, model_version=body.get("model_version"),
                                parameters=body.get("parameters"))
