"""The detectors, one module each, registered under the kind of finding they make with the
kinds they need (``registry``). Importing this package registers them all; the order of
the imports below is the order of registration, which breaks ties between detectors that
are free to run at the same point (and so fixes the order of the findings)."""

# isort: off
from newscomment.detectors import sources, quotes, hedges, loaded, boilerplate  # noqa: F401
from newscomment.detectors import opinion, missing, claim  # noqa: F401
from newscomment.detectors import genre  # noqa: F401
from newscomment.detectors import decisive  # noqa: F401

# isort: on
from newscomment.detectors.registry import detect_all

__all__ = ["detect_all"]
