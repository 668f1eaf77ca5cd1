"""The front-desk cashier (收费台): services the UI, the CLI and tests share.

* :mod:`.numbering`  receipt/refund/shift numbers through the sync series guard
* :mod:`.billing_link` the only module that calls billing (outstanding, settle, reverse)
* :mod:`.payer`      the payer from a search hit, a room code, or a gate card (hook)
* :mod:`.verify`     verification codes (HMAC with the site key) and the QR text
* :mod:`.shifts`     open, close (交班/日结) and approve (收款审批) a shift
* :mod:`.payments`   outstanding lines of a payer, and collecting a payment
* :mod:`.corrections` reprint (补打), void (作废) and refund (退款)
* :mod:`.receipts`   a stored receipt as :class:`propdesk.receipts.data.ReceiptData`
* :mod:`.layouts`    the receipt layouts (收费单打印格式) stored as data
* :mod:`.dunning`    arrears notices (催缴通知单)
* :mod:`.reports`    the shift report (日收费明细表)
"""
