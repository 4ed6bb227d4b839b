"""``python -m brieftui`` runs the same entry point as the ``brieftui`` script."""

from brieftui.cli import main

raise SystemExit(main())
