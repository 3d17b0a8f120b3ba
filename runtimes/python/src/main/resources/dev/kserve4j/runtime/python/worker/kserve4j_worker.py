"""A kserve4j Python worker: loads one model and answers inference frames on stdin/stdout.

Usage: kserve4j_worker.py FORMAT MODEL_DIR MODEL_NAME METHOD SHIM_DIR
The real stdout becomes the frame channel; print() and logging go to stderr, which the server logs.
Requests: u8 op (1 infer, 2 ping, 3 shutdown, 4 json, 5 preprocess, 6 postprocess, 7 explain);
infer adds u32 parameter count, (key, value) strings, u32 tensor count and the tensors; the JSON ops
(a body for a custom model: 4 and 7 a KServe V1 body, 5 and 6 one stage of a transformer) add u8
protocol (1 V1, 2 V2), u32 header count, (name, value) strings and the body (u32 length + bytes).
Replies: u8 status (0 ok, 1 invalid input, 2 model failure); ok carries u32 tensor count and tensors
(JSON ops: u16 HTTP status, content type string, u32 header count, (name, value) strings, body), the
others one message string. The first frame the worker writes is its load result: status, then u8
batchable, the declared input and output metadata (u32 count, then name, datatype code, rank, dims
each) and u8 roles (1 transformer: own preprocess/postprocess, no own predict; 2 explainer: own
explain), or a message.
"""
import os
import sys
import traceback

OP_INFER, OP_PING, OP_SHUTDOWN, OP_JSON, OP_PRE, OP_POST, OP_EXPLAIN = 1, 2, 3, 4, 5, 6, 7
JSON_OPS = (OP_JSON, OP_PRE, OP_POST, OP_EXPLAIN)
OK, INVALID_INPUT, MODEL_FAILURE = 0, 1, 2


class BadInput(Exception):
    """A request the model cannot take; reported to the client as a 400."""


def _read_exactly(stream, n):
    data = stream.read(n)
    if data is None or len(data) < n:
        return None
    return data


def _is_invalid_input(error):
    return isinstance(error, BadInput) or any(
        c.__name__ == "InvalidInput" for c in type(error).__mro__)


def main(argv):
    fmt, model_dir, name, method, shim = argv[1:6]
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    sys.path.append(shim)  # after site-packages: a real kserve install wins over the shim
    from kserve4j_frames import Reader, Writer
    import struct
    stdin = sys.stdin.buffer

    def send(writer):
        channel.write(writer.frame())
        channel.flush()

    ready = Writer()
    try:
        os.chdir(model_dir)
        if fmt == "sklearn":
            from kserve4j_sklearn import SklearnHandler
            handler = SklearnHandler(model_dir, method, BadInput)
        else:
            from kserve4j_custom import CustomHandler
            handler = CustomHandler(model_dir, name, BadInput)
    except BaseException as e:  # noqa: B036 - any load failure must reach the server as a message
        traceback.print_exc()
        ready.u8(MODEL_FAILURE)
        ready.string("%s: %s" % (type(e).__name__, e))
        send(ready)
        return 1
    ready.u8(OK)
    ready.u8(1 if handler.batchable else 0)
    for declared in (handler.inputs, handler.outputs):
        ready.u32(len(declared))
        for meta in declared:
            ready.metadata(meta["name"], meta["datatype"], [int(d) for d in meta["shape"]])
    ready.u8(getattr(handler, "roles", 0))
    send(ready)

    while True:
        head = _read_exactly(stdin, 4)
        if head is None:
            return 0
        (size,) = struct.unpack("<I", head)
        body = _read_exactly(stdin, size)
        if body is None:
            return 0
        reader = Reader(body)
        op = reader.u8()
        reply = Writer()
        if op == OP_SHUTDOWN:
            return 0
        if op == OP_PING:
            reply.u8(OK)
            reply.u32(0)
            send(reply)
            continue
        try:
            reply = _json(handler, op, reader) if op in JSON_OPS else _infer(handler, reader)
        except Exception as e:  # noqa: BLE001 - every model error becomes a reply, not a crash
            reply = Writer()
            if _is_invalid_input(e):
                reply.u8(INVALID_INPUT)
                reply.string(str(e))
            else:
                traceback.print_exc()
                reply.u8(MODEL_FAILURE)
                reply.string("%s: %s" % (type(e).__name__, e))
        send(reply)


def _infer(handler, reader):
    from kserve4j_frames import Writer
    params = {}
    for _ in range(reader.u32()):
        key = reader.string()
        params[key] = reader.string()
    tensors = [reader.tensor() for _ in range(reader.u32())]
    outputs = handler.infer(params, tensors)
    reply = Writer()
    reply.u8(OK)
    reply.u32(len(outputs))
    for out_name, value in outputs:
        reply.tensor(out_name, value)
    return reply


def _json(handler, op, reader):
    from kserve4j_frames import Writer
    if not hasattr(handler, "infer_json"):
        raise RuntimeError("this model format takes tensors only (expected a V1 or V2 tensor "
                           "request)")
    protocol = "v2" if reader.u8() == 2 else "v1"
    headers = {}
    for _ in range(reader.u32()):
        key = reader.string()
        headers[key] = reader.string()
    body = reader.blob()
    if op == OP_PRE:
        answer = handler.stage_json("preprocess", protocol, headers, body)
    elif op == OP_POST:
        answer = handler.stage_json("postprocess", protocol, headers, body)
    elif op == OP_EXPLAIN:
        answer = handler.explain_json(headers, body)
    else:
        answer = handler.infer_json(headers, body)
    status, content_type, reply_headers, body = answer
    reply = Writer()
    reply.u8(OK)
    reply.u16(status)
    reply.string(content_type)
    reply.u32(len(reply_headers))
    for key, value in reply_headers.items():
        reply.string(key)
        reply.string(value)
    reply.blob(body)
    return reply


if __name__ == "__main__":
    sys.exit(main(sys.argv))
