"""sync: outbox, clock, change feed, conflicts, capture triggers

Creates the tables of propdesk.models.sync on both databases, the terminal's
single sync_state row, and installs change capture (SQLite triggers) or the
append-only guards (PostgreSQL) on every synchronised table present.  It
depends on every migration that existed when it was written, so it runs after
them; later migrations call propdesk.sync.capture.install_capture themselves.

Revision ID: 0005
Revises: 0001
Depends on: 0002, 0003, 0004, 0006
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from propdesk.sync.capture import install_all, remove_all


revision = '0005'
down_revision = '0001'
branch_labels = None
depends_on = ('0002', '0003', '0004', '0006')


def _merge_heads_present_only() -> None:
    """Work around an alembic bookkeeping bug this revision's shape triggers.

    0005 revises 0001 and depends on its siblings so that it runs after them.
    When it is the last revision to run, alembic treats the step as a merge of
    the dependency heads and tries to delete 0001 -- an ancestor of those heads
    that is no longer in alembic_version -- and fails with KeyError('0001')
    after the migration itself has run (``RevisionStep.merge_branch_idents``
    lacks the ancestor filtering its twin ``_unmerge_to_revisions`` has).  The
    wrapper only changes a result that would crash: it drops revisions that
    are not current heads.
    """
    from alembic.runtime.migration import RevisionStep

    original = RevisionStep.merge_branch_idents
    if getattr(original, "_propdesk_fixed", False):
        return

    def merge_branch_idents(self, heads):
        delete_revs, update_from, update_to = original(self, heads)
        revs = [*delete_revs, update_from]
        if all(r in heads for r in revs):
            return delete_revs, update_from, update_to
        present = [r for r in revs if r in heads]
        return present[:-1], present[-1], update_to

    merge_branch_idents._propdesk_fixed = True
    RevisionStep.merge_branch_idents = merge_branch_idents


_merge_heads_present_only()


def upgrade() -> None:
    op.create_table('number_series',
    sa.Column('series', sa.String(length=64), nullable=False),
    sa.Column('last_value', sa.BigInteger(), nullable=False),
    sa.Column('floor', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('series', name=op.f('pk_number_series'))
    )
    op.create_table('sync_alarm',
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.String(length=32), nullable=False),
    sa.Column('change_id', sa.String(length=32), nullable=False),
    sa.Column('from_terminal', sa.String(length=16), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('message_en', sa.Text(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('estate_id', sa.Uuid(), nullable=True),
    sa.Column('acknowledged_by', sa.String(length=64), nullable=False),
    sa.Column('acknowledged_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_alarm'))
    )
    with op.batch_alter_table('sync_alarm', schema=None) as batch_op:
        batch_op.create_index('ix_sync_alarm_ack', ['acknowledged_at', 'created_at'], unique=False)

    op.create_table('sync_change',
    sa.Column('seq', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('change_id', sa.String(length=32), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.String(length=32), nullable=False),
    sa.Column('estate_id', sa.String(length=32), nullable=True),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.Column('hlc', sa.BigInteger(), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_sync_change')),
    sa.UniqueConstraint('change_id', name=op.f('uq_sync_change_change_id'))
    )
    with op.batch_alter_table('sync_change', schema=None) as batch_op:
        batch_op.create_index('ix_sync_change_row', ['table_name', 'row_id'], unique=False)

    op.create_table('sync_conflict',
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.String(length=32), nullable=False),
    sa.Column('column', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('kept_value', sa.Text(), nullable=False),
    sa.Column('lost_value', sa.Text(), nullable=False),
    sa.Column('kept_terminal', sa.String(length=16), nullable=False),
    sa.Column('lost_terminal', sa.String(length=16), nullable=False),
    sa.Column('kept_hlc', sa.BigInteger(), nullable=False),
    sa.Column('lost_hlc', sa.BigInteger(), nullable=False),
    sa.Column('other_row_id', sa.String(length=32), nullable=False),
    sa.Column('estate_id', sa.Uuid(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('resolved_by', sa.String(length=64), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('note', sa.String(length=256), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflict'))
    )
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.create_index('ix_sync_conflict_row', ['table_name', 'row_id'], unique=False)
        batch_op.create_index('ix_sync_conflict_status', ['status', 'created_at'], unique=False)

    op.create_table('sync_outbox',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('change_id', sa.String(length=32), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('op', sa.String(length=1), nullable=False),
    sa.Column('cols', sa.Text(), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('hlc', sa.BigInteger(), nullable=False),
    sa.Column('base', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_sync_outbox')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_outbox_row_id'), ['row_id'], unique=False)

    op.create_table('sync_rejected',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('change_id', sa.String(length=32), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('op', sa.String(length=1), nullable=False),
    sa.Column('cols', sa.Text(), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('hlc', sa.BigInteger(), nullable=False),
    sa.Column('base', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('rejected_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_sync_rejected'))
    )
    op.create_table('sync_series_high',
    sa.Column('series', sa.String(length=64), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('last_value', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('series', name=op.f('pk_sync_series_high'))
    )
    op.create_table('sync_skipped',
    sa.Column('seq', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('hlc', sa.BigInteger(), nullable=False),
    sa.Column('error', sa.Text(), nullable=False),
    sa.Column('skipped_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_sync_skipped'))
    )
    op.create_table('sync_state',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('hlc', sa.BigInteger(), nullable=False),
    sa.Column('pull_cursor', sa.BigInteger(), nullable=False),
    sa.Column('applying', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_state'))
    )
    op.create_table('sync_terminal',
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('install_id', sa.String(length=32), nullable=False),
    sa.Column('estates', sa.Text(), nullable=False),
    sa.Column('registered_at', sa.DateTime(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(), nullable=True),
    sa.Column('app_version', sa.String(length=32), nullable=False),
    sa.Column('schema', sa.String(length=128), nullable=False),
    sa.Column('pushed', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_sync_terminal'))
    )
    op.create_table('sync_version',
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.String(length=32), nullable=False),
    sa.Column('versions', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('table_name', 'row_id', name=op.f('pk_sync_version'))
    )
    op.execute("INSERT INTO sync_state (id, hlc, pull_cursor, applying) VALUES (1, 0, 0, 0)")
    install_all(op)


def downgrade() -> None:
    remove_all(op)
    op.drop_table('sync_version')
    op.drop_table('sync_terminal')
    op.drop_table('sync_state')
    op.drop_table('sync_skipped')
    op.drop_table('sync_series_high')
    op.drop_table('sync_rejected')
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_outbox_row_id'))

    op.drop_table('sync_outbox')
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.drop_index('ix_sync_conflict_status')
        batch_op.drop_index('ix_sync_conflict_row')

    op.drop_table('sync_conflict')
    with op.batch_alter_table('sync_change', schema=None) as batch_op:
        batch_op.drop_index('ix_sync_change_row')

    op.drop_table('sync_change')
    with op.batch_alter_table('sync_alarm', schema=None) as batch_op:
        batch_op.drop_index('ix_sync_alarm_ack')

    op.drop_table('sync_alarm')
    op.drop_table('number_series')
