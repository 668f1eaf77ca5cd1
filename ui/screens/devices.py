"""终端设备: this terminal's receipt printer, card writer and meter bus.

Discover the serial ports, assign each role a port and its line settings
(stored per terminal, never synced: :mod:`propdesk.devices`), test each device
(test page / firmware and card UID / a meter reading) and watch every frame
on the line.  All device I/O runs on the port's worker thread
(:mod:`ui.devices.worker`); the window stays responsive when a device is
silent or unplugged, and the driver's message says what to check.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from propdesk import devices
from propdesk.devices import CardProbe, DeviceConfig, PortInfo
from propdesk.errors import ValidationFailed
from ui.devices.boxes import BOXES, BoxGrid, CardBox, DeviceBox, MeterBox
from ui.devices.widgets import BUSY, ERROR, OK, UNKNOWN, FrameLogView
from ui.devices.worker import DeviceHub, DevicePoll, PortWorker, error_message
from ui.i18n import error_text, label, tr, tr_noop, translated
from ui.tasks import Changes
from ui.widgets.base import Screen
from ui.widgets.table import Column, RowTableModel, TableView

QUANTITIES = {"energy": tr_noop("正向有功总电能"), "total_energy": tr_noop("总电能"),
              "volume": tr_noop("累计流量"), "heat": tr_noop("累计热量")}


# What propdesk.devices.serial_ports says about ports it did not find in the system's list.
PORT_NOTES = {"网络串口": tr_noop("网络串口"), "不在系统串口列表中": tr_noop("不在系统串口列表中"),
              "未找到（未连接？）": tr_noop("未找到（未连接？）")}


def _roles_text(p: PortInfo) -> str:
    return "、".join(label(devices.ROLES, r) for r in p.roles)


def _presence(p: PortInfo) -> str:
    if p.present is None:
        return tr("网络端口")
    return tr("可用") if p.present else tr("未找到")


PORT_COLUMNS = [
    Column(tr_noop("端口"), lambda p: p.port, width=170),
    Column(tr_noop("说明"), lambda p: translated(PORT_NOTES[p.description]) if p.description in PORT_NOTES
           else p.description, width=260),
    Column(tr_noop("硬件标识"), lambda p: p.hwid, width=260),
    Column(tr_noop("用途"), _roles_text, width=150),
    Column(tr_noop("状态"), _presence, width=80),
]


class DevicesScreen(Screen):
    def __init__(self, ctx, parent: QWidget | None = None, *, hub: DeviceHub | None = None) -> None:
        super().__init__(ctx, parent)
        self.hub = hub or DeviceHub.instance()
        self.boxes: dict[str, DeviceBox] = {role: cls() for role, cls in BOXES.items()}
        self.ports: list[PortInfo] = []
        self.jobs: dict[str, Any] = {}            # role -> the DeviceJob under way
        self.watch: DevicePoll | None = None
        self._watched: set[int] = set()           # workers whose frames reach the log
        self._last_uid: str | None = None

        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        head = QVBoxLayout()
        head.setSpacing(2)
        head.addWidget(self.title)
        head.addWidget(self.hint)

        self.ports_title = QLabel()
        self.ports_title.setObjectName("sectionTitle")
        self.ports_note = QLabel()
        self.ports_note.setObjectName("muted")
        self.ports_note.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("refreshPorts")
        self.port_model = RowTableModel(PORT_COLUMNS, parent=self)
        self.port_table = TableView(export_title=tr_noop("本机串口"))
        self.port_table.setModel(self.port_model)
        self.port_table.set_context(ctx)
        self.port_table.setObjectName("portTable")
        self.port_table.setMinimumHeight(84)
        self.port_table.setMaximumHeight(124)
        # as tall as its ports (within those bounds), so the screen fits a 768-pixel window
        self.port_table.setSizeAdjustPolicy(TableView.SizeAdjustPolicy.AdjustToContents)
        ports_head = QHBoxLayout()
        ports_head.addWidget(self.ports_title)
        ports_head.addSpacing(8)
        ports_head.addWidget(self.ports_note, 1)
        ports_head.addWidget(self.refresh_button)

        self.box_grid = BoxGrid(self.boxes["printer"], self.boxes["card"], self.boxes["meter"])

        top = QWidget()
        top_box = QVBoxLayout(top)
        top_box.setContentsMargins(0, 0, 0, 0)
        top_box.setSpacing(8)
        top_box.addLayout(ports_head)
        top_box.addWidget(self.port_table)
        top_box.addSpacing(4)
        top_box.addWidget(self.box_grid)

        self.log = FrameLogView()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(self.log)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addWidget(splitter, 1)

        self.refresh_button.clicked.connect(self.refresh_ports)
        for box in self.boxes.values():
            box.save_clicked.connect(self.save)
            box.test_clicked.connect(self.test)
            box.edited.connect(self._box_edited)
        self.card_box.watch_button.toggled.connect(self._watch_toggled)
        self.meter_box.address.setText(str(ctx.settings.qs.value("devices/meter_address", "") or ""))
        self.hub.worker_created.connect(self._follow)
        for w in self.hub.workers():
            self._follow(w)
        self.retranslate()
        self.load_settings()
        self.refresh_ports()

    @property
    def card_box(self) -> CardBox:
        return self.boxes["card"]          # type: ignore[return-value]

    @property
    def meter_box(self) -> MeterBox:
        return self.boxes["meter"]         # type: ignore[return-value]

    # -- texts -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(tr("终端设备"))
        self.hint.setText(tr("本机（终端 {terminal}）的收据打印机、发卡器和抄表总线。这些设置只保存在这台电脑上，"
                             "不会同步到其他终端。").format(terminal=self.ctx.terminal))
        self.ports_title.setText(tr("本机串口"))
        self.ports_note.setText(tr("网络串口服务器不在列表中：在端口栏直接输入 socket://主机:端口 或 rfc2217://主机:端口"))
        self.refresh_button.setText(tr("刷新"))
        self.port_model.retranslate()

    def activated(self) -> None:
        self.refresh_ports()

    def can_leave(self) -> bool:
        return True   # unsaved settings stay in the form; nothing is lost by switching screens

    def current_table(self):
        return self.port_table

    # -- settings ---------------------------------------------------------------------------
    def load_settings(self) -> None:
        self.ctx.tasks.read(lambda s: {role: devices.load_in(s, role) for role in devices.ROLES},
                            parent=self, key="devices.load").success(self._loaded).run()

    def _loaded(self, configs: dict[str, DeviceConfig]) -> None:
        for role, cfg in configs.items():
            self.boxes[role].set_config(cfg)
        self._update_port_roles()

    def save(self, role: str) -> None:
        box = self.boxes[role]
        cfg = box.config()
        found = devices.problems(cfg)
        if found:
            box.set_state(box.state, "\n".join(p.zh if self.ctx.language != "en" else p.en for _, p in found))
            return
        actor = self.ctx.actor

        def saved(result: DeviceConfig) -> None:
            box.set_config(result)
            box.result.setStyleSheet("color: #1E7F4F;")
            box.result.setText(tr("已保存：{what}").format(what=self._describe(result)))
            self._update_port_roles()

        def refused(exc: BaseException) -> None:
            box.result.setStyleSheet("color: #C0392B;")
            box.result.setText(error_text(exc))

        self.ctx.tasks.write(lambda s: devices.save(s, actor, cfg), parent=self,
                             changes=Changes.of(entities={"local_setting"})) \
            .success(saved).failure(refused).run()

    def _describe(self, cfg: DeviceConfig) -> str:
        return f"{cfg.port or tr('未设置端口')}  {cfg.line()}"

    def _box_edited(self, role: str) -> None:
        if role == "card" and self.watch is not None:
            self.card_box.watch_button.setChecked(False)   # the watch ran with the old settings

    # -- ports ------------------------------------------------------------------------------
    def refresh_ports(self) -> None:
        self.refresh_button.setEnabled(False)
        configured = {role: box.saved for role, box in self.boxes.items()}
        self.ctx.tasks.background(lambda: devices.serial_ports(configured), parent=self) \
            .success(self._ports_found) \
            .finally_(lambda: self.refresh_button.setEnabled(True)).run()

    def _ports_found(self, ports: list[PortInfo]) -> None:
        self.ports = ports
        self.port_model.set_rows(ports)
        choices = [(p.port, p.description) for p in ports if p.present is not False]
        for box in self.boxes.values():
            box.port.set_choices(choices)

    def _update_port_roles(self) -> None:
        configured = {role: box.saved for role, box in self.boxes.items()}
        for p in self.ports:
            p.roles = [r for r, c in configured.items() if c.configured and devices.same_port(c.port, p.port)]
        known = {p.port for p in self.ports}
        for role, cfg in configured.items():
            if cfg.configured and cfg.port not in known:
                self.refresh_ports()
                return
        self.port_model.set_rows(self.ports)

    # -- tests ------------------------------------------------------------------------------
    def _usable(self, box: DeviceBox) -> DeviceConfig | None:
        cfg = box.config()
        if not cfg.configured:
            box.set_state(ERROR, tr("请先选择或输入端口"))
            return None
        found = devices.problems(cfg)
        if found:
            box.set_state(ERROR, "\n".join(p.en if self.ctx.language == "en" else p.zh for _, p in found))
            return None
        return cfg

    def worker_for(self, cfg: DeviceConfig) -> PortWorker:
        w = self.hub.worker(cfg.port)
        self._follow(w)
        return w

    def test(self, role: str) -> None:
        box = self.boxes[role]
        if role in self.jobs:
            return
        cfg = self._usable(box)
        if cfg is None:
            return
        work: Callable[[Any], Any]
        if role == "printer":
            terminal = self.ctx.terminal
            work = lambda printer: devices.print_test_page(printer, terminal=terminal)  # noqa: E731
            busy = tr("正在打印测试页…")
        elif role == "card":
            if self.watch is not None:
                self.card_box.watch_button.setChecked(False)
            work = devices.probe_card
            busy = tr("正在读取发卡器…")
        else:
            try:
                address = devices.check_address(cfg.protocol, self.meter_box.address.text())
            except ValidationFailed as exc:
                box.set_state(ERROR, error_text(exc))
                return
            self.ctx.settings.qs.setValue("devices/meter_address", address)
            work = lambda bus: devices.read_meter(bus, address)  # noqa: E731
            busy = tr("正在读表 {address}…").format(address=address)
        box.set_state(BUSY, busy)
        job = self.worker_for(cfg).submit(cfg, work, parent=self, label=f"test {role}")
        self.jobs[role] = job
        job.success(lambda result: self._tested(role, cfg, result)) \
           .failure(lambda exc: self._failed(role, cfg, exc)) \
           .finally_(lambda: self.jobs.pop(role, None))

    def _tested(self, role: str, cfg: DeviceConfig, result: Any) -> None:
        box = self.boxes[role]
        if role == "printer":
            text = tr("测试页已发送到 {port}，请核对打印效果。").format(port=cfg.port)
            if result is not None and result.paper_near_end:
                text += "\n" + tr("注意：纸将用尽，请准备新纸卷。")
        elif role == "card":
            text = self._card_text(result)
        else:
            what = translated(QUANTITIES.get(result.quantity, result.quantity))
            text = tr("表 {address}  {what}：{value} {unit}").format(
                address=result.address, what=what, value=result.value, unit=result.unit)
        box.set_state(OK, text)
        self.log.add_note(label(devices.ROLES, role), cfg.port, text.replace("\n", " "))

    def _card_text(self, probe: CardProbe) -> str:
        text = tr("固件版本：{firmware}").format(firmware=probe.firmware)
        if probe.uid:
            return text + "\n" + tr("卡号：{uid}（{kind}）").format(uid=probe.uid, kind=probe.card_type)
        return text + "\n" + tr("读卡区没有卡片：放上一张卡再测试可读出卡号。")

    def _failed(self, role: str, cfg: DeviceConfig, exc: BaseException) -> None:
        from drivers.errors import PortNotFound

        message = error_message(exc)
        self.boxes[role].set_state(ERROR, message)
        self.log.add_note(label(devices.ROLES, role), cfg.port, message, error=True)
        if isinstance(exc, PortNotFound) and any(p.present and devices.same_port(p.port, cfg.port)
                                                 for p in self.ports):
            self.refresh_ports()      # the port list should show it gone

    # -- card watch (polling on the port thread) -------------------------------------------
    def _watch_toggled(self, on: bool) -> None:
        box = self.card_box
        box.retranslate_role()
        if self.watch is not None:
            self.watch.stop()
            self.watch = None
            if not on and box.state == BUSY:
                box.set_state(UNKNOWN, "")
        if not on:
            return
        cfg = self._usable(box)
        if cfg is None:
            box.watch_button.setChecked(False)
            return
        self._last_uid = None
        box.set_state(BUSY, tr("正在寻卡，请把卡放在读卡区…"))
        self.watch = self.worker_for(cfg).poll(cfg, devices.watch_card, interval_ms=600, owner=self)
        self.watch.result.connect(self._card_seen)
        self.watch.failed.connect(lambda exc: self._failed("card", cfg, exc))

    def _card_seen(self, uid: str) -> None:
        if uid == self._last_uid and self.card_box.state != ERROR:
            return
        self._last_uid = uid
        text = tr("卡号：{uid}").format(uid=uid) if uid else tr("读卡区没有卡片")
        self.card_box.set_state(OK, text)
        self.card_box.test_button.setEnabled(True)

    # -- the frame log -----------------------------------------------------------------------
    def _follow(self, worker: PortWorker) -> None:
        if id(worker) in self._watched:
            return
        self._watched.add(id(worker))
        worker.frame.connect(self._frame)

    def _frame(self, port: str, direction: str, data: bytes, when: float) -> None:
        device = next((label(devices.ROLES, role) for role, box in self.boxes.items()
                       if devices.same_port(box.port.port(), port)), "")
        self.log.add_frame(device, port, direction, bytes(data), when)

