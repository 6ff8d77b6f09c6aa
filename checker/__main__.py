"""``python -m alignspec``."""

import sys

from .cli import main

sys.exit(main())
