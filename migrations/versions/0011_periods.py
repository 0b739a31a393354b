"""periods: closed reporting periods and the reports frozen when they closed

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reporting_periods",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=20), nullable=False),
        sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("ends", sa.Date(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=320), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporting_periods")),
        sa.UniqueConstraint("year", "key", name="uq_reporting_period"),
    )
    op.create_table(
        "frozen_reports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=100), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["period_id"], ["reporting_periods.id"],
                                name=op.f("fk_frozen_reports_period_id_reporting_periods"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frozen_reports")),
        sa.UniqueConstraint("period_id", "scope", "format", "lang", name="uq_frozen_report"),
    )
    op.create_index(op.f("ix_frozen_reports_period_id"), "frozen_reports", ["period_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_frozen_reports_period_id"), table_name="frozen_reports")
    op.drop_table("frozen_reports")
    op.drop_table("reporting_periods")
