"""outbox indexes limited to waiting rows

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 18:50:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

WAITING = sa.text("status IN ('pending', 'sending')")


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_chat_order')
        batch_op.create_index('ix_outbox_waiting', ['id'], postgresql_where=WAITING, sqlite_where=WAITING)
        batch_op.create_index(
            'ix_outbox_waiting_chat', ['chat_id', 'id'], postgresql_where=WAITING, sqlite_where=WAITING
        )


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_waiting_chat')
        batch_op.drop_index('ix_outbox_waiting')
        batch_op.create_index('ix_outbox_chat_order', ['chat_id', 'id'], unique=False)
