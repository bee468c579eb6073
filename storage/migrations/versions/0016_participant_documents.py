"""participant documents and the mentor's characterisation (issue 12)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 09:00:00
"""
from alembic import op
import sqlalchemy as sa

from storage.models import UTCDateTime


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'participant_documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('media', sa.String(length=16), nullable=False),
        sa.Column('file_id', sa.String(length=256), nullable=False),
        sa.Column('file_unique_id', sa.String(length=64), nullable=False),
        sa.Column('file_size', sa.Integer(), nullable=True),
        sa.Column('mime_type', sa.String(length=100), nullable=True),
        sa.Column('uploaded_at', UTCDateTime(), nullable=False),
        sa.Column('checked_at', UTCDateTime(), nullable=True),
        sa.Column('checked_by', sa.BigInteger(), nullable=True),
        sa.Column('return_reason', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ['application_id'],
            ['applications.id'],
            name=op.f('fk_participant_documents_application_id_applications'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_participant_documents')),
    )
    op.create_index(
        op.f('ix_participant_documents_application_id'), 'participant_documents', ['application_id'], unique=False
    )
    with op.batch_alter_table('applications') as batch:
        batch.add_column(sa.Column('characterisation', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('applications') as batch:
        batch.drop_column('characterisation')
    op.drop_index(op.f('ix_participant_documents_application_id'), table_name='participant_documents')
    op.drop_table('participant_documents')
