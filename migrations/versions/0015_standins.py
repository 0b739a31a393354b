"""standins: a person's stand-in (ersättare) until a date, and who answered for an owner

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "standins",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("standin_person_id", sa.Integer(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=320), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by", sa.String(length=320), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE",
                                name=op.f("fk_standins_person_id_people")),
        sa.ForeignKeyConstraint(["standin_person_id"], ["people.id"], ondelete="CASCADE",
                                name=op.f("fk_standins_standin_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standins")),
    )
    op.create_index(op.f("ix_standins_person_id"), "standins", ["person_id"])
    op.create_index(op.f("ix_standins_standin_person_id"), "standins", ["standin_person_id"])
    with op.batch_alter_table("status_reports") as batch:
        batch.add_column(sa.Column("acted_by_person_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_status_reports_acted_by_person_id_people"), "people",
                                 ["acted_by_person_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("status_reports") as batch:
        batch.drop_constraint(op.f("fk_status_reports_acted_by_person_id_people"),
                              type_="foreignkey")
        batch.drop_column("acted_by_person_id")
    op.drop_index(op.f("ix_standins_standin_person_id"), table_name="standins")
    op.drop_index(op.f("ix_standins_person_id"), table_name="standins")
    op.drop_table("standins")
