from introdesk.cli import main

raise SystemExit(main())
