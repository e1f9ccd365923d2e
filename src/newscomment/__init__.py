"""newscomment: reads a news article and writes a short, grounded, critical comment on it.

from newscomment import read, analyze, comment
article = read("article.html")          # or read(text=..., html=..., url=...)
analysis = analyze(article)             # findings, sources, main claim, figures
result = comment(analysis, style="critical")

from newscomment import Newscomment, Settings, LLMSettings
nc = Newscomment(Settings(max_chars=50_000, llm=LLMSettings(url=..., model=...)))
result = nc.comment(nc.analyze(nc.read("article.txt")), backend="llm")

Importing the package is light: spaCy loads when the first article is analysed.
"""

from importlib.metadata import PackageNotFoundError, version

from newscomment.errors import (
    InputError,
    LLMError,
    MissingExtraError,
    ModelError,
    NewscommentError,
    SettingError,
)
from newscomment.kinds import KINDS, SOURCE_TYPES
from newscomment.model import (
    Analysis,
    Article,
    ArticleInput,
    Comment,
    CommentSentence,
    Finding,
    MainClaim,
    Sentence,
    Source,
    Span,
)
from newscomment.pipeline import BACKENDS, Newscomment, Outcome, analyze, comment, read
from newscomment.settings import LLMSettings, ServerSettings, Settings, resolve
from newscomment.styles import STYLES

try:
    __version__ = version("newscomment")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = [
    "BACKENDS",
    "KINDS",
    "SOURCE_TYPES",
    "STYLES",
    "Analysis",
    "Article",
    "ArticleInput",
    "Comment",
    "CommentSentence",
    "Finding",
    "InputError",
    "LLMError",
    "LLMSettings",
    "MainClaim",
    "MissingExtraError",
    "ModelError",
    "Newscomment",
    "NewscommentError",
    "Outcome",
    "Sentence",
    "ServerSettings",
    "SettingError",
    "Settings",
    "Source",
    "Span",
    "__version__",
    "analyze",
    "comment",
    "read",
    "resolve",
]
