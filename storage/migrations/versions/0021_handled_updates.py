"""updates whose effects were committed, so an update delivered again is handled once (issue 13)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05 23:00:00
"""
from alembic import op
import sqlalchemy as sa

import storage.models


revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'handled_updates',
        sa.Column('update_id', sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column('handled_at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('update_id', name=op.f('pk_handled_updates')),
    )
    op.create_index(op.f('ix_handled_updates_handled_at'), 'handled_updates', ['handled_at'])


def downgrade() -> None:
    op.drop_index(op.f('ix_handled_updates_handled_at'), table_name='handled_updates')
    op.drop_table('handled_updates')
