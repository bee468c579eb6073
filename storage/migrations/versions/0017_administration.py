"""administration (issue 12): no schema change

Catalogue edits, assignments and deactivation from the bot and the CLI use the columns that exist
(`active` of every catalogue table and of staff, `Staff.expert_id`, `Staff.region_code`).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 09:00:00
"""

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
