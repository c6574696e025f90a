"""The database adapter: SQLAlchemy tables, repositories, the unit of work and Alembic migrations.
Models never leave this package; repositories map rows to and from domain values."""
