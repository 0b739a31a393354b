"""unchanged: snoozes ("påminn mig i morgon / på måndag") per person and round

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "snoozes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"],
                                name=op.f("fk_snoozes_person_id_people"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"],
                                name=op.f("fk_snoozes_round_id_rounds"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_snoozes")),
        sa.UniqueConstraint("person_id", "round_id", name="uq_snooze"),
    )
    op.create_index(op.f("ix_snoozes_round_id"), "snoozes", ["round_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_snoozes_round_id"), table_name="snoozes")
    op.drop_table("snoozes")
