"""outbox: the application a message is about, and when its parameters were purged

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 08:00:00
"""
from alembic import op
import sqlalchemy as sa

import storage.models


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

UNPURGED = sa.text("purged_at IS NULL AND status NOT IN ('pending', 'sending')")


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('purged_at', storage.models.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbox_subject_id'), ['subject_id'], unique=False)
        batch_op.create_index('ix_outbox_unpurged', ['created_at'], postgresql_where=UNPURGED, sqlite_where=UNPURGED)


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_unpurged')
        batch_op.drop_index(batch_op.f('ix_outbox_subject_id'))
        batch_op.drop_column('purged_at')
        batch_op.drop_column('subject_id')
