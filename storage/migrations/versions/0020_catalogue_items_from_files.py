"""which catalogue items a file wrote, so `catalog import --replace` retires only those and keeps what the
operator added in the bot (issue 12)

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05 22:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None

TABLES = ('regions', 'localities', 'books', 'partners', 'centres')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column('in_file', sa.Boolean(), server_default=sa.text('(true)'), nullable=False))
    # the only items known to come from the bot before this column: centres of approved applications
    op.execute(
        'UPDATE centres SET in_file = false WHERE id IN '
        '(SELECT centre_id FROM centre_applications WHERE centre_id IS NOT NULL)'
    )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column('in_file')
