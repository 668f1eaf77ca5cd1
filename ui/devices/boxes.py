"""One card per device role on the device panel: its settings, a status light, save and test."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QFrame, QGridLayout, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from propdesk import devices
from propdesk.devices import DeviceConfig
from ui.devices.widgets import BUSY, ERROR, OK, UNKNOWN, PortCombo, StatusLight, state_text
from ui.i18n import label, tr, tr_noop, translated
from ui.widgets.base import Retranslatable
from ui.widgets.fields import EnumCombo

# Labels kept in propdesk.devices under integer keys, declared here for the translators.
_CODE_LABELS = (tr_noop("冷水表"), tr_noop("生活热水表"), tr_noop("直饮水表"), tr_noop("中水表"),
                tr_noop("热量表"), tr_noop("燃气表"), tr_noop("58 mm（32 列）"), tr_noop("80 mm（48 列）"))


class DeviceBox(Retranslatable, QFrame):
    """Settings and test of one role; the screen does the saving and the I/O."""

    save_clicked = Signal(str)      # role
    test_clicked = Signal(str)      # role
    edited = Signal(str)            # role: a field changed

    role = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.base = devices.defaults(self.role)
        self.saved = self.base
        self.state = UNKNOWN
        self._filling = False

        self.light = StatusLight()
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.state_label = QLabel()
        self.state_label.setObjectName("muted")
        self.dirty_label = QLabel()
        self.dirty_label.setObjectName("dirtyMark")
        self.dirty_label.setStyleSheet("color: #B7791F;")
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(self.light)
        head.addWidget(self.title)
        head.addWidget(self.state_label)
        head.addStretch(1)
        head.addWidget(self.dirty_label)

        self.port = PortCombo()
        self.port.setObjectName(f"{self.role}Port")
        self.baud = QComboBox()
        self.baud.setEditable(True)
        self.baud.setValidator(QIntValidator(50, 4_000_000, self))
        for rate in devices.BAUD_RATES:
            self.baud.addItem(str(rate))
        shrinkable(self.baud, 92)
        self.parity = shrinkable(EnumCombo(devices.PARITIES), 72)
        self.timeout = QDoubleSpinBox()
        self.timeout.setRange(0.1, 30.0)
        self.timeout.setSingleStep(0.1)
        self.timeout.setDecimals(1)
        shrinkable(self.timeout, 72)

        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setHorizontalSpacing(10)
        self.form.setVerticalSpacing(6)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.port_label, self.line_label = QLabel(), QLabel()
        self.form.addRow(self.port_label, self.port)
        self.add_role_rows_before_line()
        self.form.addRow(self.line_label, side_by_side(self.baud, self.parity, self.timeout, stretch=(4, 4, 3)))
        self.add_role_rows()

        self.save_button = QPushButton()
        self.save_button.setObjectName(f"{self.role}Save")
        self.test_button = QPushButton()
        self.test_button.setObjectName(f"{self.role}Test")
        self.test_button.setDefault(False)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.save_button)
        self.buttons.addStretch(1)
        self.add_role_buttons()
        self.buttons.addWidget(self.test_button)

        self.result = QLabel()
        self.result.setObjectName("deviceResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setMinimumHeight(40)
        self.result.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        box = QVBoxLayout(self)
        box.setContentsMargins(14, 10, 14, 10)
        box.setSpacing(8)
        box.addLayout(head)
        box.addLayout(self.form)
        box.addStretch(1)
        box.addWidget(self.result)
        box.addLayout(self.buttons)

        self.save_button.clicked.connect(lambda: self.save_clicked.emit(self.role))
        self.test_button.clicked.connect(lambda: self.test_clicked.emit(self.role))
        for signal in (self.port.editTextChanged, self.baud.editTextChanged, self.parity.currentIndexChanged,
                       self.timeout.valueChanged):
            signal.connect(self._edited)
        self.set_config(self.base)
        self.retranslate()

    # -- per role ------------------------------------------------------------------------
    def add_role_rows_before_line(self) -> None:
        pass

    def add_role_rows(self) -> None:
        pass

    def add_role_buttons(self) -> None:
        pass

    def fill_role(self, cfg: DeviceConfig) -> None:
        pass

    def role_changes(self) -> dict:
        return {}

    def retranslate_role(self) -> None:
        pass

    # -- texts ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(label(devices.ROLES, self.role))
        self.port_label.setText(tr("端口"))
        self.port.lineEdit().setPlaceholderText(tr("COM3、/dev/ttyUSB0 或 socket://主机:端口"))
        self.port.setToolTip(tr("选择本机串口，或输入网络串口服务器地址，如 socket://192.168.1.50:4001"))
        self.line_label.setText(tr("通信参数"))
        self.line_label.setToolTip(tr("波特率、校验位（数据位 8、停止位 1）和应答超时，须与设备一致"))
        self.baud.setToolTip(tr("波特率"))
        self.parity.setToolTip(tr("校验位"))
        self.timeout.setToolTip(tr("应答超时：发出请求后等待设备回答的时间"))
        self.timeout.setSuffix(tr(" 秒"))
        self.save_button.setText(tr("保存设置"))
        self.state_label.setText(state_text(self.state))
        self.dirty_label.setText(tr("未保存") if self.dirty else "")
        self.retranslate_role()

    # -- values --------------------------------------------------------------------------
    def config(self) -> DeviceConfig:
        """The settings as the form shows them (not yet validated)."""
        text = self.baud.currentText().strip()
        return self.base.with_changes(
            port=self.port.port(), baudrate=int(text) if text.isdigit() else 0,
            parity=self.parity.code() or "N", timeout=round(self.timeout.value(), 1),
            **self.role_changes())

    def set_config(self, cfg: DeviceConfig, *, saved: bool = True) -> None:
        self._filling = True
        try:
            self.base = cfg
            if saved:
                self.saved = cfg
            self.port.set_port(cfg.port)
            self.baud.setEditText(str(cfg.baudrate))
            self.parity.set_code(cfg.parity)
            self.timeout.setValue(float(cfg.timeout))
            self.fill_role(cfg)
        finally:
            self._filling = False
        self._edited()

    @property
    def dirty(self) -> bool:
        return self.config() != self.saved

    def _edited(self, *_args) -> None:
        if self._filling:
            return
        self.dirty_label.setText(tr("未保存") if self.dirty else "")
        self.save_button.setEnabled(self.dirty)
        self.edited.emit(self.role)

    # -- state ---------------------------------------------------------------------------
    def set_state(self, state: str, message: str = "") -> None:
        self.state = state
        self.light.set_state(state)
        self.light.setToolTip(state_text(state))
        self.state_label.setText(state_text(state))
        color = {ERROR: "#C0392B", OK: "#1E7F4F"}.get(state, "#52606D")
        self.result.setStyleSheet(f"color: {color};")
        self.result.setText(message)
        self.test_button.setEnabled(state != BUSY)


class PrinterBox(DeviceBox):
    role = "printer"

    def add_role_rows(self) -> None:
        self.columns = shrinkable(QComboBox(), 110)
        for cols, name in devices.PAPER_WIDTHS.items():
            self.columns.addItem(translated(name), cols)
        self.encoding = shrinkable(QComboBox(), 76)
        for enc in devices.ENCODINGS:
            self.encoding.addItem(enc.upper(), enc)
        self.check_status = QCheckBox()
        self.paper_label = QLabel()
        self.form.addRow(self.paper_label, side_by_side(self.columns, self.encoding, stretch=(3, 2)))
        self.form.addRow("", self.check_status)
        self.columns.currentIndexChanged.connect(self._edited)
        self.encoding.currentIndexChanged.connect(self._edited)
        self.check_status.toggled.connect(self._edited)

    def fill_role(self, cfg: DeviceConfig) -> None:
        self.columns.setCurrentIndex(max(0, self.columns.findData(cfg.columns)))
        self.encoding.setCurrentIndex(max(0, self.encoding.findData(cfg.encoding)))
        self.check_status.setChecked(cfg.check_status)

    def role_changes(self) -> dict:
        return {"columns": self.columns.currentData(), "encoding": self.encoding.currentData(),
                "check_status": self.check_status.isChecked()}

    def retranslate_role(self) -> None:
        for i in range(self.columns.count()):
            self.columns.setItemText(i, translated(devices.PAPER_WIDTHS[self.columns.itemData(i)]))
        self.paper_label.setText(tr("纸宽/编码"))
        self.columns.setToolTip(tr("纸宽：58 mm 纸每行 32 个字符，80 mm 纸每行 48 个字符"))
        self.encoding.setToolTip(tr("中文编码：国产热敏打印机一般为 GBK"))
        self.check_status.setText(tr("打印前查询打印机状态（缺纸、开盖）"))
        self.check_status.setToolTip(tr("不支持 DLE EOT 状态查询的打印机请取消勾选"))
        self.test_button.setText(tr("打印测试页"))


class CardBox(DeviceBox):
    role = "card"

    def add_role_buttons(self) -> None:
        self.watch_button = QPushButton()
        self.watch_button.setObjectName("cardWatch")
        self.watch_button.setCheckable(True)
        self.buttons.addWidget(self.watch_button)

    def retranslate_role(self) -> None:
        self.test_button.setText(tr("读卡测试"))
        self.test_button.setToolTip(tr("读出发卡器固件版本，并读取读卡区上卡片的卡号"))
        self.watch_button.setText(tr("停止寻卡") if self.watch_button.isChecked() else tr("持续寻卡"))
        self.watch_button.setToolTip(tr("每隔一会儿寻卡一次，放上或拿开卡片时显示变化"))


class MeterBox(DeviceBox):
    role = "meter"
    protocol_changed = Signal(str)

    def add_role_rows_before_line(self) -> None:
        self.protocol = shrinkable(EnumCombo(devices.METER_PROTOCOLS), 140)
        self.protocol.setObjectName("meterProtocol")
        self.preset = shrinkable(QComboBox(), 140)
        self.preset.setObjectName("meterPreset")
        for name in devices.preset_names():
            self.preset.addItem(name, name)
        self.meter_type = shrinkable(QComboBox(), 140)
        for code, name in devices.METER_TYPES.items():
            self.meter_type.addItem(f"{code:02X} {translated(name)}", code)
        self.protocol_label, self.preset_label, self.meter_type_label = QLabel(), QLabel(), QLabel()
        self.form.addRow(self.protocol_label, self.protocol)
        self.form.addRow(self.preset_label, self.preset)
        self.form.addRow(self.meter_type_label, self.meter_type)
        self.protocol.currentIndexChanged.connect(self._protocol_picked)
        self.preset.currentIndexChanged.connect(self._edited)
        self.meter_type.currentIndexChanged.connect(self._edited)

    def add_role_rows(self) -> None:
        self.address = QLineEdit()
        self.address.setObjectName("meterAddress")
        self.address_label = QLabel()
        self.form.addRow(self.address_label, self.address)
        self.address.returnPressed.connect(lambda: self.test_clicked.emit(self.role))

    def _protocol_picked(self, *_args) -> None:
        """A new protocol brings its usual line settings (DL/T 645 2400 8E1, Modbus 9600 8N1 …)."""
        self._show_rows()
        if self._filling:
            return
        code = self.protocol.code()
        d = devices.defaults("meter", code)
        self.set_config(self.config().with_changes(protocol=code, preset=d.preset or self.preset.currentData(),
                                                   baudrate=d.baudrate, parity=d.parity, bytesize=d.bytesize,
                                                   stopbits=d.stopbits),
                        saved=False)
        self.protocol_changed.emit(code)

    def _show_rows(self) -> None:
        code = self.protocol.code()
        self.form.setRowVisible(self.preset, code == "modbus")
        self.form.setRowVisible(self.meter_type, code == "cjt188")

    def fill_role(self, cfg: DeviceConfig) -> None:
        self.protocol.set_code(cfg.protocol or "dlt645")
        self.preset.setCurrentIndex(max(0, self.preset.findData(cfg.preset or "eastron_sdm")))
        self.meter_type.setCurrentIndex(max(0, self.meter_type.findData(cfg.meter_type)))
        self._show_rows()

    def role_changes(self) -> dict:
        code = self.protocol.code() or "dlt645"
        return {"protocol": code, "preset": self.preset.currentData() if code == "modbus" else "",
                "meter_type": self.meter_type.currentData()}

    def retranslate_role(self) -> None:
        self.protocol_label.setText(tr("表计协议"))
        self.preset_label.setText(tr("电表型号"))
        self.meter_type_label.setText(tr("表类型"))
        for i in range(self.meter_type.count()):
            code = self.meter_type.itemData(i)
            self.meter_type.setItemText(i, f"{code:02X} {translated(devices.METER_TYPES[code])}")
        self.address_label.setText(tr("测试表地址"))
        self.address.setPlaceholderText(tr("如 123456789012；Modbus 填 1–247"))
        self.test_button.setText(tr("读表"))


def side_by_side(*widgets: QWidget, stretch: tuple[int, ...] = ()) -> QWidget:
    """Several fields on one form row (keeps the cards short on a 768-pixel screen)."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(6)
    for i, w in enumerate(widgets):
        row.addWidget(w, stretch[i] if i < len(stretch) else 1)
    return holder


def shrinkable(widget: QWidget, width: int) -> QWidget:
    """Let a field with long item texts shrink to ``width`` pixels (a combo's list still
    shows its items in full), so three cards fit side by side on a 1366-pixel screen."""
    if isinstance(widget, QComboBox):
        widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        widget.setMinimumContentsLength(3)
    widget.setMinimumWidth(width)
    return widget


BOXES: dict[str, type[DeviceBox]] = {"printer": PrinterBox, "card": CardBox, "meter": MeterBox}


class BoxGrid(QWidget):
    """The three device cards: side by side when they fit, else the printer above the
    card writer beside the (tallest) meter bus card, so the screen fits a 1024×768 window.

    Its minimum width is the narrow arrangement's; it switches on every resize (and when
    a card's size hint changes, e.g. on a language change)."""

    def __init__(self, printer: QWidget, card: QWidget, meter: QWidget, parent: QWidget | None = None,
                 *, spacing: int = 12) -> None:
        super().__init__(parent)
        self.printer, self.card, self.meter = printer, card, meter
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(spacing)
        self.wide: bool | None = None
        self._arrange(True)

    def _widths(self) -> tuple[int, int]:
        """(side by side, stacked) minimum widths."""
        p, c, m = (w.minimumSizeHint().width() for w in (self.printer, self.card, self.meter))
        gap = self.grid.spacing()
        return p + c + m + 2 * gap, max(p, c) + m + gap

    def _arrange(self, wide: bool) -> None:
        if wide == self.wide:
            return
        self.wide = wide
        for w in (self.printer, self.card, self.meter):
            self.grid.removeWidget(w)
        for col in range(3):
            self.grid.setColumnStretch(col, 0)
        for row in range(2):
            self.grid.setRowStretch(row, 0)
        if wide:
            for col, w in enumerate((self.printer, self.card, self.meter)):
                self.grid.addWidget(w, 0, col)
                self.grid.setColumnStretch(col, 1)
        else:
            self.grid.addWidget(self.printer, 0, 0)
            self.grid.addWidget(self.card, 1, 0)
            self.grid.addWidget(self.meter, 0, 1, 2, 1)
            self.grid.setColumnStretch(0, 1)
            self.grid.setColumnStretch(1, 1)
            self.grid.setRowStretch(1, 1)
        self.updateGeometry()

    def _fit(self) -> None:
        self._arrange(self.width() >= self._widths()[0])

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._widths()[1], self.grid.minimumSize().height())

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSizeHint().expandedTo(QSize(self._widths()[0], 0))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:   # a card's size hint changed
            self._fit()
        return super().event(event)
