"""Follow-through from the terminal: what `retro list`, `actions`, `checklist`, `statement`,
`stats`, `export` and `digest` compute (the CLI only prints it)."""
