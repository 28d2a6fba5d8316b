"""Trains XOR in PyTorch, saves the state dict as safetensors and records PyTorch's outputs for the test.
Needs torch (Debian: python3-torch). Run: python3 train_xor_torch.py

With the safetensors package installed, `from safetensors.torch import save_file` does the same as the
stand-in imported here."""
import json

import torch
from torch import nn

from safetensors_writer import save_file

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1), nn.Sigmoid())
x = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
for _ in range(1000):
    optimizer.zero_grad()
    loss = nn.functional.binary_cross_entropy(model(x), y)
    loss.backward()
    optimizer.step()

save_file(model.state_dict(), "xor-torch-f32.safetensors")
with torch.no_grad():
    outputs = model(x).view(-1).tolist()
with open("xor-torch-f32.expected.json", "w") as f:
    json.dump({"inputs": x.tolist(), "outputs": outputs}, f, indent=2)
    f.write("\n")
print("loss", loss.item(), "outputs", outputs)
