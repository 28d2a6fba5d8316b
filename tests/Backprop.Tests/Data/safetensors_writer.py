"""A safetensors writer in plain Python (struct and json only), written from the format's public description:

    8 bytes   N, the header length, unsigned little-endian
    N bytes   UTF-8 JSON: {name: {"dtype": ..., "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {str: str}}
    rest      the data buffer; offsets are relative to its start, and the tensors tile it without holes

It exists because the safetensors package is not installed here. Like the reference writer, it pads the header
with spaces to a multiple of 8 bytes and lays the data out sorted by (element size descending, name), which is
not the header order: readers must follow the offsets.
"""
import json
import struct

FORMATS = {"F64": ("<d", 8), "F32": ("<f", 4), "F16": ("<e", 2), "I64": ("<q", 8)}


def bf16_bits(value):
    """The top 16 bits of the float32 value; the values used here are exact in bfloat16."""
    bits = struct.unpack("<I", struct.pack("<f", value))[0]
    assert bits & 0xFFFF == 0, f"{value} is not exact in bfloat16"
    return bits >> 16


def encode(dtype, values):
    if dtype == "BF16":
        return b"".join(struct.pack("<H", bf16_bits(v)) for v in values)
    fmt, _ = FORMATS[dtype]
    return b"".join(struct.pack(fmt, v) for v in values)


def element_size(dtype):
    return 2 if dtype == "BF16" else FORMATS[dtype][1]


def write(path, tensors, metadata=None):
    """tensors: {name: (dtype, shape, flat list of values in row-major order)}"""
    order = sorted(tensors, key=lambda n: (-element_size(tensors[n][0]), n))
    header, blobs, offset = {}, [], 0
    if metadata is not None:
        header["__metadata__"] = metadata
    for name in order:
        dtype, shape, values = tensors[name]
        blob = encode(dtype, values)
        count = 1
        for d in shape:
            count *= d
        assert len(blob) == count * element_size(dtype)
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def save_file(state_dict, path, metadata=None):
    """The subset of safetensors.torch.save_file used by train_xor_torch.py: float32 torch tensors."""
    tensors = {}
    for name, tensor in state_dict.items():
        assert str(tensor.dtype) == "torch.float32"
        tensors[name] = ("F32", list(tensor.shape), tensor.detach().contiguous().view(-1).tolist())
    write(path, tensors, metadata)
