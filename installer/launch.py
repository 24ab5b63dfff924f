"""PyInstaller entry point: the same program as the `introdesk` command (cli.main)."""

from introdesk.cli import main

raise SystemExit(main())
