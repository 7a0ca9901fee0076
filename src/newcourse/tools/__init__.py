"""Authoring tools: check, playtest and graph."""
