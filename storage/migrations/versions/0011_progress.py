"""progress: completion per application and direction, kept current as entries count, for the dashboards

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 06:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'progress',
        sa.Column('application_id', sa.Integer(), nullable=False),
        sa.Column('direction', sa.String(length=16), nullable=False),
        sa.Column('percent', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['application_id'], ['applications.id'], name=op.f('fk_progress_application_id_applications'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('application_id', 'direction', name=op.f('pk_progress')),
    )


def downgrade() -> None:
    op.drop_table('progress')
