"""Rules registry."""
