"""gate cards: card records and history, gate-list versions, card tariffs, parking rates

Money columns are integer fen (BigInteger), as everywhere in PropDesk.  The
card fee items (门禁卡工本费 CARDF, 补卡费 CARDR, 月卡停车费 PARKM, 门禁卡押金
CARDD) are seeded into billing's fee_item table with deterministic ids (uuid5
in billing's seed namespace), so terminals that migrate on their own agree;
hence the dependency on 0002.  Indexes are dropped with their tables.

Revision ID: 0004
Revises: 0001
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op


# The same namespace and naming as billing's seeds (propdesk.services.billing.common.seed_id).
SEED_NAMESPACE = uuid.UUID("6f1c2a52-6a3e-4f0e-9c55-2b7f0d6b1a10")
CARD_FEE_ITEMS = [("CARDF", "门禁卡工本费", "temporary"), ("CARDR", "补卡费", "temporary"),
                  ("PARKM", "月卡停车费", "temporary"), ("CARDD", "门禁卡押金", "deposit")]


def _fee_item_table():
    return sa.table(
        "fee_item", sa.column("id", sa.Uuid()), sa.column("code", sa.String()),
        sa.column("name", sa.String()), sa.column("kind", sa.String()),
        sa.column("sort_key", sa.Integer()), sa.column("active", sa.Boolean()),
        sa.column("note", sa.Text()), sa.column("created_at", sa.DateTime()),
        sa.column("updated_at", sa.DateTime()), sa.column("terminal", sa.String()),
        sa.column("deleted_at", sa.DateTime()))


def _seed_ids() -> list[uuid.UUID]:
    return [uuid.uuid5(SEED_NAMESPACE, f"fee_item:{code}") for code, _, _ in CARD_FEE_ITEMS]


revision = "0004"
down_revision = "0001"
branch_labels = None
depends_on = "0002"


def upgrade() -> None:
    op.create_table('card_tariff',
    sa.Column('estate_id', sa.Uuid(), nullable=False),
    sa.Column('card_type', sa.String(length=12), nullable=False),
    sa.Column('deposit', sa.BigInteger(), nullable=False),
    sa.Column('card_fee', sa.BigInteger(), nullable=False),
    sa.Column('replace_fee', sa.BigInteger(), nullable=False),
    sa.Column('monthly_fee', sa.BigInteger(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['estate_id'], ['estate.id'], name=op.f('fk_card_tariff_estate_id_estate')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card_tariff'))
    )
    with op.batch_alter_table('card_tariff', schema=None) as batch_op:
        batch_op.create_index('uq_card_tariff_estate_type', ['estate_id', 'card_type'], unique=True, sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))

    op.create_table('parking_rate',
    sa.Column('estate_id', sa.Uuid(), nullable=False),
    sa.Column('lot_id', sa.Uuid(), nullable=True),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('free_minutes', sa.Integer(), nullable=False),
    sa.Column('first_minutes', sa.Integer(), nullable=False),
    sa.Column('first_fee', sa.BigInteger(), nullable=False),
    sa.Column('unit_minutes', sa.Integer(), nullable=False),
    sa.Column('unit_fee', sa.BigInteger(), nullable=False),
    sa.Column('daily_cap', sa.BigInteger(), nullable=True),
    sa.Column('cap_mode', sa.String(length=12), nullable=False),
    sa.Column('free_deducted', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['estate_id'], ['estate.id'], name=op.f('fk_parking_rate_estate_id_estate')),
    sa.ForeignKeyConstraint(['lot_id'], ['parking_lot.id'], name=op.f('fk_parking_rate_lot_id_parking_lot')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parking_rate'))
    )
    with op.batch_alter_table('parking_rate', schema=None) as batch_op:
        batch_op.create_index('ix_parking_rate_estate', ['estate_id', 'lot_id'], unique=False)

    op.create_table('gate_card',
    sa.Column('uid', sa.String(length=20), nullable=False),
    sa.Column('serial', sa.BigInteger(), nullable=False),
    sa.Column('card_type', sa.String(length=12), nullable=False),
    sa.Column('estate_id', sa.Uuid(), nullable=True),
    sa.Column('customer_id', sa.Uuid(), nullable=True),
    sa.Column('room_id', sa.Uuid(), nullable=True),
    sa.Column('vehicle_id', sa.Uuid(), nullable=True),
    sa.Column('space_id', sa.Uuid(), nullable=True),
    sa.Column('operator_id', sa.Uuid(), nullable=True),
    sa.Column('holder_name', sa.String(length=64), nullable=False),
    sa.Column('place_code', sa.String(length=48), nullable=False),
    sa.Column('plate', sa.String(length=16), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('sector', sa.Integer(), nullable=False),
    sa.Column('key_fingerprint', sa.String(length=16), nullable=False),
    sa.Column('deposit', sa.BigInteger(), nullable=False),
    sa.Column('card_fee', sa.BigInteger(), nullable=False),
    sa.Column('monthly_fee', sa.BigInteger(), nullable=True),
    sa.Column('deposit_state', sa.String(length=12), nullable=False),
    sa.Column('deposit_ref', sa.String(length=64), nullable=False),
    sa.Column('replaces_id', sa.Uuid(), nullable=True),
    sa.Column('replaced_by_id', sa.Uuid(), nullable=True),
    sa.Column('wiped', sa.Boolean(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_gate_card_customer_id_customer')),
    sa.ForeignKeyConstraint(['estate_id'], ['estate.id'], name=op.f('fk_gate_card_estate_id_estate')),
    sa.ForeignKeyConstraint(['operator_id'], ['operator.id'], name=op.f('fk_gate_card_operator_id_operator')),
    sa.ForeignKeyConstraint(['replaced_by_id'], ['gate_card.id'], name=op.f('fk_gate_card_replaced_by_id_gate_card')),
    sa.ForeignKeyConstraint(['replaces_id'], ['gate_card.id'], name=op.f('fk_gate_card_replaces_id_gate_card')),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_gate_card_room_id_room')),
    sa.ForeignKeyConstraint(['space_id'], ['parking_space.id'], name=op.f('fk_gate_card_space_id_parking_space')),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicle.id'], name=op.f('fk_gate_card_vehicle_id_vehicle')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gate_card')),
    sa.UniqueConstraint('serial', name=op.f('uq_gate_card_serial'))
    )
    with op.batch_alter_table('gate_card', schema=None) as batch_op:
        batch_op.create_index('ix_gate_card_customer', ['customer_id', 'status'], unique=False)
        batch_op.create_index('ix_gate_card_room', ['room_id', 'status'], unique=False)
        batch_op.create_index('ix_gate_card_space', ['space_id', 'status'], unique=False)
        batch_op.create_index('ix_gate_card_uid', ['uid'], unique=False)
        batch_op.create_index('ix_gate_card_vehicle', ['vehicle_id'], unique=False)
        batch_op.create_index('uq_gate_card_active_uid', ['uid'], unique=True, sqlite_where=sa.text("status = 'active' AND deleted_at IS NULL"), postgresql_where=sa.text("status = 'active' AND deleted_at IS NULL"))

    op.create_table('gate_card_event',
    sa.Column('card_id', sa.Uuid(), nullable=False),
    sa.Column('action', sa.String(length=12), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('uid', sa.String(length=20), nullable=False),
    sa.Column('serial', sa.BigInteger(), nullable=False),
    sa.Column('from_status', sa.String(length=12), nullable=False),
    sa.Column('to_status', sa.String(length=12), nullable=False),
    sa.Column('valid_until_before', sa.Date(), nullable=True),
    sa.Column('valid_until_after', sa.Date(), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('charge_refs', sa.String(length=256), nullable=False),
    sa.Column('related_card_id', sa.Uuid(), nullable=True),
    sa.Column('note', sa.String(length=256), nullable=False),
    sa.Column('operator_id', sa.Uuid(), nullable=True),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['gate_card.id'], name=op.f('fk_gate_card_event_card_id_gate_card')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gate_card_event'))
    )
    with op.batch_alter_table('gate_card_event', schema=None) as batch_op:
        batch_op.create_index('ix_gate_card_event_card', ['card_id', 'at'], unique=False)

    op.create_table('card_list_version',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('white_count', sa.Integer(), nullable=False),
    sa.Column('black_count', sa.Integer(), nullable=False),
    sa.Column('change_count', sa.Integer(), nullable=False),
    sa.Column('state_checksum', sa.String(length=64), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card_list_version')),
    sa.UniqueConstraint('version', name=op.f('uq_card_list_version_version'))
    )
    op.create_table('card_list_entry',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('serial', sa.BigInteger(), nullable=False),
    sa.Column('list_kind', sa.String(length=8), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card_list_entry'))
    )
    with op.batch_alter_table('card_list_entry', schema=None) as batch_op:
        batch_op.create_index('ix_card_list_entry_version', ['version'], unique=False)
        batch_op.create_index('uq_card_list_entry_serial_version', ['serial', 'version'], unique=True)
    op.create_table('card_charge',
    sa.Column('card_id', sa.Uuid(), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('customer_id', sa.Uuid(), nullable=False),
    sa.Column('estate_id', sa.Uuid(), nullable=True),
    sa.Column('target_kind', sa.String(length=8), nullable=False),
    sa.Column('target_id', sa.Uuid(), nullable=False),
    sa.Column('target_code', sa.String(length=48), nullable=False),
    sa.Column('description', sa.String(length=256), nullable=False),
    sa.Column('charge_date', sa.Date(), nullable=False),
    sa.Column('service_from', sa.Date(), nullable=True),
    sa.Column('service_to', sa.Date(), nullable=True),
    sa.Column('refund_of_id', sa.Uuid(), nullable=True),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('billing_ref', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['card_id'], ['gate_card.id'], name=op.f('fk_card_charge_card_id_gate_card')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_card_charge_customer_id_customer')),
    sa.ForeignKeyConstraint(['estate_id'], ['estate.id'], name=op.f('fk_card_charge_estate_id_estate')),
    sa.ForeignKeyConstraint(['event_id'], ['gate_card_event.id'], name=op.f('fk_card_charge_event_id_gate_card_event')),
    sa.ForeignKeyConstraint(['refund_of_id'], ['card_charge.id'], name=op.f('fk_card_charge_refund_of_id_card_charge')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card_charge'))
    )
    with op.batch_alter_table('card_charge', schema=None) as batch_op:
        batch_op.create_index('ix_card_charge_card', ['card_id'], unique=False)
        batch_op.create_index('ix_card_charge_state', ['state'], unique=False)

    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    op.bulk_insert(_fee_item_table(), [
        dict(id=uuid.uuid5(SEED_NAMESPACE, f"fee_item:{code}"), code=code, name=name, kind=kind,
             sort_key=200 + i * 10, active=True, note="门禁卡 (gate cards)", created_at=now, updated_at=now,
             terminal="", deleted_at=None)
        for i, (code, name, kind) in enumerate(CARD_FEE_ITEMS)])


def downgrade() -> None:
    table = _fee_item_table()
    op.execute(table.delete().where(table.c.id.in_(_seed_ids())))
    op.drop_table('card_charge')
    op.drop_table('card_list_entry')
    op.drop_table('card_list_version')
    op.drop_table('gate_card_event')
    op.drop_table('gate_card')
    op.drop_table('parking_rate')
    op.drop_table('card_tariff')
