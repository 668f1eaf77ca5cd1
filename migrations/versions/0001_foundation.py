"""foundation: property tree, customers, operators, audit

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 17:05:10.023019
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    op.create_table('audit_log',
    sa.Column('operator_id', sa.Uuid(), nullable=True),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=48), nullable=False),
    sa.Column('entity', sa.String(length=48), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('summary', sa.String(length=512), nullable=False),
    sa.Column('before', sa.Text(), nullable=False),
    sa.Column('after', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_created_at', ['created_at'], unique=False)
        batch_op.create_index('ix_audit_log_entity', ['entity', 'entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_operator_id'), ['operator_id'], unique=False)

    op.create_table('company',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('address', sa.String(length=256), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('tax_id', sa.String(length=32), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_company')),
    sa.UniqueConstraint('code', name=op.f('uq_company_code'))
    )
    op.create_table('customer',
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('gender', sa.String(length=8), nullable=False),
    sa.Column('id_type', sa.String(length=24), nullable=False),
    sa.Column('id_number', sa.String(length=32), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('employer', sa.String(length=128), nullable=False),
    sa.Column('hukou', sa.String(length=128), nullable=False),
    sa.Column('emergency_contact', sa.String(length=64), nullable=False),
    sa.Column('emergency_phone', sa.String(length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('name_initials', sa.String(length=64), nullable=False),
    sa.Column('id_rev', sa.String(length=32), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer'))
    )
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_id_rev'), ['id_rev'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_name_initials'), ['name_initials'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_phone'), ['phone'], unique=False)

    op.create_table('local_setting',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_local_setting'))
    )
    op.create_table('operator',
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_operator')),
    sa.UniqueConstraint('username', name=op.f('uq_operator_username'))
    )
    op.create_table('family_member',
    sa.Column('customer_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('relation', sa.String(length=16), nullable=False),
    sa.Column('gender', sa.String(length=8), nullable=False),
    sa.Column('id_number', sa.String(length=32), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_family_member_customer_id_customer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_family_member'))
    )
    with op.batch_alter_table('family_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_member_customer_id'), ['customer_id'], unique=False)

    op.create_table('pet',
    sa.Column('customer_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('species', sa.String(length=16), nullable=False),
    sa.Column('breed', sa.String(length=32), nullable=False),
    sa.Column('license_no', sa.String(length=32), nullable=False),
    sa.Column('vaccinated_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_pet_customer_id_customer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pet'))
    )
    with op.batch_alter_table('pet', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pet_customer_id'), ['customer_id'], unique=False)

    op.create_table('region',
    sa.Column('company_id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_region_company_id_company')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_region')),
    sa.UniqueConstraint('code', name=op.f('uq_region_code'))
    )
    with op.batch_alter_table('region', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_region_company_id'), ['company_id'], unique=False)

    op.create_table('estate',
    sa.Column('region_id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('address', sa.String(length=256), nullable=False),
    sa.Column('land_area', sa.BigInteger(), nullable=True),
    sa.Column('building_area', sa.BigInteger(), nullable=True),
    sa.Column('green_area', sa.BigInteger(), nullable=True),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_estate_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_estate')),
    sa.UniqueConstraint('code', name=op.f('uq_estate_code')),
    sa.UniqueConstraint('name', name=op.f('uq_estate_name'))
    )
    with op.batch_alter_table('estate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_estate_region_id'), ['region_id'], unique=False)

    op.create_table('building',
    sa.Column('estate_id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('building_type', sa.String(length=16), nullable=False),
    sa.Column('structure', sa.String(length=16), nullable=False),
    sa.Column('floors', sa.Integer(), nullable=False),
    sa.Column('sort_key', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['estate_id'], ['estate.id'], name=op.f('fk_building_estate_id_estate')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_building'))
    )
    with op.batch_alter_table('building', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_building_estate_id'), ['estate_id'], unique=False)
        batch_op.create_index('uq_building_estate_code', ['estate_id', 'code'], unique=True)

    op.create_table('parking_lot',
    sa.Column('estate_id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['estate_id'], ['estate.id'], name=op.f('fk_parking_lot_estate_id_estate')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parking_lot'))
    )
    with op.batch_alter_table('parking_lot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parking_lot_estate_id'), ['estate_id'], unique=False)
        batch_op.create_index('uq_parking_lot_estate_code', ['estate_id', 'code'], unique=True)

    op.create_table('parking_space',
    sa.Column('lot_id', sa.Uuid(), nullable=False),
    sa.Column('estate_id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=48), nullable=False),
    sa.Column('number', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('area', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['estate_id'], ['estate.id'], name=op.f('fk_parking_space_estate_id_estate')),
    sa.ForeignKeyConstraint(['lot_id'], ['parking_lot.id'], name=op.f('fk_parking_space_lot_id_parking_lot')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parking_space')),
    sa.UniqueConstraint('code', name=op.f('uq_parking_space_code'))
    )
    with op.batch_alter_table('parking_space', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parking_space_estate_id'), ['estate_id'], unique=False)
        batch_op.create_index('ix_parking_space_lot_number', ['lot_id', 'number'], unique=False)

    op.create_table('unit',
    sa.Column('building_id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('sort_key', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['building_id'], ['building.id'], name=op.f('fk_unit_building_id_building')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit'))
    )
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_building_id'), ['building_id'], unique=False)
        batch_op.create_index('uq_unit_building_code', ['building_id', 'code'], unique=True)

    op.create_table('room',
    sa.Column('estate_id', sa.Uuid(), nullable=False),
    sa.Column('building_id', sa.Uuid(), nullable=False),
    sa.Column('unit_id', sa.Uuid(), nullable=True),
    sa.Column('code', sa.String(length=48), nullable=False),
    sa.Column('number', sa.String(length=16), nullable=False),
    sa.Column('floor', sa.Integer(), nullable=False),
    sa.Column('building_area', sa.BigInteger(), nullable=False),
    sa.Column('inner_area', sa.BigInteger(), nullable=False),
    sa.Column('layout', sa.String(length=32), nullable=False),
    sa.Column('orientation', sa.String(length=16), nullable=False),
    sa.Column('usage', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('ownership_type', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['building_id'], ['building.id'], name=op.f('fk_room_building_id_building')),
    sa.ForeignKeyConstraint(['estate_id'], ['estate.id'], name=op.f('fk_room_estate_id_estate')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_room_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_room')),
    sa.UniqueConstraint('code', name=op.f('uq_room_code'))
    )
    with op.batch_alter_table('room', schema=None) as batch_op:
        batch_op.create_index('ix_room_building_floor', ['building_id', 'floor', 'number'], unique=False)
        batch_op.create_index(batch_op.f('ix_room_estate_id'), ['estate_id'], unique=False)
        batch_op.create_index('ix_room_unit_floor', ['unit_id', 'floor', 'number'], unique=False)

    op.create_table('vehicle',
    sa.Column('customer_id', sa.Uuid(), nullable=False),
    sa.Column('plate', sa.String(length=16), nullable=False),
    sa.Column('brand', sa.String(length=32), nullable=False),
    sa.Column('color', sa.String(length=16), nullable=False),
    sa.Column('model', sa.String(length=32), nullable=False),
    sa.Column('space_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_vehicle_customer_id_customer')),
    sa.ForeignKeyConstraint(['space_id'], ['parking_space.id'], name=op.f('fk_vehicle_space_id_parking_space')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vehicle'))
    )
    with op.batch_alter_table('vehicle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vehicle_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vehicle_plate'), ['plate'], unique=False)
        batch_op.create_index(batch_op.f('ix_vehicle_space_id'), ['space_id'], unique=False)

    op.create_table('occupancy',
    sa.Column('customer_id', sa.Uuid(), nullable=False),
    sa.Column('room_id', sa.Uuid(), nullable=True),
    sa.Column('space_id', sa.Uuid(), nullable=True),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.String(length=16), nullable=False),
    sa.Column('note', sa.String(length=256), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('terminal', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('(room_id IS NULL) <> (space_id IS NULL)', name=op.f('ck_occupancy_room_xor_space')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_occupancy_customer_id_customer')),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_occupancy_room_id_room')),
    sa.ForeignKeyConstraint(['space_id'], ['parking_space.id'], name=op.f('fk_occupancy_space_id_parking_space')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_occupancy'))
    )
    with op.batch_alter_table('occupancy', schema=None) as batch_op:
        batch_op.create_index('ix_occupancy_customer', ['customer_id', 'end_date'], unique=False)
        batch_op.create_index('ix_occupancy_room', ['room_id', 'end_date'], unique=False)
        batch_op.create_index('ix_occupancy_space', ['space_id', 'end_date'], unique=False)
        batch_op.create_index('uq_occupancy_current_owner', ['room_id'], unique=True, sqlite_where=sa.text("role = 'owner' AND end_date IS NULL AND deleted_at IS NULL AND room_id IS NOT NULL"), postgresql_where=sa.text("role = 'owner' AND end_date IS NULL AND deleted_at IS NULL AND room_id IS NOT NULL"))

    


def downgrade() -> None:
    
    with op.batch_alter_table('occupancy', schema=None) as batch_op:
        batch_op.drop_index('uq_occupancy_current_owner', sqlite_where=sa.text("role = 'owner' AND end_date IS NULL AND deleted_at IS NULL AND room_id IS NOT NULL"), postgresql_where=sa.text("role = 'owner' AND end_date IS NULL AND deleted_at IS NULL AND room_id IS NOT NULL"))
        batch_op.drop_index('ix_occupancy_space')
        batch_op.drop_index('ix_occupancy_room')
        batch_op.drop_index('ix_occupancy_customer')

    op.drop_table('occupancy')
    with op.batch_alter_table('vehicle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vehicle_space_id'))
        batch_op.drop_index(batch_op.f('ix_vehicle_plate'))
        batch_op.drop_index(batch_op.f('ix_vehicle_customer_id'))

    op.drop_table('vehicle')
    with op.batch_alter_table('room', schema=None) as batch_op:
        batch_op.drop_index('ix_room_unit_floor')
        batch_op.drop_index(batch_op.f('ix_room_estate_id'))
        batch_op.drop_index('ix_room_building_floor')

    op.drop_table('room')
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_index('uq_unit_building_code')
        batch_op.drop_index(batch_op.f('ix_unit_building_id'))

    op.drop_table('unit')
    with op.batch_alter_table('parking_space', schema=None) as batch_op:
        batch_op.drop_index('ix_parking_space_lot_number')
        batch_op.drop_index(batch_op.f('ix_parking_space_estate_id'))

    op.drop_table('parking_space')
    with op.batch_alter_table('parking_lot', schema=None) as batch_op:
        batch_op.drop_index('uq_parking_lot_estate_code')
        batch_op.drop_index(batch_op.f('ix_parking_lot_estate_id'))

    op.drop_table('parking_lot')
    with op.batch_alter_table('building', schema=None) as batch_op:
        batch_op.drop_index('uq_building_estate_code')
        batch_op.drop_index(batch_op.f('ix_building_estate_id'))

    op.drop_table('building')
    with op.batch_alter_table('estate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_estate_region_id'))

    op.drop_table('estate')
    with op.batch_alter_table('region', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_region_company_id'))

    op.drop_table('region')
    with op.batch_alter_table('pet', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pet_customer_id'))

    op.drop_table('pet')
    with op.batch_alter_table('family_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_family_member_customer_id'))

    op.drop_table('family_member')
    op.drop_table('operator')
    op.drop_table('local_setting')
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_phone'))
        batch_op.drop_index(batch_op.f('ix_customer_name_initials'))
        batch_op.drop_index(batch_op.f('ix_customer_name'))
        batch_op.drop_index(batch_op.f('ix_customer_id_rev'))

    op.drop_table('customer')
    op.drop_table('company')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_operator_id'))
        batch_op.drop_index('ix_audit_log_entity')
        batch_op.drop_index('ix_audit_log_created_at')

    op.drop_table('audit_log')
    
