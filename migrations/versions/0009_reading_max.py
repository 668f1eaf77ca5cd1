"""each meter reading keeps the maximum of the register it was read on

``meter_reading.max_reading`` (integer thousandths, like ``meter.max_reading``):
a 换表 may bring a register with another maximum, and a period before it must
keep counting its rollover with the old one.  Existing readings stay NULL,
which means the meter's own maximum, as before.  The table is synchronised,
so its change capture is installed again for the new column.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from propdesk.sync.capture import install_capture

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("meter_reading", sa.Column("max_reading", sa.BigInteger(), nullable=True))
    install_capture(op, "meter_reading")


def downgrade() -> None:
    with op.batch_alter_table("meter_reading") as batch:
        batch.drop_column("max_reading")
    install_capture(op, "meter_reading")
