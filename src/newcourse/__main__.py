from newcourse.cli import main

raise SystemExit(main())
