"""Golden outputs for src/math/pca.ts (pcaProject), from numpy/PyTorch (CPU, float64).

Centred PCA through LAPACK's symmetric eigen-solver (torch.linalg.eigh on the covariance),
components sign-normalised as pca.ts does (the entry of largest magnitude positive), checked
against an SVD of the centred data. The TypeScript Jacobi solver differs from LAPACK in its
rounding, so the tests compare to about 1e-4, not bit for bit.

Writes src/math/fixtures/pca.json.
Run: /usr/bin/python3 scripts/goldens/pca.py   (or `npm run fixtures`)
"""
import numpy as np
import torch

from common import SEED_000_INPUTS, SEED_001_INPUTS, tensor_json, write

torch.manual_seed(20240607)


def pca(x, k):
    """Centred PCA of the rows of float32 x [n, d]: coords [n, k], components [k, d], ratios."""
    x64 = x.double()
    mean = x64.mean(dim=0)
    xc = x64 - mean
    cov = xc.T @ xc / max(1, x.shape[0] - 1)
    values, vectors = torch.linalg.eigh(cov)  # ascending
    order = torch.argsort(values, descending=True)
    values = values[order]
    comps = vectors[:, order].T.clone()  # rows
    for c in range(comps.shape[0]):
        big = comps[c][torch.argmax(comps[c].abs())]
        if big < 0:
            comps[c] = -comps[c]
    total = values.clamp(min=0).sum()
    ratio = values.clamp(min=0) / total
    coords = xc @ comps[:k].T

    # Cross-check with numpy's SVD of the centred data (same subspace, same variances).
    s = np.linalg.svd(xc.numpy(), compute_uv=False)
    var = s**2 / max(1, x.shape[0] - 1)
    assert np.allclose(var[:k], values[:k].numpy(), atol=1e-9), (var[:k], values[:k])
    return {
        "k": k,
        "x": tensor_json(x),
        "coords": tensor_json(coords.float()),
        "components": tensor_json(comps[:k].float()),
        "mean": tensor_json(mean.float()),
        "explained": tensor_json(ratio[:k].float()),
    }


# The dream-big embeddings (6 words, 3 dims), the notebooks' "Your journey" embeddings,
# and random embeddings of the sizes a future lesson will use (16 dims).
dream_big = torch.tensor(SEED_000_INPUTS)
journey = torch.tensor(SEED_001_INPUTS)
cases = {
    "dream-big-3d": pca(dream_big, 3),
    "journey-2": pca(journey, 2),
    "random-6x16": pca(torch.rand(6, 16), 3),
    "randn-10x16": pca(torch.randn(10, 16), 3),
    "randn-40x8": pca(torch.randn(40, 8) * torch.linspace(3, 0.1, 8), 3),
    "randn-8x5": pca(torch.randn(8, 5), 5),
}
write("pca.json", {"cases": cases})
