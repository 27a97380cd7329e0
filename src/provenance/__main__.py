"""``python -m provenance``: the same as the ``provenance`` command."""

from .cli import run

if __name__ == "__main__":
    run()
