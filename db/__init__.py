"""The data core: typed models, migrations, queries. Knows SQLAlchemy, nothing of Qt."""
