"""Estimated memory for a model's weights, derived from its total parameter count.

An estimate, and labelled as one wherever it is shown: weights only (no KV cache, activations or
runtime overhead), decimal gigabytes (10^9 bytes), every parameter counted (an MoE model must hold
all experts in memory even though only some are active per token).
"""

from __future__ import annotations

BF16_BYTES_PER_PARAM = 2.0
INT4_BYTES_PER_PARAM = 0.5
# 4-bit formats store a scale (and often a zero point) per small group of weights, and usually keep
# the embeddings and output head at higher precision; 10% covers the common GPTQ/AWQ/GGUF Q4 layouts.
INT4_OVERHEAD = 0.10


def bf16_gb(params_total_b: float | None) -> float | None:
    """Weights at bf16/fp16: 2 bytes per parameter."""
    return None if params_total_b is None else params_total_b * BF16_BYTES_PER_PARAM


def int4_gb(params_total_b: float | None) -> float | None:
    """Weights at about 4 bits: half a byte per parameter plus the stated overhead."""
    return None if params_total_b is None else params_total_b * INT4_BYTES_PER_PARAM * (1 + INT4_OVERHEAD)


def gb_text(gigabytes: float | None) -> str:
    """'≈ 16 GB', '≈ 1.1 GB', '≈ 0.33 GB'; 'unknown' when the size is undisclosed."""
    if gigabytes is None:
        return "unknown"
    if gigabytes >= 10:
        return f"≈ {gigabytes:,.0f} GB"
    if gigabytes >= 1:
        return f"≈ {gigabytes:.1f} GB"
    return f"≈ {gigabytes:.2f} GB"

