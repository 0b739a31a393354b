"""districts: a first-class district; role holders bound to a district instead of one plan

A district has plans by year; binding a role holder to the district keeps them bound when next
year's plan is imported. Existing plan-bound holders move to their plan's district.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "districts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_districts")),
        sa.UniqueConstraint("name", name=op.f("uq_districts_name")),
    )
    with op.batch_alter_table("plans") as batch:
        batch.add_column(sa.Column("district_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_plans_district_id_districts"), "districts",
                                 ["district_id"], ["id"])
        batch.create_index(batch.f("ix_plans_district_id"), ["district_id"], unique=False)
    op.execute("INSERT INTO districts (name, created_at) "
               "SELECT district, MIN(created_at) FROM plans GROUP BY district")
    op.execute("UPDATE plans SET district_id = "
               "(SELECT districts.id FROM districts WHERE districts.name = plans.district)")
    with op.batch_alter_table("role_holders") as batch:
        batch.add_column(sa.Column("district_id", sa.Integer(), nullable=True))
    op.execute("UPDATE role_holders SET district_id = "
               "(SELECT plans.district_id FROM plans WHERE plans.id = role_holders.plan_id) "
               "WHERE plan_id IS NOT NULL")
    op.execute("DELETE FROM role_holders WHERE id NOT IN (SELECT MIN(id) FROM role_holders "
               "GROUP BY role_id, person_id, district_id)")
    with op.batch_alter_table("role_holders") as batch:
        batch.drop_constraint("uq_role_holder", type_="unique")
        batch.drop_constraint(op.f("fk_role_holders_plan_id_plans"), type_="foreignkey")
        batch.drop_column("plan_id")
        batch.create_foreign_key(op.f("fk_role_holders_district_id_districts"), "districts",
                                 ["district_id"], ["id"], ondelete="CASCADE")
        batch.create_unique_constraint("uq_role_holder", ["role_id", "person_id", "district_id"])


def downgrade() -> None:
    with op.batch_alter_table("role_holders") as batch:
        batch.drop_constraint("uq_role_holder", type_="unique")
        batch.drop_constraint(op.f("fk_role_holders_district_id_districts"), type_="foreignkey")
        batch.add_column(sa.Column("plan_id", sa.Integer(), nullable=True))
    # A district binding goes back to the district's newest plan.
    op.execute("UPDATE role_holders SET plan_id = (SELECT plans.id FROM plans WHERE "
               "plans.district_id = role_holders.district_id ORDER BY year DESC LIMIT 1)")
    with op.batch_alter_table("role_holders") as batch:
        batch.drop_column("district_id")
        batch.create_foreign_key(op.f("fk_role_holders_plan_id_plans"), "plans", ["plan_id"],
                                 ["id"], ondelete="CASCADE")
        batch.create_unique_constraint("uq_role_holder", ["role_id", "person_id", "plan_id"])
    with op.batch_alter_table("plans") as batch:
        batch.drop_index(batch.f("ix_plans_district_id"))
        batch.drop_constraint(op.f("fk_plans_district_id_districts"), type_="foreignkey")
        batch.drop_column("district_id")
    op.drop_table("districts")
