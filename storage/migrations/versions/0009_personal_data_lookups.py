"""indexes for reading one person's rows (/mydata, erasure): their messages, the applications they consented
to as a legal representative, the work reports they confirmed as an employer

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 12:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

GUARDIAN = sa.text("guardian_user_id IS NOT NULL")
USED = sa.text("used_by IS NOT NULL")


def upgrade() -> None:
    op.create_index('ix_outbox_chat_id', 'outbox', ['chat_id'])
    op.create_index(
        'ix_applications_guardian_user_id',
        'applications',
        ['guardian_user_id'],
        postgresql_where=GUARDIAN,
        sqlite_where=GUARDIAN,
    )
    op.create_index('ix_one_time_links_used_by', 'one_time_links', ['used_by'], postgresql_where=USED, sqlite_where=USED)


def downgrade() -> None:
    op.drop_index('ix_one_time_links_used_by', 'one_time_links')
    op.drop_index('ix_applications_guardian_user_id', 'applications')
    op.drop_index('ix_outbox_chat_id', 'outbox')
