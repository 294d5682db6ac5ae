"""Built-in Python rules, one module per family. Every ``Rule`` subclass with a
code defined in a module of this package is registered automatically."""
