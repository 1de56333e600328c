"""``python -m serverless_training``: the command line (``pip install 'serverless-training[cli]'``)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
