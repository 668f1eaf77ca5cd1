"""billing: fee items, standards, assignments, discounts, meters, bill lines, ledger

Money columns are integer fen and other decimals scaled integers (BigInteger):
areas and readings per propdesk.models.types.Scaled.  No balance columns: every
balance is summed from ledger_entry.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

# Default fee items for a new database.  Ids are deterministic (uuid5 of the code
# in the namespace propdesk.services.billing.common.SEED_NAMESPACE), so terminals
# that create their databases independently hold the same rows and sync cleanly.
SEED_NAMESPACE = uuid.UUID("6f1c2a52-6a3e-4f0e-9c55-2b7f0d6b1a10")
DEFAULT_FEE_ITEMS = [
    ("MGMT", "物业管理费", "periodic"), ("ELEV", "电梯费", "periodic"),
    ("WSUP", "二次供水费", "periodic"), ("GARB", "垃圾清运费", "periodic"),
    ("PUBU", "公摊水电费", "metered"), ("WATER", "水费", "metered"),
    ("ELEC", "电费", "metered"), ("GAS", "燃气费", "metered"),
    ("HEAT", "取暖费", "periodic"), ("PARK", "车位管理费", "periodic"),
    ("DECO", "装修保证金", "deposit"), ("FUND", "维修基金", "collection"),
    ("RENT", "租金", "periodic"), ("SERV", "有偿服务费", "temporary"),
]


def _seed_fee_items() -> None:
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    table = sa.table(
        "fee_item", sa.column("id", sa.Uuid()), sa.column("code", sa.String()),
        sa.column("name", sa.String()), sa.column("kind", sa.String()),
        sa.column("sort_key", sa.Integer()), sa.column("active", sa.Boolean()),
        sa.column("note", sa.Text()), sa.column("created_at", sa.DateTime()),
        sa.column("updated_at", sa.DateTime()), sa.column("terminal", sa.String()),
        sa.column("deleted_at", sa.DateTime()))
    op.bulk_insert(table, [
        dict(id=uuid.uuid5(SEED_NAMESPACE, f"fee_item:{code}"), code=code, name=name, kind=kind,
             sort_key=i * 10, active=True, note="", created_at=now, updated_at=now, terminal="",
             deleted_at=None)
        for i, (code, name, kind) in enumerate(DEFAULT_FEE_ITEMS, start=1)])


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('balance_import',
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.String(length=256), nullable=False),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('debt_total', sa.BigInteger(), nullable=False),
    sa.Column('prepaid_total', sa.BigInteger(), nullable=False),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_balance_import')),
    sa.UniqueConstraint('file_sha256', name=op.f('uq_balance_import_file_sha256'))
    )
    op.create_table('bill_run',
    sa.Column('bill_period', sa.String(length=7), nullable=False),
    sa.Column('post_period', sa.String(length=7), nullable=False),
    sa.Column('scope_kind', sa.String(length=16), nullable=False),
    sa.Column('scope_id', sa.Uuid(), nullable=True),
    sa.Column('scope_label', sa.String(length=128), nullable=False),
    sa.Column('line_count', sa.Integer(), nullable=False),
    sa.Column('adjustment_count', sa.Integer(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bill_run'))
    )
    with op.batch_alter_table('bill_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bill_run_bill_period'), ['bill_period'], unique=False)

    op.create_table('fee_item',
    sa.Column('code', sa.String(length=24), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('sort_key', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_item')),
    sa.UniqueConstraint('code', name=op.f('uq_fee_item_code'))
    )
    op.create_table('discount_rule',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('fee_item_id', sa.Uuid(), nullable=True),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.Column('months_paid', sa.Integer(), nullable=False),
    sa.Column('months_free', sa.Integer(), nullable=False),
    sa.Column('scope_kind', sa.String(length=16), nullable=False),
    sa.Column('scope_id', sa.Uuid(), nullable=True),
    sa.Column('start_period', sa.String(length=7), nullable=False),
    sa.Column('end_period', sa.String(length=7), nullable=True),
    sa.Column('reason', sa.String(length=256), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['fee_item_id'], ['fee_item.id'], name=op.f('fk_discount_rule_fee_item_id_fee_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_discount_rule'))
    )
    op.create_table('fee_standard',
    sa.Column('code', sa.String(length=24), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('fee_item_id', sa.Uuid(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('target', sa.String(length=8), nullable=False),
    sa.Column('bill_to', sa.String(length=8), nullable=False),
    sa.Column('cycle_months', sa.Integer(), nullable=False),
    sa.Column('anchor_month', sa.Integer(), nullable=False),
    sa.Column('due_day', sa.Integer(), nullable=False),
    sa.Column('due_offset_months', sa.Integer(), nullable=False),
    sa.Column('prorate', sa.Boolean(), nullable=False),
    sa.Column('meter_kind', sa.String(length=8), nullable=False),
    sa.Column('share_basis', sa.String(length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['fee_item_id'], ['fee_item.id'], name=op.f('fk_fee_standard_fee_item_id_fee_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_standard')),
    sa.UniqueConstraint('code', name=op.f('uq_fee_standard_code'))
    )
    with op.batch_alter_table('fee_standard', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fee_standard_fee_item_id'), ['fee_item_id'], unique=False)

    op.create_table('ledger_entry',
    sa.Column('customer_id', sa.Uuid(), nullable=False),
    sa.Column('account', sa.String(length=12), nullable=False),
    sa.Column('earmark_id', sa.Uuid(), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('doc_type', sa.String(length=24), nullable=False),
    sa.Column('doc_id', sa.Uuid(), nullable=False),
    sa.Column('entry_date', sa.Date(), nullable=False),
    sa.Column('post_period', sa.String(length=7), nullable=False),
    sa.Column('estate_id', sa.Uuid(), nullable=True),
    sa.Column('memo', sa.String(length=256), nullable=False),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_ledger_entry_customer_id_customer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_entry'))
    )
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.create_index('ix_ledger_entry_customer', ['customer_id', 'account'], unique=False)
        batch_op.create_index('ix_ledger_entry_doc', ['doc_type', 'doc_id'], unique=False)

    op.create_table('fee_assignment',
    sa.Column('standard_id', sa.Uuid(), nullable=False),
    sa.Column('scope_kind', sa.String(length=16), nullable=False),
    sa.Column('scope_id', sa.Uuid(), nullable=True),
    sa.Column('usage', sa.String(length=16), nullable=False),
    sa.Column('start_period', sa.String(length=7), nullable=False),
    sa.Column('end_period', sa.String(length=7), nullable=True),
    sa.Column('exclude', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=256), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['standard_id'], ['fee_standard.id'], name=op.f('fk_fee_assignment_standard_id_fee_standard')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_assignment'))
    )
    with op.batch_alter_table('fee_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fee_assignment_standard_id'), ['standard_id'], unique=False)

    op.create_table('fee_standard_version',
    sa.Column('standard_id', sa.Uuid(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('unit_price', sa.BigInteger(), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.Column('tiers', sa.Text(), nullable=False),
    sa.Column('formula', sa.Text(), nullable=False),
    sa.Column('allow_negative', sa.Boolean(), nullable=False),
    sa.Column('late_daily_rate', sa.BigInteger(), nullable=True),
    sa.Column('late_grace_days', sa.Integer(), nullable=False),
    sa.Column('late_cap_ratio', sa.BigInteger(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['standard_id'], ['fee_standard.id'], name=op.f('fk_fee_standard_version_standard_id_fee_standard')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_standard_version'))
    )
    with op.batch_alter_table('fee_standard_version', schema=None) as batch_op:
        batch_op.create_index('uq_fee_standard_version_from', ['standard_id', 'effective_from'], unique=True)

    op.create_table('bill_line',
    sa.Column('run_id', sa.Uuid(), nullable=True),
    sa.Column('slot', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('bill_period', sa.String(length=7), nullable=False),
    sa.Column('post_period', sa.String(length=7), nullable=False),
    sa.Column('estate_id', sa.Uuid(), nullable=False),
    sa.Column('building_id', sa.Uuid(), nullable=True),
    sa.Column('target_kind', sa.String(length=8), nullable=False),
    sa.Column('target_id', sa.Uuid(), nullable=False),
    sa.Column('target_code', sa.String(length=48), nullable=False),
    sa.Column('customer_id', sa.Uuid(), nullable=False),
    sa.Column('fee_item_id', sa.Uuid(), nullable=False),
    sa.Column('standard_id', sa.Uuid(), nullable=True),
    sa.Column('version_id', sa.Uuid(), nullable=True),
    sa.Column('service_from', sa.Date(), nullable=False),
    sa.Column('service_to', sa.Date(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=True),
    sa.Column('unit_price', sa.BigInteger(), nullable=True),
    sa.Column('gross', sa.BigInteger(), nullable=False),
    sa.Column('discount', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('formula', sa.Text(), nullable=False),
    sa.Column('inputs', sa.Text(), nullable=False),
    sa.Column('reason', sa.String(length=256), nullable=False),
    sa.Column('adjusts_id', sa.Uuid(), nullable=True),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_bill_line_customer_id_customer')),
    sa.ForeignKeyConstraint(['estate_id'], ['estate.id'], name=op.f('fk_bill_line_estate_id_estate')),
    sa.ForeignKeyConstraint(['fee_item_id'], ['fee_item.id'], name=op.f('fk_bill_line_fee_item_id_fee_item')),
    sa.ForeignKeyConstraint(['run_id'], ['bill_run.id'], name=op.f('fk_bill_line_run_id_bill_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bill_line'))
    )
    with op.batch_alter_table('bill_line', schema=None) as batch_op:
        batch_op.create_index('ix_bill_line_customer', ['customer_id'], unique=False)
        batch_op.create_index('ix_bill_line_target', ['target_id', 'bill_period'], unique=False)
        batch_op.create_index('uq_bill_line_slot_seq', ['slot', 'seq'], unique=True)

    op.create_table('deposit',
    sa.Column('customer_id', sa.Uuid(), nullable=False),
    sa.Column('fee_item_id', sa.Uuid(), nullable=False),
    sa.Column('estate_id', sa.Uuid(), nullable=False),
    sa.Column('target_kind', sa.String(length=8), nullable=False),
    sa.Column('target_id', sa.Uuid(), nullable=False),
    sa.Column('target_code', sa.String(length=48), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('doc_type', sa.String(length=24), nullable=False),
    sa.Column('doc_id', sa.Uuid(), nullable=True),
    sa.Column('note', sa.String(length=256), nullable=False),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_deposit_customer_id_customer')),
    sa.ForeignKeyConstraint(['estate_id'], ['estate.id'], name=op.f('fk_deposit_estate_id_estate')),
    sa.ForeignKeyConstraint(['fee_item_id'], ['fee_item.id'], name=op.f('fk_deposit_fee_item_id_fee_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deposit'))
    )
    with op.batch_alter_table('deposit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deposit_customer_id'), ['customer_id'], unique=False)

    op.create_table('period_close',
    sa.Column('estate_id', sa.Uuid(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('totals', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['estate_id'], ['estate.id'], name=op.f('fk_period_close_estate_id_estate')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_period_close'))
    )
    with op.batch_alter_table('period_close', schema=None) as batch_op:
        batch_op.create_index('uq_period_close_estate_period', ['estate_id', 'period'], unique=True)

    op.create_table('allocation',
    sa.Column('line_id', sa.Uuid(), nullable=False),
    sa.Column('slot', sa.Uuid(), nullable=False),
    sa.Column('customer_id', sa.Uuid(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('source', sa.String(length=12), nullable=False),
    sa.Column('doc_type', sa.String(length=24), nullable=False),
    sa.Column('doc_id', sa.Uuid(), nullable=False),
    sa.Column('alloc_date', sa.Date(), nullable=False),
    sa.Column('post_period', sa.String(length=7), nullable=False),
    sa.Column('estate_id', sa.Uuid(), nullable=True),
    sa.Column('earmark_id', sa.Uuid(), nullable=True),
    sa.Column('reverses_id', sa.Uuid(), nullable=True),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('note', sa.String(length=256), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_allocation_customer_id_customer')),
    sa.ForeignKeyConstraint(['line_id'], ['bill_line.id'], name=op.f('fk_allocation_line_id_bill_line')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_allocation'))
    )
    with op.batch_alter_table('allocation', schema=None) as batch_op:
        batch_op.create_index('ix_allocation_customer', ['customer_id'], unique=False)
        batch_op.create_index('ix_allocation_doc', ['doc_type', 'doc_id'], unique=False)
        batch_op.create_index('ix_allocation_slot', ['slot'], unique=False)

    op.create_table('deposit_event',
    sa.Column('deposit_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('happened_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=256), nullable=False),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['deposit_id'], ['deposit.id'], name=op.f('fk_deposit_event_deposit_id_deposit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deposit_event'))
    )
    with op.batch_alter_table('deposit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deposit_event_deposit_id'), ['deposit_id'], unique=False)

    op.create_table('meter',
    sa.Column('code', sa.String(length=48), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('estate_id', sa.Uuid(), nullable=False),
    sa.Column('building_id', sa.Uuid(), nullable=True),
    sa.Column('room_id', sa.Uuid(), nullable=True),
    sa.Column('is_public', sa.Boolean(), nullable=False),
    sa.Column('share_standard_id', sa.Uuid(), nullable=True),
    sa.Column('multiplier', sa.BigInteger(), nullable=False),
    sa.Column('max_reading', sa.BigInteger(), nullable=True),
    sa.Column('places', sa.Integer(), nullable=False),
    sa.Column('serial_no', sa.String(length=32), nullable=False),
    sa.Column('installed_on', sa.Date(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['building_id'], ['building.id'], name=op.f('fk_meter_building_id_building')),
    sa.ForeignKeyConstraint(['estate_id'], ['estate.id'], name=op.f('fk_meter_estate_id_estate')),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_meter_room_id_room')),
    sa.ForeignKeyConstraint(['share_standard_id'], ['fee_standard.id'], name=op.f('fk_meter_share_standard_id_fee_standard')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meter')),
    sa.UniqueConstraint('code', name=op.f('uq_meter_code'))
    )
    with op.batch_alter_table('meter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meter_building_id'), ['building_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meter_estate_id'), ['estate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meter_room_id'), ['room_id'], unique=False)

    op.create_table('meter_reading',
    sa.Column('meter_id', sa.Uuid(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('read_on', sa.Date(), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('rollover', sa.Boolean(), nullable=False),
    sa.Column('multiplier', sa.BigInteger(), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('checks', sa.Text(), nullable=False),
    sa.Column('note', sa.String(length=256), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['meter_id'], ['meter.id'], name=op.f('fk_meter_reading_meter_id_meter')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meter_reading'))
    )
    with op.batch_alter_table('meter_reading', schema=None) as batch_op:
        batch_op.create_index('ix_meter_reading_meter_on', ['meter_id', 'read_on'], unique=False)
        batch_op.create_index('uq_meter_reading_period', ['meter_id', 'period'], unique=True, sqlite_where=sa.text("kind = 'read' AND deleted_at IS NULL"), postgresql_where=sa.text("kind = 'read' AND deleted_at IS NULL"))
    _seed_fee_items()


def downgrade() -> None:
    with op.batch_alter_table('meter_reading', schema=None) as batch_op:
        batch_op.drop_index('uq_meter_reading_period', sqlite_where=sa.text("kind = 'read' AND deleted_at IS NULL"), postgresql_where=sa.text("kind = 'read' AND deleted_at IS NULL"))
        batch_op.drop_index('ix_meter_reading_meter_on')

    op.drop_table('meter_reading')
    with op.batch_alter_table('meter', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meter_room_id'))
        batch_op.drop_index(batch_op.f('ix_meter_estate_id'))
        batch_op.drop_index(batch_op.f('ix_meter_building_id'))

    op.drop_table('meter')
    with op.batch_alter_table('deposit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deposit_event_deposit_id'))

    op.drop_table('deposit_event')
    with op.batch_alter_table('allocation', schema=None) as batch_op:
        batch_op.drop_index('ix_allocation_slot')
        batch_op.drop_index('ix_allocation_doc')
        batch_op.drop_index('ix_allocation_customer')

    op.drop_table('allocation')
    with op.batch_alter_table('period_close', schema=None) as batch_op:
        batch_op.drop_index('uq_period_close_estate_period')

    op.drop_table('period_close')
    with op.batch_alter_table('deposit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deposit_customer_id'))

    op.drop_table('deposit')
    with op.batch_alter_table('bill_line', schema=None) as batch_op:
        batch_op.drop_index('uq_bill_line_slot_seq')
        batch_op.drop_index('ix_bill_line_target')
        batch_op.drop_index('ix_bill_line_customer')

    op.drop_table('bill_line')
    with op.batch_alter_table('fee_standard_version', schema=None) as batch_op:
        batch_op.drop_index('uq_fee_standard_version_from')

    op.drop_table('fee_standard_version')
    with op.batch_alter_table('fee_assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fee_assignment_standard_id'))

    op.drop_table('fee_assignment')
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_ledger_entry_doc')
        batch_op.drop_index('ix_ledger_entry_customer')

    op.drop_table('ledger_entry')
    with op.batch_alter_table('fee_standard', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fee_standard_fee_item_id'))

    op.drop_table('fee_standard')
    op.drop_table('discount_rule')
    op.drop_table('fee_item')
    with op.batch_alter_table('bill_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bill_run_bill_period'))

    op.drop_table('bill_run')
    op.drop_table('balance_import')
