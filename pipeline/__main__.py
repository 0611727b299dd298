"""`python -m pipeline` is the same as the `pemilu-facts` command."""

from pipeline.cli import main

raise SystemExit(main())
