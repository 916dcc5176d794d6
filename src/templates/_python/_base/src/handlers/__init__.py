"""Lambda handlers: one module per function, each exporting `handler`."""
