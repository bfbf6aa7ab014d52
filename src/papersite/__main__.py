"""Allow ``python -m papersite``."""

from papersite.cli import main

raise SystemExit(main())
