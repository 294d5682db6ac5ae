"""Built-in declarative rule packs (YAML), installed as package data."""
