"""rate budgets: the tenant's send budget, shared by every process that delivers

Revision ID: 0018
Revises: 0013
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rate_budgets",
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("next_free", sa.Float(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("name", name="pk_rate_budgets"),
    )


def downgrade() -> None:
    op.drop_table("rate_budgets")
