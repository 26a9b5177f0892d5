"""python -m kg: the same as the kg command."""

from .cli import main

main()
