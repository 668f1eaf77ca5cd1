"""The fee engine: pure functions from inputs to bill lines, each with its formula.

No database, no Qt.  The services in :mod:`propdesk.services.billing` gather
inputs, call these functions and store the results.

* :mod:`.periods`  periods, cycles, the day-count rule for proration
* :mod:`.formula`  a safe Decimal expression language for custom formulas
* :mod:`.calc`     fee methods (area, fixed, tiered usage, formula, shared)
* :mod:`.meters`   usage from readings with rollover and replacement; checks
* :mod:`.latefee`  the late-fee rule
* :mod:`.offsets`  the order in which prepayments and payments meet bills
"""
