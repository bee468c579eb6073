"""centre applications from the bot (issue 12): an organisation applies, an operator approves or refuses

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 09:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

PENDING = "status = 'pending'"


def upgrade() -> None:
    op.create_table(
        'centre_applications',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.BigInteger(), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('organisation', sa.String(length=300), nullable=False),
        sa.Column('region_code', sa.String(length=64), nullable=False),
        sa.Column('bin', sa.String(length=12), nullable=False),
        sa.Column('address', sa.String(length=300), nullable=False),
        sa.Column('contact_name', sa.String(length=200), nullable=True),
        sa.Column('contact_phone', sa.String(length=32), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('decided_by', sa.BigInteger(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('centre_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_centre_applications_user_id_users'), ondelete='SET NULL'
        ),
        sa.ForeignKeyConstraint(
            ['region_code'], ['regions.code'], name=op.f('fk_centre_applications_region_code_regions')
        ),
        sa.ForeignKeyConstraint(['centre_id'], ['centres.id'], name=op.f('fk_centre_applications_centre_id_centres')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_centre_applications')),
    )
    op.create_index(op.f('ix_centre_applications_user_id'), 'centre_applications', ['user_id'])
    op.create_index('ix_centre_applications_status_created', 'centre_applications', ['status', 'created_at'])
    op.create_index(
        'uq_centre_applications_pending_user',
        'centre_applications',
        ['user_id'],
        unique=True,
        postgresql_where=sa.text(PENDING),
        sqlite_where=sa.text(PENDING),
    )


def downgrade() -> None:
    op.drop_index('uq_centre_applications_pending_user', 'centre_applications')
    op.drop_index('ix_centre_applications_status_created', 'centre_applications')
    op.drop_index(op.f('ix_centre_applications_user_id'), 'centre_applications')
    op.drop_table('centre_applications')
