"""Portfolio: many clients (workspaces) at once.

run_batch(clients_dir, out_dir, fmt="html", lang=None, pseudonymize=False, progress=None)
    -> BatchResult   (portfolio.batch; `wa-audit batch`)
summarize_path(path) -> WorkspaceSummary   one workspace's latest audit, the previous one,
    the trend and the top finding (portfolio.summary; the app's Portfolio page)
"""
