"""The service desk (客服部/工程部): work orders, complaints, equipment, maintenance, stock.

Modules, each a set of plain service functions ``f(session, actor, ...)``:

* :mod:`.workorders`  报修/公区/保养工单: intake, dispatch, the state machine, materials, 回访
* :mod:`.workflow`    the allowed-transitions table of a work order (pure)
* :mod:`.charges`     有偿维修: the hand-over of a repair's charge to billing
* :mod:`.complaints`  投诉: intake, routing to a department, reply, completion
* :mod:`.equipment`   设备台账 and its maintenance/repair history
* :mod:`.maintenance` 保养计划: occurrences, ``generate_due``, the overdue list
* :mod:`.stock`       物料: items, 入库/领料/返库/冲销, 盘点, low-stock warning
* :mod:`.codes`       coded values and their Chinese labels
"""
