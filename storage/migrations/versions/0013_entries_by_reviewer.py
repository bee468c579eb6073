"""entries by who decided them and when, and the entries waiting per application: a mentor's recent review times
and a region's review backlog without reading the whole diary

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 07:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


PENDING = sa.text("status = 'pending'")


def upgrade() -> None:
    op.create_index('ix_entries_decided_by', 'entries', ['decided_by', 'decided_at'])
    op.create_index(
        'ix_entries_pending', 'entries', ['application_id', 'submitted_at'], postgresql_where=PENDING, sqlite_where=PENDING
    )


def downgrade() -> None:
    op.drop_index('ix_entries_pending', 'entries')
    op.drop_index('ix_entries_decided_by', 'entries')
