"""Gate-card UI: the reader station (serial I/O on its own thread), the issuance and
card-operation dialogs, and the card list panel used by the room tab and the 门禁卡 screen."""
