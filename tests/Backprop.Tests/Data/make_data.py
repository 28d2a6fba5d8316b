"""Writes the hand-made .safetensors files of this folder (see README.md). Run: python3 make_data.py"""
from safetensors_writer import write

# TorchMlp: nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 2)). Linear.weight is [out, in].
write(
    "mlp-2-3-2-f32.safetensors",
    {
        "0.weight": ("F32", [3, 2], [0.5, -0.25, 1.0, 0.75, -1.5, 0.125]),
        "0.bias": ("F32", [3], [0.1, -0.2, 0.3]),
        "2.weight": ("F32", [2, 3], [1.0, -2.0, 0.5, 0.25, 0.5, -1.0]),
        "2.bias": ("F32", [2], [0.0625, -0.125]),
    },
    metadata={"format": "pt"},
)

# The same shape in half precisions: weights bfloat16, biases float16 (values exact in both).
write(
    "mlp-2-3-2-bf16-f16.safetensors",
    {
        "0.weight": ("BF16", [3, 2], [0.75, -1.25, 2.0, 0.375, -0.5, 1.5]),
        "0.bias": ("F16", [3], [0.25, -0.5, 0.375]),
        "2.weight": ("BF16", [2, 3], [-1.0, 0.5, 1.75, 0.625, -0.25, 1.0]),
        "2.bias": ("F16", [2], [-0.0625, 0.5]),
    },
)

# Under a "model." prefix, in float64, next to a tensor that is no layer (an optimizer step count).
write(
    "prefixed-f64.safetensors",
    {
        "model.0.weight": ("F64", [3, 2], [0.1, 0.2, -0.3, 0.4, 0.5, -0.6]),
        "model.0.bias": ("F64", [3], [0.01, 0.02, 0.03]),
        "model.2.weight": ("F64", [2, 3], [0.7, -0.8, 0.9, 1.1, 1.2, -1.3]),
        "model.2.bias": ("F64", [2], [-0.04, 0.05]),
        "optimizer.step": ("I64", [], [1000]),
    },
)
