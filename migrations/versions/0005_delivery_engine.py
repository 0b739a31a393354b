"""delivery engine: outbox lanes, so one conversation's messages go out in order

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lane", sa.String(length=500), nullable=False,
                                      server_default=""))
        batch_op.create_index("ix_outbox_lane_id", ["lane", "id"], unique=False)
    # rows queued before lanes existed each get a lane of their own (no ordering to keep)
    op.execute("UPDATE outbox SET lane = COALESCE(conversation_id, 'outbox:' || id) "
               "WHERE lane = ''")


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_lane_id")
        batch_op.drop_column("lane")
