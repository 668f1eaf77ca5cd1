"""Receipt rendering: the data a receipt shows, layouts as data, and two renderers.

* :mod:`.data`    what a receipt says (frozen dataclasses, no database)
* :mod:`.layout`  收费单打印格式: layouts stored as JSON, validated, with defaults
* :mod:`.escpos`  thermal 58/80 mm receipts through :mod:`drivers.escpos`
* :mod:`.pdf`     A4/A5 receipts (optionally 存根联/客户联/记账联) through reportlab
* :mod:`.documents` the shift report (日收费明细表) and dunning notices (催缴通知单)

Nothing here touches the database or Qt: services build a
:class:`~.data.ReceiptData`, renderers turn it into bytes.
"""
