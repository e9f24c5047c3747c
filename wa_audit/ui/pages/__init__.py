"""One module per screen. Pages only show things and emit signals; MainWindow decides."""
