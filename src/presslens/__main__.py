"""``python -m presslens`` → the CLI."""

from presslens.cli import main

if __name__ == "__main__":
    main()
