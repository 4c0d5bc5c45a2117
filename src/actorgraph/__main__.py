from actorgraph.cli import main

raise SystemExit(main())
