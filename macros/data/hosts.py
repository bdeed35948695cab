"""Which hosts a source URL may live on: mirrors and proxies are refused, primary hosts are preferred.

Mirrors and proxies copy a primary page (a Hugging Face card, a GitHub repository, an arXiv abstract)
onto another host: the copy may be stale, altered or gone tomorrow, so the atlas cites the original.
Primary hosts are the Qwen team's own pages: its Hugging Face and ModelScope organisations, the Qwen
blog, QwenLM / OFA-Sys on GitHub, arXiv, Alibaba Cloud documentation, and the venues that published
a paper. Everything else is a secondary source: allowed, but an entry resting only on it is `low`.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# (host pattern, optional path prefix, what it copies, the primary host to cite instead)
_MIRRORS: tuple[tuple[re.Pattern, str, str, str], ...] = tuple(
    (re.compile(host), path, what, primary) for host, path, what, primary in (
        (r"(^|\.)hf-mirror\.[a-z.]+$", "", "Hugging Face", "huggingface.co"),
        (r"^hf-mirror\.", "", "Hugging Face", "huggingface.co"),
        (r"(^|\.)hugflare\.com$", "", "Hugging Face", "huggingface.co"),
        (r"^hf\.kigml\.com$", "", "Hugging Face", "huggingface.co"),
        (r"^hf\.031202\.xyz$", "", "Hugging Face", "huggingface.co"),
        (r"(^|\.)gpb-dev\.ru$", "", "Hugging Face", "huggingface.co"),
        (r"^huggingface\.[a-z0-9-]+\.workers\.dev$", "", "Hugging Face", "huggingface.co"),
        (r"(^|\.)workers\.dev$", "", "a primary site (a Cloudflare Workers proxy)", "the original host"),
        (r"^ai\.gitee\.com$", "/hf-models/", "Hugging Face", "huggingface.co"),
        (r"^gitcode\.com$", "/hf_mirrors/", "Hugging Face", "huggingface.co"),
        (r"^ai\.gitcode\.com$", "", "Hugging Face", "huggingface.co"),
        (r"^modelscope\.csdn\.net$", "", "ModelScope", "modelscope.cn"),
        (r"^git\.luolix\.top$", "", "GitHub", "github.com"),
        (r"(^|\.)kgithub\.com$", "", "GitHub", "github.com"),
        (r"(^|\.)githubfast\.com$", "", "GitHub", "github.com"),
        (r"^github5\.com$", "", "GitHub and arXiv", "github.com or arxiv.org"),
        (r"^arxiver\.lazybrains\.com$", "", "arXiv", "arxiv.org"),
        (r"^xxx\.lanl\.gov$", "", "arXiv", "arxiv.org"),
        (r"(^|\.)coim\.space$", "", "a primary site (a link proxy)", "the original host"),
        (r"^reddit\.sentinel-team\.org$", "", "Reddit", "www.reddit.com"),
        (r"^rdit\.amanbhandal\.com$", "", "Reddit", "www.reddit.com"),
    )
)

# host -> path prefixes that are primary on it ("" = the whole host)
_PRIMARY: dict[str, tuple[str, ...]] = {
    "huggingface.co": ("/qwen/", "/ofa-sys/", "/collections/qwen/", "/spaces/qwen/", "/datasets/qwen/"),
    "modelscope.cn": ("/models/qwen/", "/organization/qwen", "/collections/qwen", "/models/ofa-sys/",
                      "/studios/qwen/", "/datasets/qwen/"),
    "modelscope.ai": ("/models/qwen/", "/organization/qwen"),
    "github.com": ("/qwenlm/", "/ofa-sys/"),
    "raw.githubusercontent.com": ("/qwenlm/", "/ofa-sys/"),
    "qwenlm.github.io": ("",),
    "qwen.ai": ("",),
    "qwen.alibaba.com": ("",),
    "arxiv.org": ("",),
    "www.alibabacloud.com": ("/help/",),
    "alibabacloud.com": ("/help/",),
    "help.aliyun.com": ("",),
    "aclanthology.org": ("",),
    "openreview.net": ("",),
    "proceedings.mlr.press": ("",),
    "proceedings.neurips.cc": ("",),
    "papers.nips.cc": ("",),
    "openaccess.thecvf.com": ("",),
    "ojs.aaai.org": ("",),
}


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def mirror_hint(url: str) -> str | None:
    """A message when the URL is a known mirror or proxy, naming the primary host; None otherwise."""
    host = host_of(url)
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for pattern, prefix, what, primary in _MIRRORS:
        if pattern.search(host) and path.startswith(prefix):
            return (f"expected the primary page, got '{host}', a mirror or proxy of {what}; "
                    f"cite the page on {primary} that it copies")
    return None


def is_primary(url: str) -> bool:
    """True for the Qwen team's own pages, arXiv, Alibaba Cloud documentation and publication venues."""
    host = host_of(url)
    if host.endswith(".qwen.ai"):
        return True
    prefixes = _PRIMARY.get(host)
    if prefixes is None:
        return False
    try:
        path = urlsplit(url).path.lower() + "/"
    except ValueError:
        return False
    return any(path.startswith(p) for p in prefixes)
