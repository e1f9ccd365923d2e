"""The detectors, one module each, run in an order where each may read earlier findings.

A detector is ``detect(doc, prior) -> list[Finding]``: it sees the parsed article and the
findings of the detectors before it (sources before quotes, so quotes get speakers; all
before ``missing`` and ``claim``), never another detector's internals.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from newscomment.detectors import (
    boilerplate,
    hedges,
    loaded,
    missing,
    opinion,
    quotes,
    sources,
)
from newscomment.model import Finding

Detector = Callable[[Doc, list[Finding]], list[Finding]]

DETECTORS: dict[str, Detector] = {
    "sources": sources.detect,
    "quotes": quotes.detect,
    "hedges": hedges.detect,
    "loaded": loaded.detect,
    "boilerplate": boilerplate.detect,
    "opinion": opinion.detect,
    "missing": missing.detect,
}
