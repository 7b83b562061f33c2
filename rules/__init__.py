"""Built-in rules, one module per rule (or per small group of tightly related rules).

This folder installs as ``lint.rules``. Every Rule subclass defined in a module here is
registered; its docstring is its documentation.
"""
