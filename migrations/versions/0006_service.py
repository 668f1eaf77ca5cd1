"""service desk: work orders, complaints, equipment, maintenance, stock

Money columns are integer fen and quantities scaled integers (BigInteger), as
everywhere in PropDesk; stock on hand has no column (it is summed from
stock_movement).

Revision ID: 0006
Revises: 0001
Create Date: 2026-11-23 17:14:06.737924
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stock_item',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('spec', sa.String(length=64), nullable=False),
    sa.Column('unit', sa.String(length=8), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('min_qty', sa.BigInteger(), nullable=False),
    sa.Column('price', sa.BigInteger(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_item')),
    sa.UniqueConstraint('code', name=op.f('uq_stock_item_code'))
    )
    with op.batch_alter_table('stock_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_item_name'), ['name'], unique=False)

    op.create_table('stocktake',
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=False),
    sa.Column('note', sa.String(length=256), nullable=False),
    sa.Column('operator_id', sa.Uuid(), nullable=True),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stocktake')),
    sa.UniqueConstraint('number', name=op.f('uq_stocktake_number'))
    )
    op.create_table('stocktake_line',
    sa.Column('stocktake_id', sa.Uuid(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('book_qty', sa.BigInteger(), nullable=False),
    sa.Column('counted_qty', sa.BigInteger(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['stock_item.id'], name=op.f('fk_stocktake_line_item_id_stock_item')),
    sa.ForeignKeyConstraint(['stocktake_id'], ['stocktake.id'], name=op.f('fk_stocktake_line_stocktake_id_stocktake')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stocktake_line'))
    )
    with op.batch_alter_table('stocktake_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stocktake_line_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stocktake_line_stocktake_id'), ['stocktake_id'], unique=False)

    op.create_table('equipment',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('estate_id', sa.Uuid(), nullable=True),
    sa.Column('location', sa.String(length=128), nullable=False),
    sa.Column('model', sa.String(length=64), nullable=False),
    sa.Column('manufacturer', sa.String(length=64), nullable=False),
    sa.Column('supplier', sa.String(length=64), nullable=False),
    sa.Column('supplier_phone', sa.String(length=32), nullable=False),
    sa.Column('serial_no', sa.String(length=64), nullable=False),
    sa.Column('install_date', sa.Date(), nullable=True),
    sa.Column('warranty_until', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['estate_id'], ['estate.id'], name=op.f('fk_equipment_estate_id_estate')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_equipment')),
    sa.UniqueConstraint('code', name=op.f('uq_equipment_code'))
    )
    with op.batch_alter_table('equipment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_equipment_estate_id'), ['estate_id'], unique=False)

    op.create_table('maintenance_plan',
    sa.Column('equipment_id', sa.Uuid(), nullable=False),
    sa.Column('title', sa.String(length=64), nullable=False),
    sa.Column('frequency', sa.String(length=8), nullable=False),
    sa.Column('every', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('post', sa.String(length=32), nullable=False),
    sa.Column('assignee_id', sa.Uuid(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['assignee_id'], ['operator.id'], name=op.f('fk_maintenance_plan_assignee_id_operator')),
    sa.ForeignKeyConstraint(['equipment_id'], ['equipment.id'], name=op.f('fk_maintenance_plan_equipment_id_equipment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_maintenance_plan'))
    )
    with op.batch_alter_table('maintenance_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_maintenance_plan_equipment_id'), ['equipment_id'], unique=False)

    op.create_table('complaint',
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('estate_id', sa.Uuid(), nullable=True),
    sa.Column('room_id', sa.Uuid(), nullable=True),
    sa.Column('complainant', sa.String(length=64), nullable=False),
    sa.Column('identity', sa.String(length=16), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('received_by', sa.String(length=64), nullable=False),
    sa.Column('reply_due_at', sa.DateTime(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('department', sa.String(length=16), nullable=False),
    sa.Column('routed_at', sa.DateTime(), nullable=True),
    sa.Column('handler', sa.String(length=64), nullable=False),
    sa.Column('handling', sa.Text(), nullable=False),
    sa.Column('reply_method', sa.String(length=16), nullable=False),
    sa.Column('reply', sa.Text(), nullable=False),
    sa.Column('replied_at', sa.DateTime(), nullable=True),
    sa.Column('satisfaction', sa.String(length=16), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['estate_id'], ['estate.id'], name=op.f('fk_complaint_estate_id_estate')),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_complaint_room_id_room')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint')),
    sa.UniqueConstraint('number', name=op.f('uq_complaint_number'))
    )
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_estate_id'), ['estate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_room_id'), ['room_id'], unique=False)
        batch_op.create_index('ix_complaint_state_due', ['state', 'reply_due_at'], unique=False)

    op.create_table('work_order',
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('estate_id', sa.Uuid(), nullable=True),
    sa.Column('room_id', sa.Uuid(), nullable=True),
    sa.Column('customer_id', sa.Uuid(), nullable=True),
    sa.Column('location', sa.String(length=128), nullable=False),
    sa.Column('equipment_id', sa.Uuid(), nullable=True),
    sa.Column('plan_id', sa.Uuid(), nullable=True),
    sa.Column('plan_due', sa.Date(), nullable=True),
    sa.Column('reporter', sa.String(length=64), nullable=False),
    sa.Column('contact', sa.String(length=32), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('urgency', sa.String(length=16), nullable=False),
    sa.Column('reported_at', sa.DateTime(), nullable=False),
    sa.Column('appointment_at', sa.DateTime(), nullable=True),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('held_from', sa.String(length=16), nullable=False),
    sa.Column('hold_reason', sa.String(length=256), nullable=False),
    sa.Column('cancel_reason', sa.String(length=256), nullable=False),
    sa.Column('assignee_id', sa.Uuid(), nullable=True),
    sa.Column('dispatched_at', sa.DateTime(), nullable=True),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('labour_hours', sa.BigInteger(), nullable=False),
    sa.Column('labour_fee', sa.BigInteger(), nullable=False),
    sa.Column('chargeable', sa.Boolean(), nullable=False),
    sa.Column('charge_amount', sa.BigInteger(), nullable=False),
    sa.Column('charge_state', sa.String(length=16), nullable=False),
    sa.Column('charge_ref', sa.String(length=64), nullable=False),
    sa.Column('satisfaction', sa.String(length=16), nullable=False),
    sa.Column('visit_comment', sa.Text(), nullable=False),
    sa.Column('visited_at', sa.DateTime(), nullable=True),
    sa.Column('visitor', sa.String(length=64), nullable=False),
    sa.Column('taken_by', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['assignee_id'], ['operator.id'], name=op.f('fk_work_order_assignee_id_operator')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_work_order_customer_id_customer')),
    sa.ForeignKeyConstraint(['equipment_id'], ['equipment.id'], name=op.f('fk_work_order_equipment_id_equipment')),
    sa.ForeignKeyConstraint(['estate_id'], ['estate.id'], name=op.f('fk_work_order_estate_id_estate')),
    sa.ForeignKeyConstraint(['plan_id'], ['maintenance_plan.id'], name=op.f('fk_work_order_plan_id_maintenance_plan')),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_work_order_room_id_room')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_order')),
    sa.UniqueConstraint('number', name=op.f('uq_work_order_number'))
    )
    with op.batch_alter_table('work_order', schema=None) as batch_op:
        batch_op.create_index('ix_work_order_assignee_state', ['assignee_id', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_order_equipment_id'), ['equipment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_order_estate_id'), ['estate_id'], unique=False)
        batch_op.create_index('ix_work_order_room_reported', ['room_id', 'reported_at'], unique=False)
        batch_op.create_index('ix_work_order_state_due', ['state', 'due_at'], unique=False)
        batch_op.create_index('uq_work_order_plan_due', ['plan_id', 'plan_due'], unique=True)

    op.create_table('equipment_record',
    sa.Column('equipment_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('performed_by', sa.String(length=64), nullable=False),
    sa.Column('cost', sa.BigInteger(), nullable=False),
    sa.Column('work_order_id', sa.Uuid(), nullable=True),
    sa.Column('plan_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['equipment_id'], ['equipment.id'], name=op.f('fk_equipment_record_equipment_id_equipment')),
    sa.ForeignKeyConstraint(['plan_id'], ['maintenance_plan.id'], name=op.f('fk_equipment_record_plan_id_maintenance_plan')),
    sa.ForeignKeyConstraint(['work_order_id'], ['work_order.id'], name=op.f('fk_equipment_record_work_order_id_work_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_equipment_record'))
    )
    with op.batch_alter_table('equipment_record', schema=None) as batch_op:
        batch_op.create_index('ix_equipment_record_equipment_done', ['equipment_id', 'done_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_equipment_record_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_equipment_record_work_order_id'), ['work_order_id'], unique=False)

    op.create_table('stock_movement',
    sa.Column('doc_no', sa.String(length=32), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('qty', sa.BigInteger(), nullable=False),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('moved_on', sa.Date(), nullable=False),
    sa.Column('work_order_id', sa.Uuid(), nullable=True),
    sa.Column('stocktake_id', sa.Uuid(), nullable=True),
    sa.Column('reverses_id', sa.Uuid(), nullable=True),
    sa.Column('party', sa.String(length=64), nullable=False),
    sa.Column('note', sa.String(length=256), nullable=False),
    sa.Column('override', sa.Boolean(), nullable=False),
    sa.Column('operator_id', sa.Uuid(), nullable=True),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['stock_item.id'], name=op.f('fk_stock_movement_item_id_stock_item')),
    sa.ForeignKeyConstraint(['reverses_id'], ['stock_movement.id'], name=op.f('fk_stock_movement_reverses_id_stock_movement')),
    sa.ForeignKeyConstraint(['stocktake_id'], ['stocktake.id'], name=op.f('fk_stock_movement_stocktake_id_stocktake')),
    sa.ForeignKeyConstraint(['work_order_id'], ['work_order.id'], name=op.f('fk_stock_movement_work_order_id_work_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_movement')),
    sa.UniqueConstraint('reverses_id', name=op.f('uq_stock_movement_reverses_id'))
    )
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_movement_doc_no'), ['doc_no'], unique=False)
        batch_op.create_index('ix_stock_movement_item_created', ['item_id', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_movement_work_order_id'), ['work_order_id'], unique=False)

    op.create_table('work_order_event',
    sa.Column('order_id', sa.Uuid(), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('from_state', sa.String(length=16), nullable=False),
    sa.Column('to_state', sa.String(length=16), nullable=False),
    sa.Column('note', sa.String(length=512), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('operator_id', sa.Uuid(), nullable=True),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['work_order.id'], name=op.f('fk_work_order_event_order_id_work_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_order_event'))
    )
    with op.batch_alter_table('work_order_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_order_event_order_id'), ['order_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('work_order_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_order_event_order_id'))

    op.drop_table('work_order_event')
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_movement_work_order_id'))
        batch_op.drop_index('ix_stock_movement_item_created')
        batch_op.drop_index(batch_op.f('ix_stock_movement_doc_no'))

    op.drop_table('stock_movement')
    with op.batch_alter_table('equipment_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_equipment_record_work_order_id'))
        batch_op.drop_index(batch_op.f('ix_equipment_record_plan_id'))
        batch_op.drop_index('ix_equipment_record_equipment_done')

    op.drop_table('equipment_record')
    with op.batch_alter_table('work_order', schema=None) as batch_op:
        batch_op.drop_index('uq_work_order_plan_due')
        batch_op.drop_index('ix_work_order_state_due')
        batch_op.drop_index('ix_work_order_room_reported')
        batch_op.drop_index(batch_op.f('ix_work_order_estate_id'))
        batch_op.drop_index(batch_op.f('ix_work_order_equipment_id'))
        batch_op.drop_index('ix_work_order_assignee_state')

    op.drop_table('work_order')
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index('ix_complaint_state_due')
        batch_op.drop_index(batch_op.f('ix_complaint_room_id'))
        batch_op.drop_index(batch_op.f('ix_complaint_estate_id'))

    op.drop_table('complaint')
    with op.batch_alter_table('maintenance_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_maintenance_plan_equipment_id'))

    op.drop_table('maintenance_plan')
    with op.batch_alter_table('equipment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_equipment_estate_id'))

    op.drop_table('equipment')
    with op.batch_alter_table('stocktake_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stocktake_line_stocktake_id'))
        batch_op.drop_index(batch_op.f('ix_stocktake_line_item_id'))

    op.drop_table('stocktake_line')
    op.drop_table('stocktake')
    with op.batch_alter_table('stock_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_item_name'))

    op.drop_table('stock_item')
