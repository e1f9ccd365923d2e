"""newscomment: reads a news article and writes a short, grounded, critical comment on it.

from newscomment import read, analyze, comment
article = read("article.html")          # or read(text=..., html=..., url=...)
analysis = analyze(article)             # findings, sources, main claim, figures
result = comment(analysis, style="critical")
"""

from importlib.metadata import PackageNotFoundError, version

from newscomment.analysis import analyze
from newscomment.commenting import comment
from newscomment.ingest import read

try:
    __version__ = version("newscomment")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = ["__version__", "analyze", "comment", "read"]
