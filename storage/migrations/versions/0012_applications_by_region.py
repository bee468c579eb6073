"""applications by region and status, and their personal rating: figures by level and region read one row per
participant, and a coordinator's only their region's

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 07:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rating', sa.Integer(), nullable=True))
    op.create_index('ix_applications_region_status', 'applications', ['region_code', 'status'])
    op.execute(
        "UPDATE applications SET rating = (SELECT sum(percent) / count(*) FROM progress"
        " WHERE progress.application_id = applications.id)"
        " WHERE EXISTS (SELECT 1 FROM progress WHERE progress.application_id = applications.id)"
    )


def downgrade() -> None:
    op.drop_index('ix_applications_region_status', 'applications')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_column('rating')
