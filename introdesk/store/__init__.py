"""The encrypted SQLite store: connection, migrations, repositories, audit trail, backups. No Qt."""
