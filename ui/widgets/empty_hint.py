"""A grey hint in the middle of an empty list or table: what to do to fill it.

``EmptyHint(view)`` lays a mouse-transparent label over the view's viewport and
shows it while the model has no rows and the hint has a text.  The screen owns
the wording (it knows what the user can do next) and sets it with
``set_text(tr("…"))``, again in its ``retranslate``; an empty text hides the
hint (still loading, nothing useful to say).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel


class EmptyHint(QObject):
    def __init__(self, view: QAbstractItemView, text: str = "") -> None:
        super().__init__(view)
        self.view = view
        self.label = QLabel(view.viewport())
        self.label.setObjectName("emptyHint")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.setStyleSheet("color:#8a8f98; font-size:14px; padding:4px 16px; background:transparent;")
        self.label.setText(text)
        self._model = None
        view.viewport().installEventFilter(self)
        self._watch()
        self.update()

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self.update()

    def text(self) -> str:
        return self.label.text()

    def showing(self) -> bool:
        """Whether the hint is up (tests: independent of the window being shown)."""
        return not self.label.isHidden()

    def update(self, *_args) -> None:
        self._watch()
        model = self.view.model()
        empty = model is None or model.rowCount() == 0
        self.label.setVisible(empty and bool(self.label.text()))
        self.label.setGeometry(self.view.viewport().rect())

    def _watch(self) -> None:
        """Follow the view's current model (a view may get its model after the hint)."""
        model = self.view.model()
        if model is self._model:
            return
        if self._model is not None:
            for sig in self._signals(self._model):
                try:
                    sig.disconnect(self.update)
                except (RuntimeError, TypeError):
                    pass
        self._model = model
        if model is not None:
            for sig in self._signals(model):
                sig.connect(self.update)

    @staticmethod
    def _signals(model):
        return (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.label.setGeometry(self.view.viewport().rect())
        return False
