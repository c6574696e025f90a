"""The `runrehab` command line: Typer commands, Rich rendering, the interactive intake."""
