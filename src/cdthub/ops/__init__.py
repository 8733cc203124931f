"""Running the site: the health check (`/healthz`), one JSON log line per request, and backups
of the SQLite database. No models, no templates."""
