"""Small helpers with no models and no knowledge of the apps (charts, cleaned Markdown), usable by every app."""
