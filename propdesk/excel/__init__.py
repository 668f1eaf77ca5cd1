"""Excel (xlsx) import and export.

What the UI and the CLI call (each takes a session and an actor, like every service):

* :mod:`importer` — ``validate_workbook`` / ``preview_workbook`` (预检, writes nothing)
  and ``import_workbook`` (all or nothing; raises ``ValidationFailed`` whose problems
  are ``SheetProblem`` with ``sheet``, ``row`` and ``column``).  Needs MASTER_IMPORT.
* :mod:`template` — ``write_template(path)``: the empty template with its 说明 sheet.
* :mod:`export` — ``export_rooms`` / ``export_customers`` in the import layout.  MASTER_VIEW.
* :mod:`table_export` — ``write_table(path, title, headers, rows)`` for any table view.

Inside: :mod:`columns` describes every sheet and column once; :mod:`cells` parses
what Excel hands over; :mod:`reader` finds sheets, headers and rows; :mod:`plan`
checks rows against the file and the database; :mod:`sample` writes a realistic
sales-system export for tests and benchmarks.
"""
