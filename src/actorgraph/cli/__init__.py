"""The command line: parse, make one library call, present."""

from .main import build_parser, main, run

__all__ = ["build_parser", "main", "run"]
