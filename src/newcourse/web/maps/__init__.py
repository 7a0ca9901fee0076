"""The maps the web player draws: country shapes from Natural Earth (see SOURCE.md),
made once by ``build.py`` and shipped as ``europe.json``."""
