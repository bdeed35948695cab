"""Facts shown with their units and qualifiers: total vs active, native vs extended, unknown vs n/a."""

from __future__ import annotations

from ..data.records import Model


def number_b(value: float) -> str:
    """Billions without trailing zeros: 7.61 -> '7.61B', 480 -> '480B'."""
    return f"{value:.2f}".rstrip("0").rstrip(".") + "B"


def params_text(model: Model) -> str:
    """Plain text: '35B total, 3B active', '7.61B', 'undisclosed'."""
    if model.params_total_b is None:
        return "undisclosed"
    if model.is_moe and model.params_active_b is not None:
        return f"{number_b(model.params_total_b)} total, {number_b(model.params_active_b)} active"
    return number_b(model.params_total_b)




def tokens_short(tokens: int) -> str:
    """32768 -> '32K', 262144 -> '256K', 1048576 -> '1M', 1010000 -> '1.01M'."""
    if tokens % 1024 == 0:
        k = tokens // 1024
        return f"{k // 1024}M" if k % 1024 == 0 else f"{k}K"
    if tokens >= 1_000_000:
        return f"{tokens / 1_000_000:.2f}".rstrip("0").rstrip(".") + "M"
    if tokens % 1000 == 0:
        return f"{tokens // 1000}K"
    return f"{tokens:,}"


def is_extended(model: Model) -> bool:
    return bool(model.context_max and model.context_native and model.context_max > model.context_native)


def context_text(model: Model) -> str:
    """'256K native, up to 1M extended', '32K', 'unknown'. The method is a separate fact (context_extension)."""
    if model.context_native is None and model.context_max is None:
        return "unknown"
    if model.context_native is None:
        return f"up to {tokens_short(model.context_max)} (native unknown)"
    native = tokens_short(model.context_native)
    if is_extended(model):
        return f"{native} native, up to {tokens_short(model.context_max)} extended"
    return native




def modalities_text(values: tuple[str, ...]) -> str:
    return ", ".join(values)
