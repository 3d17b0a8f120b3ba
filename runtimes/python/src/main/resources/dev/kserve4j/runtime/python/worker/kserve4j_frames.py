"""Binary frames between the kserve4j server and a Python worker.

Every frame is a little-endian u32 byte length followed by the body. Strings are u32 length + UTF-8.
A tensor is: name, u8 datatype code (index in DATATYPES), u8 rank, rank x i64 dims, u64 data
length, data. Numeric data is the raw little-endian element bytes; BYTES data is the Open Inference
Protocol's binary encoding (u32 length + bytes per element). No JSON on this path.
"""
import struct

import numpy as np

DATATYPES = ("BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64",
             "FP16", "FP32", "FP64", "BYTES")
BYTES_CODE = 12
_NUMPY = ("?", "<u1", "<u2", "<u4", "<u8", "<i1", "<i2", "<i4", "<i8", "<f2", "<f4", "<f8", None)
_CODE_BY_KIND = {("b", 1): 0, ("u", 1): 1, ("u", 2): 2, ("u", 4): 3, ("u", 8): 4,
                 ("i", 1): 5, ("i", 2): 6, ("i", 4): 7, ("i", 8): 8,
                 ("f", 2): 9, ("f", 4): 10, ("f", 8): 11}

_U16 = struct.Struct("<H")
_U32 = struct.Struct("<I")
_U64 = struct.Struct("<Q")


class Reader:
    """Reads fields from one frame body, in order."""

    def __init__(self, body):
        self.body = body
        self.pos = 0

    def u8(self):
        self.pos += 1
        return self.body[self.pos - 1]

    def u32(self):
        (v,) = _U32.unpack_from(self.body, self.pos)
        self.pos += 4
        return v

    def u64(self):
        (v,) = _U64.unpack_from(self.body, self.pos)
        self.pos += 8
        return v

    def string(self):
        return self.blob().decode("utf-8")

    def blob(self):
        n = self.u32()
        self.pos += n
        return bytes(self.body[self.pos - n:self.pos])

    def tensor(self):
        """Returns (name, datatype, shape, numpy array); numeric arrays are views of the frame."""
        name = self.string()
        code = self.u8()
        rank = self.u8()
        shape = list(struct.unpack_from("<%dq" % rank, self.body, self.pos))
        self.pos += 8 * rank
        size = self.u64()
        start = self.pos
        self.pos += size
        if code == BYTES_CODE:
            return name, "BYTES", shape, _split_bytes(self.body, start, self.pos).reshape(shape)
        array = np.frombuffer(self.body, dtype=_NUMPY[code], count=size // np.dtype(_NUMPY[code]).itemsize,
                              offset=start)
        return name, DATATYPES[code], shape, array.reshape(shape)


def _split_bytes(body, start, end):
    items = []
    pos = start
    while pos < end:
        (n,) = _U32.unpack_from(body, pos)
        pos += 4
        items.append(bytes(body[pos:pos + n]))
        pos += n
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


class Writer:
    """Collects the fields of one frame body."""

    def __init__(self):
        self.parts = []

    def u8(self, v):
        self.parts.append(bytes((v,)))

    def u16(self, v):
        self.parts.append(_U16.pack(v))

    def u32(self, v):
        self.parts.append(_U32.pack(v))

    def string(self, s):
        self.blob(s.encode("utf-8"))

    def blob(self, data):
        self.parts.append(_U32.pack(len(data)))
        self.parts.append(data)

    def metadata(self, name, datatype, shape):
        self.string(name)
        self.u8(DATATYPES.index(datatype))
        self.u8(len(shape))
        self.parts.append(struct.pack("<%dq" % len(shape), *shape))

    def tensor(self, name, value):
        array = np.asarray(value)
        if array.dtype.kind in "OUS":
            data = b"".join(_U32.pack(len(e)) + e for e in (_to_bytes(x) for x in array.reshape(-1)))
            code = BYTES_CODE
        else:
            code = _CODE_BY_KIND.get((array.dtype.kind, array.dtype.itemsize))
            if code is None:
                raise TypeError("output '%s': numpy dtype %s has no Open Inference Protocol datatype"
                                " (expected bool, int8..int64, uint8..uint64, float16/32/64 or str)"
                                % (name, array.dtype))
            data = np.ascontiguousarray(array, dtype=_NUMPY[code]).tobytes()
        self.string(name)
        self.u8(code)
        self.u8(array.ndim)
        self.parts.append(struct.pack("<%dq" % array.ndim, *array.shape))
        self.parts.append(_U64.pack(len(data)))
        self.parts.append(data)

    def frame(self):
        body = b"".join(self.parts)
        return _U32.pack(len(body)) + body


def _to_bytes(x):
    if isinstance(x, bytes):
        return x
    return str(x).encode("utf-8")
