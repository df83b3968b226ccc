"""python -m devagree"""

import sys

from devagree.cli.app import main

sys.exit(main())
