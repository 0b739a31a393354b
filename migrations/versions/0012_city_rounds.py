"""city rounds: rounds opened together in every district, the city channel and its cards;
the styrgrupp channel belongs to the district

A city round groups one round per district's plan, so a person owning actions in several
districts gets one message and the beredningsgrupp one roll-up card. A district keeps its
styrgrupp channel when next year's plan is imported.

Revision ID: 0012
Revises: 0015
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "city_rounds",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_by", sa.String(length=320), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_city_rounds")),
        sa.UniqueConstraint("key", name=op.f("uq_city_rounds_key")),
    )
    op.create_table(
        "city_channels",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("conversation_id", sa.String(length=500), nullable=False),
        sa.Column("set_by", sa.String(length=320), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_city_channels")),
    )
    op.create_table(
        "city_posts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("city_round_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(length=500), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["city_round_id"], ["city_rounds.id"], ondelete="CASCADE",
                                name=op.f("fk_city_posts_city_round_id_city_rounds")),
        sa.ForeignKeyConstraint(["outbox_id"], ["outbox.id"],
                                name=op.f("fk_city_posts_outbox_id_outbox")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_city_posts")),
        sa.UniqueConstraint("city_round_id", "conversation_id", name="uq_city_post"),
    )
    op.create_index(op.f("ix_city_posts_city_round_id"), "city_posts", ["city_round_id"])
    with op.batch_alter_table("rounds") as batch:
        batch.add_column(sa.Column("city_round_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_rounds_city_round_id_city_rounds"), "city_rounds",
                                 ["city_round_id"], ["id"], ondelete="SET NULL")
        batch.create_index(batch.f("ix_rounds_city_round_id"), ["city_round_id"], unique=False)
    with op.batch_alter_table("districts") as batch:
        batch.add_column(sa.Column("steering_conversation_id", sa.String(length=500),
                                   nullable=True))
    # A plan's channel becomes its district's (the newest plan's, when they differ).
    op.execute("UPDATE districts SET steering_conversation_id = (SELECT plans."
               "steering_conversation_id FROM plans WHERE plans.district_id = districts.id "
               "AND plans.steering_conversation_id IS NOT NULL "
               "ORDER BY plans.year DESC, plans.id DESC LIMIT 1)")


def downgrade() -> None:
    with op.batch_alter_table("districts") as batch:
        batch.drop_column("steering_conversation_id")
    with op.batch_alter_table("rounds") as batch:
        batch.drop_index(batch.f("ix_rounds_city_round_id"))
        batch.drop_constraint(op.f("fk_rounds_city_round_id_city_rounds"), type_="foreignkey")
        batch.drop_column("city_round_id")
    op.drop_index(op.f("ix_city_posts_city_round_id"), table_name="city_posts")
    op.drop_table("city_posts")
    op.drop_table("city_channels")
    op.drop_table("city_rounds")
