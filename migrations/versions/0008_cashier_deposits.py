"""cashier takes card deposits (押金) in a payment and pays them back

A payment may now take card deposits beside bills: ``cashier_payment.deposit``
is the deposits it took (total = principal + late fee + deposit + top-up),
and each deposit is a receipt line of kind ``deposit`` whose ``note`` says
what it is held for (卡号 A1B2C3D4).  Bill lines are kind ``bill``.  Existing
rows are bills with no deposit.  Both tables are synchronised documents, so
their change capture is installed again for the new columns.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from propdesk.sync.capture import install_capture

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

TABLES = ("cashier_payment", "cashier_payment_line")


def upgrade() -> None:
    op.add_column("cashier_payment", sa.Column("deposit", sa.BigInteger(), nullable=False, server_default="0"))
    op.add_column("cashier_payment_line", sa.Column("kind", sa.String(length=8), nullable=False,
                                                    server_default="bill"))
    op.add_column("cashier_payment_line", sa.Column("note", sa.String(length=64), nullable=False,
                                                    server_default=""))
    for table in TABLES:
        install_capture(op, table)


def downgrade() -> None:
    with op.batch_alter_table("cashier_payment_line") as batch:
        batch.drop_column("note")
        batch.drop_column("kind")
    with op.batch_alter_table("cashier_payment") as batch:
        batch.drop_column("deposit")
    for table in TABLES:
        install_capture(op, table)
