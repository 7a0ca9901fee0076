"""Council mode on the web: councils kept in SQL, played in pages, the JSON API and live.

A council is its records (``newcourse.council``); this package keeps them in a
``CouncilStore`` (``keeping``), runs members' commands at the server's time and
tells every client (``service``, ``notices``), shows a council as a member sees
it (``views``), keeps a member's seats in a signed cookie (``seats``), and
serves the pages (``pages``), the JSON API (``api``) and the server-sent events
(``events``). No rule of procedure lives here.
"""

from .keeping import CouncilStore, NoSuchCouncil, Sitting
from .notices import Listener, LocalNotifier, Notifier
from .service import Clock, CouncilBusy, Councils
from .views import council_view

__all__ = [
    "Clock",
    "CouncilBusy",
    "CouncilStore",
    "Councils",
    "Listener",
    "LocalNotifier",
    "NoSuchCouncil",
    "Notifier",
    "Sitting",
    "council_view",
]
