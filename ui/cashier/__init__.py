"""The cashier's widgets (收费台): lines table, tenders, authorization dialogs, printing."""
