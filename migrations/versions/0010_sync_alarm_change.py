"""index sync_alarm.change_id

The centre looks up every pushed batch's change ids among the alarms (a change
it refused once is refused again when a terminal retries it after a dropped
connection); without an index that is a scan of every alarm ever raised.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sync_alarm', schema=None) as batch_op:
        batch_op.create_index('ix_sync_alarm_change', ['change_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sync_alarm', schema=None) as batch_op:
        batch_op.drop_index('ix_sync_alarm_change')
