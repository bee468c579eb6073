"""indexes the scheduler's set-based selections use; outbox claims read back by id, not by a token

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 09:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

BOOKS = sa.text("book_code IS NOT NULL")


def upgrade() -> None:
    op.create_index('ix_schedule_items_time', 'schedule_items', ['time'])
    op.create_index('ix_entries_activity_date', 'entries', ['activity_date'])
    op.create_index('ix_entries_status_submitted', 'entries', ['status', 'submitted_at'])
    op.create_index('ix_entries_status_appealed', 'entries', ['status', 'appealed_at'])
    op.create_index(
        'ix_entries_books', 'entries', ['application_id', 'book_code'], postgresql_where=BOOKS, sqlite_where=BOOKS
    )
    op.create_index('ix_missed_weeks_week_of', 'missed_weeks', ['week_of'])
    op.create_index('ix_rating_ballots_period', 'rating_ballots', ['period'])
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('claim_token')


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claim_token', sa.String(length=32), nullable=True))
    op.drop_index('ix_rating_ballots_period', 'rating_ballots')
    op.drop_index('ix_missed_weeks_week_of', 'missed_weeks')
    op.drop_index('ix_entries_books', 'entries')
    op.drop_index('ix_entries_status_appealed', 'entries')
    op.drop_index('ix_entries_status_submitted', 'entries')
    op.drop_index('ix_entries_activity_date', 'entries')
    op.drop_index('ix_schedule_items_time', 'schedule_items')
