"""``python -m newscomment.cli``: the ``newscomment`` command."""

import sys

from newscomment.cli import main

sys.exit(main())
