"""The terminal players: full-screen (Textual) and plain line-by-line."""
