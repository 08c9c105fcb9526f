#!/usr/bin/python3
"""The plain PyTorch loop bench_train compares against: the default hashing CNN (28x28 grey,
32 bits), batch 64, Adam, DPSH loss, random data; then no-grad encoding in batches of 1000.
Needs Debian's python3-torch; the product itself never needs Python."""
import sys
import time

import torch
import torch.nn as nn

n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
threads = int(sys.argv[2]) if len(sys.argv) > 2 else torch.get_num_threads()
torch.set_num_threads(threads)
torch.manual_seed(0)
net = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                    nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                    nn.Linear(64 * 7 * 7, 256), nn.ReLU(), nn.Linear(256, 32), nn.Tanh())
x = torch.rand(n, 1, 28, 28)
y = torch.randint(0, 10, (n,))
opt = torch.optim.Adam(net.parameters(), lr=1e-3)


def dpsh(u, labels):
    theta = 0.5 * u @ u.t()
    s = (labels[:, None] == labels[None, :]).float()
    like = torch.log1p(torch.exp(-theta.abs())) + theta.clamp(min=0) - s * theta
    return like.mean() + 0.1 * (u - u.sign().detach()).pow(2).mean()


for p in range(2):  # the first pass warms up
    t = time.perf_counter()
    for i in range(0, n, 64):
        loss = dpsh(net(x[i:i + 64]), y[i:i + 64])
        opt.zero_grad()
        loss.backward()
        opt.step()
    s = time.perf_counter() - t
print(f"train   {n / s:8.0f} images/s  (PyTorch {torch.__version__}, batch 64, {threads} threads)")
net.eval()
with torch.no_grad():
    for p in range(2):
        t = time.perf_counter()
        for i in range(0, n, 1000):
            net(x[i:i + 1000])
        s = time.perf_counter() - t
print(f"encode  {n / s:8.0f} images/s  (batch 1000, no grad)")
