"""cashier: shifts, payments, receipts, voids, refunds, layouts, site key

Money columns are integer fen (BigInteger), as everywhere in PropDesk.  Every
document table is append-only; layouts and the site key are synced rows.

Revision ID: 0003
Revises: 0001
Depends on: 0002 (billing: the cashier settles its bill lines)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0001'
branch_labels = None
depends_on = '0002'

def upgrade() -> None:
    op.create_table('cashier_receipt_layout',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('spec', sa.Text(), nullable=False),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cashier_receipt_layout')),
    sa.UniqueConstraint('name', name=op.f('uq_cashier_receipt_layout_name'))
    )
    op.create_table('cashier_shift',
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('opening_float', sa.BigInteger(), nullable=False),
    sa.Column('operator_id', sa.Uuid(), nullable=True),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cashier_shift')),
    sa.UniqueConstraint('number', name=op.f('uq_cashier_shift_number'))
    )
    with op.batch_alter_table('cashier_shift', schema=None) as batch_op:
        batch_op.create_index('ix_cashier_shift_operator', ['operator_id', 'opened_at'], unique=False)

    op.create_table('cashier_site_key',
    sa.Column('key_id', sa.Integer(), nullable=False),
    sa.Column('secret', sa.String(length=128), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cashier_site_key')),
    sa.UniqueConstraint('key_id', name=op.f('uq_cashier_site_key_key_id'))
    )
    op.create_table('cashier_payment',
    sa.Column('shift_id', sa.Uuid(), nullable=False),
    sa.Column('customer_id', sa.Uuid(), nullable=False),
    sa.Column('payer_name', sa.String(length=128), nullable=False),
    sa.Column('paid_at', sa.DateTime(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('principal', sa.BigInteger(), nullable=False),
    sa.Column('late_fee', sa.BigInteger(), nullable=False),
    sa.Column('topup', sa.BigInteger(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('change', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.String(length=256), nullable=False),
    sa.Column('operator_id', sa.Uuid(), nullable=True),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_cashier_payment_customer_id_customer')),
    sa.ForeignKeyConstraint(['shift_id'], ['cashier_shift.id'], name=op.f('fk_cashier_payment_shift_id_cashier_shift')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cashier_payment'))
    )
    with op.batch_alter_table('cashier_payment', schema=None) as batch_op:
        batch_op.create_index('ix_cashier_payment_customer', ['customer_id', 'paid_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_cashier_payment_shift_id'), ['shift_id'], unique=False)

    op.create_table('cashier_shift_close',
    sa.Column('shift_id', sa.Uuid(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=False),
    sa.Column('expected_cash', sa.BigInteger(), nullable=False),
    sa.Column('counted_cash', sa.BigInteger(), nullable=False),
    sa.Column('takings', sa.BigInteger(), nullable=False),
    sa.Column('totals_json', sa.Text(), nullable=False),
    sa.Column('note', sa.String(length=256), nullable=False),
    sa.Column('operator_id', sa.Uuid(), nullable=True),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['shift_id'], ['cashier_shift.id'], name=op.f('fk_cashier_shift_close_shift_id_cashier_shift')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cashier_shift_close')),
    sa.UniqueConstraint('shift_id', name=op.f('uq_cashier_shift_close_shift_id'))
    )
    op.create_table('cashier_payment_line',
    sa.Column('payment_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('bill_line_id', sa.Uuid(), nullable=True),
    sa.Column('item_key', sa.String(length=40), nullable=False),
    sa.Column('settlement_ref', sa.String(length=64), nullable=False),
    sa.Column('target_kind', sa.String(length=8), nullable=False),
    sa.Column('target_code', sa.String(length=48), nullable=False),
    sa.Column('fee_item', sa.String(length=64), nullable=False),
    sa.Column('period', sa.String(length=32), nullable=False),
    sa.Column('due', sa.BigInteger(), nullable=False),
    sa.Column('principal', sa.BigInteger(), nullable=False),
    sa.Column('late_fee', sa.BigInteger(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['payment_id'], ['cashier_payment.id'], name=op.f('fk_cashier_payment_line_payment_id_cashier_payment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cashier_payment_line'))
    )
    with op.batch_alter_table('cashier_payment_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cashier_payment_line_bill_line_id'), ['bill_line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cashier_payment_line_payment_id'), ['payment_id'], unique=False)

    op.create_table('cashier_payment_tender',
    sa.Column('payment_id', sa.Uuid(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('tendered', sa.BigInteger(), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['payment_id'], ['cashier_payment.id'], name=op.f('fk_cashier_payment_tender_payment_id_cashier_payment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cashier_payment_tender'))
    )
    with op.batch_alter_table('cashier_payment_tender', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cashier_payment_tender_payment_id'), ['payment_id'], unique=False)

    op.create_table('cashier_receipt',
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('payment_id', sa.Uuid(), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('key_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['payment_id'], ['cashier_payment.id'], name=op.f('fk_cashier_receipt_payment_id_cashier_payment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cashier_receipt')),
    sa.UniqueConstraint('code', name=op.f('uq_cashier_receipt_code')),
    sa.UniqueConstraint('number', name=op.f('uq_cashier_receipt_number')),
    sa.UniqueConstraint('payment_id', name=op.f('uq_cashier_receipt_payment_id'))
    )
    op.create_table('cashier_shift_approval',
    sa.Column('close_id', sa.Uuid(), nullable=False),
    sa.Column('approved_at', sa.DateTime(), nullable=False),
    sa.Column('note', sa.String(length=256), nullable=False),
    sa.Column('operator_id', sa.Uuid(), nullable=True),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['close_id'], ['cashier_shift_close.id'], name=op.f('fk_cashier_shift_approval_close_id_cashier_shift_close')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cashier_shift_approval')),
    sa.UniqueConstraint('close_id', name=op.f('uq_cashier_shift_approval_close_id'))
    )
    op.create_table('cashier_receipt_print',
    sa.Column('receipt_id', sa.Uuid(), nullable=False),
    sa.Column('copy', sa.Boolean(), nullable=False),
    sa.Column('target', sa.String(length=16), nullable=False),
    sa.Column('authorized_by_id', sa.Uuid(), nullable=True),
    sa.Column('authorized_by_name', sa.String(length=64), nullable=False),
    sa.Column('reason', sa.String(length=256), nullable=False),
    sa.Column('operator_id', sa.Uuid(), nullable=True),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['receipt_id'], ['cashier_receipt.id'], name=op.f('fk_cashier_receipt_print_receipt_id_cashier_receipt')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cashier_receipt_print'))
    )
    with op.batch_alter_table('cashier_receipt_print', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cashier_receipt_print_receipt_id'), ['receipt_id'], unique=False)

    op.create_table('cashier_receipt_void',
    sa.Column('receipt_id', sa.Uuid(), nullable=False),
    sa.Column('shift_id', sa.Uuid(), nullable=False),
    sa.Column('voided_at', sa.DateTime(), nullable=False),
    sa.Column('authorized_by_id', sa.Uuid(), nullable=True),
    sa.Column('authorized_by_name', sa.String(length=64), nullable=False),
    sa.Column('reason', sa.String(length=256), nullable=False),
    sa.Column('operator_id', sa.Uuid(), nullable=True),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['receipt_id'], ['cashier_receipt.id'], name=op.f('fk_cashier_receipt_void_receipt_id_cashier_receipt')),
    sa.ForeignKeyConstraint(['shift_id'], ['cashier_shift.id'], name=op.f('fk_cashier_receipt_void_shift_id_cashier_shift')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cashier_receipt_void')),
    sa.UniqueConstraint('receipt_id', name=op.f('uq_cashier_receipt_void_receipt_id'))
    )
    with op.batch_alter_table('cashier_receipt_void', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cashier_receipt_void_shift_id'), ['shift_id'], unique=False)

    op.create_table('cashier_refund',
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('receipt_id', sa.Uuid(), nullable=False),
    sa.Column('shift_id', sa.Uuid(), nullable=False),
    sa.Column('refunded_at', sa.DateTime(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('authorized_by_id', sa.Uuid(), nullable=True),
    sa.Column('authorized_by_name', sa.String(length=64), nullable=False),
    sa.Column('reason', sa.String(length=256), nullable=False),
    sa.Column('operator_id', sa.Uuid(), nullable=True),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['receipt_id'], ['cashier_receipt.id'], name=op.f('fk_cashier_refund_receipt_id_cashier_receipt')),
    sa.ForeignKeyConstraint(['shift_id'], ['cashier_shift.id'], name=op.f('fk_cashier_refund_shift_id_cashier_shift')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cashier_refund')),
    sa.UniqueConstraint('number', name=op.f('uq_cashier_refund_number'))
    )
    with op.batch_alter_table('cashier_refund', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cashier_refund_receipt_id'), ['receipt_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cashier_refund_shift_id'), ['shift_id'], unique=False)

    op.create_table('cashier_refund_line',
    sa.Column('refund_id', sa.Uuid(), nullable=False),
    sa.Column('payment_line_id', sa.Uuid(), nullable=True),
    sa.Column('principal', sa.BigInteger(), nullable=False),
    sa.Column('late_fee', sa.BigInteger(), nullable=False),
    sa.Column('topup', sa.BigInteger(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['payment_line_id'], ['cashier_payment_line.id'], name=op.f('fk_cashier_refund_line_payment_line_id_cashier_payment_line')),
    sa.ForeignKeyConstraint(['refund_id'], ['cashier_refund.id'], name=op.f('fk_cashier_refund_line_refund_id_cashier_refund')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cashier_refund_line'))
    )
    with op.batch_alter_table('cashier_refund_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cashier_refund_line_payment_line_id'), ['payment_line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cashier_refund_line_refund_id'), ['refund_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('cashier_refund_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cashier_refund_line_refund_id'))
        batch_op.drop_index(batch_op.f('ix_cashier_refund_line_payment_line_id'))

    op.drop_table('cashier_refund_line')
    with op.batch_alter_table('cashier_refund', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cashier_refund_shift_id'))
        batch_op.drop_index(batch_op.f('ix_cashier_refund_receipt_id'))

    op.drop_table('cashier_refund')
    with op.batch_alter_table('cashier_receipt_void', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cashier_receipt_void_shift_id'))

    op.drop_table('cashier_receipt_void')
    with op.batch_alter_table('cashier_receipt_print', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cashier_receipt_print_receipt_id'))

    op.drop_table('cashier_receipt_print')
    op.drop_table('cashier_shift_approval')
    op.drop_table('cashier_receipt')
    with op.batch_alter_table('cashier_payment_tender', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cashier_payment_tender_payment_id'))

    op.drop_table('cashier_payment_tender')
    with op.batch_alter_table('cashier_payment_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cashier_payment_line_payment_id'))
        batch_op.drop_index(batch_op.f('ix_cashier_payment_line_bill_line_id'))

    op.drop_table('cashier_payment_line')
    op.drop_table('cashier_shift_close')
    with op.batch_alter_table('cashier_payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cashier_payment_shift_id'))
        batch_op.drop_index('ix_cashier_payment_customer')

    op.drop_table('cashier_payment')
    op.drop_table('cashier_site_key')
    with op.batch_alter_table('cashier_shift', schema=None) as batch_op:
        batch_op.drop_index('ix_cashier_shift_operator')

    op.drop_table('cashier_shift')
    op.drop_table('cashier_receipt_layout')
    
