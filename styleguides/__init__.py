"""Built-in style guides (YAML), installed as package data."""
