"""the operator's national figures kept as a snapshot the figures tick makes, and the index of entries by who
decided them covering what a mentor's median time to review reads (issue 12)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05 12:30:00
"""
from alembic import op
import sqlalchemy as sa

import storage.models


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'figure_snapshots',
        sa.Column('scope', sa.String(length=32), nullable=False),
        sa.Column('taken_at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column('body', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('scope', name=op.f('pk_figure_snapshots')),
    )
    op.drop_index('ix_entries_decided_by', 'entries')
    op.create_index('ix_entries_decided_by', 'entries', ['decided_by', 'decided_at', 'status', 'submitted_at'])


def downgrade() -> None:
    op.drop_index('ix_entries_decided_by', 'entries')
    op.create_index('ix_entries_decided_by', 'entries', ['decided_by', 'decided_at'])
    op.drop_table('figure_snapshots')
