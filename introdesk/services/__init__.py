"""Use cases that combine the domain rules with the store: what the GUI and the CLI call."""
