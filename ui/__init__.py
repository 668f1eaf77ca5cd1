"""PropDesk's Qt user interface.  Only this package imports PySide6."""

# The domain core, SQLAlchemy and alembic are imported before PySide6 on
# purpose: once PySide6 is loaded, its import hook inspects the source of every
# module imported afterwards (shibokensupport.feature), which added about a
# quarter of a second to start-up for these few hundred non-Qt modules.
import alembic.runtime.migration  # noqa: F401,E402
import alembic.script  # noqa: F401,E402

import propdesk.db  # noqa: F401,E402
import propdesk.models  # noqa: F401,E402
import propdesk.services.audit  # noqa: F401,E402
import propdesk.services.customers  # noqa: F401,E402
import propdesk.services.operators  # noqa: F401,E402
import propdesk.services.property  # noqa: F401,E402
import propdesk.services.search  # noqa: F401,E402

from ui import qt_guard as _qt_guard  # noqa: E402

_qt_guard.install()   # before any widget exists: see ui/qt_guard.py
