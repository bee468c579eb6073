"""the books a reader read, by an index of the counted essays alone: the daily reminders count them for every
reader without visiting the rest of the diary

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 06:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

BOOKS = sa.text("book_code IS NOT NULL")
BOOKS_READ = sa.text("book_code IS NOT NULL AND activity_date IS NOT NULL AND status IN ('approved', 'overturned')")


def upgrade() -> None:
    op.drop_index('ix_entries_books', 'entries')
    op.create_index(
        'ix_entries_books_read',
        'entries',
        ['application_id', 'book_code'],
        postgresql_where=BOOKS_READ,
        sqlite_where=BOOKS_READ,
    )


def downgrade() -> None:
    op.drop_index('ix_entries_books_read', 'entries')
    op.create_index(
        'ix_entries_books', 'entries', ['application_id', 'book_code'], postgresql_where=BOOKS, sqlite_where=BOOKS
    )
