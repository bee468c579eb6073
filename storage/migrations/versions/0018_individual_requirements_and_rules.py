"""individual requirements of a participant (R3.5) and the operator's programme rules of a year (R6.6)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05 09:10:00
"""
from alembic import op
import sqlalchemy as sa

import storage.models


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('individual', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
    op.create_table(
        'programme_rules',
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('changed_at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column('changed_by', sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint('year', name=op.f('pk_programme_rules')),
    )


def downgrade() -> None:
    op.drop_table('programme_rules')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_column('individual')
