"""Actionable exports: opt-out register, draft Platform templates, appeal summary, audit JSON.

Core code (no Qt). CSV files go through `csvsafe` so they are safe to open in a spreadsheet.
"""
