"""Billing services: plain functions ``f(session, actor, ...)`` over the fee engine.

* :mod:`.catalog`  fee items, standards and dated versions, assignment rules, discounts
* :mod:`.meters`   meters, readings (grid, Excel import, devices), replacement
* :mod:`.run`      bill runs: preview and idempotent commit
* :mod:`.ledger`   outstanding items, settlement, prepayments, deposits,
                   adjustments, waivers, late fees, the ledger check —
                   the API of the cashier (see that module's docstring)
* :mod:`.close`    month-end close
* :mod:`.opening`  opening balances from Excel
"""
