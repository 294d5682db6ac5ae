"""Grammar and spelling checking: netlint's own offline checks and optional engines.

The built-in rules (``netlint/rules/grammar.py``, ``netlint/rules/spelling.py``)
always run and never leave the machine. A guide may add an engine with
``grammar: {backend: languagetool | harper}``; rule G300 runs it and reports
its matches (see :mod:`netlint.grammar.config`).
"""
