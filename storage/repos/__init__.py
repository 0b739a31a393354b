"""Repository parts, one per part of the plan; combined in storage/repository.py."""
