"""one-time links: the object a link points to, indexed, so a newer link ends the older ones by index

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 09:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('one_time_links', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_one_time_links_subject'), ['subject'], unique=False)
    links = sa.table(
        'one_time_links', sa.column('id', sa.Integer), sa.column('payload', sa.JSON), sa.column('subject', sa.String)
    )
    connection = op.get_bind()
    for link_id, payload in connection.execute(sa.select(links.c.id, links.c.payload)).all():
        if isinstance(payload, dict) and len(payload) == 1:
            ((key, value),) = payload.items()
            connection.execute(sa.update(links).where(links.c.id == link_id).values(subject=f"{key}:{value}"))


def downgrade() -> None:
    with op.batch_alter_table('one_time_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_one_time_links_subject'))
        batch_op.drop_column('subject')
