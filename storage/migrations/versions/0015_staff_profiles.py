"""staff profiles and documents (issue 12, R8.2): what a staff member tells about themself, and a mentor's or
an expert's ID scan, diplomas and certificates as Telegram file ids

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 09:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'staff_profiles',
        sa.Column('user_id', sa.BigInteger(), nullable=False),
        sa.Column('photo_file_id', sa.String(length=256), nullable=True),
        sa.Column('phone', sa.String(length=32), nullable=True),
        sa.Column('region_code', sa.String(length=64), nullable=True),
        sa.Column('organisation', sa.String(length=200), nullable=True),
        sa.Column('bio', sa.Text(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['region_code'], ['regions.code'], name=op.f('fk_staff_profiles_region_code_regions')),
        sa.ForeignKeyConstraint(
            ['user_id'], ['staff.user_id'], name=op.f('fk_staff_profiles_user_id_staff'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_staff_profiles')),
    )
    op.create_table(
        'staff_documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('owner_id', sa.BigInteger(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('media', sa.String(length=16), nullable=False),
        sa.Column('file_id', sa.String(length=256), nullable=False),
        sa.Column('file_unique_id', sa.String(length=64), nullable=False),
        sa.Column('file_name', sa.String(length=200), nullable=True),
        sa.Column('file_size', sa.Integer(), nullable=True),
        sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['owner_id'], ['staff.user_id'], name=op.f('fk_staff_documents_owner_id_staff'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_documents')),
    )
    op.create_index(op.f('ix_staff_documents_owner_id'), 'staff_documents', ['owner_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_staff_documents_owner_id'), table_name='staff_documents')
    op.drop_table('staff_documents')
    op.drop_table('staff_profiles')
