"""indicators: effect indicators and their append-only measurements

Revision ID: 0016
Revises: 0011
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("unit", sa.String(length=100), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("baseline_value", sa.Float(), nullable=True),
        sa.Column("baseline_period", sa.String(length=20), nullable=False),
        sa.Column("target_value", sa.Float(), nullable=True),
        sa.Column("target_period", sa.String(length=20), nullable=False),
        sa.Column("role_id", sa.Integer(), nullable=True),
        sa.Column("owner_text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["areas.id"], name=op.f("fk_indicators_area_id_areas"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name=op.f("fk_indicators_plan_id_plans"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["role_id"], ["roles.id"], name=op.f("fk_indicators_role_id_roles")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators")),
    )
    op.create_index(op.f("ix_indicators_plan_id"), "indicators", ["plan_id"])
    op.create_index(op.f("ix_indicators_area_id"), "indicators", ["area_id"])
    op.create_index(op.f("ix_indicators_role_id"), "indicators", ["role_id"])
    op.create_table(
        "indicator_measurements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("entered_by", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicators.id"],
                                name=op.f("fk_indicator_measurements_indicator_id_indicators"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"],
                                name=op.f("fk_indicator_measurements_person_id_people"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_measurements")),
    )
    op.create_index("ix_indicator_measurements_latest", "indicator_measurements",
                    ["indicator_id", "period", "id"])


def downgrade() -> None:
    op.drop_index("ix_indicator_measurements_latest", table_name="indicator_measurements")
    op.drop_table("indicator_measurements")
    op.drop_index(op.f("ix_indicators_role_id"), table_name="indicators")
    op.drop_index(op.f("ix_indicators_area_id"), table_name="indicators")
    op.drop_index(op.f("ix_indicators_plan_id"), table_name="indicators")
    op.drop_table("indicators")
