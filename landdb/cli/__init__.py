"""landdb's command line: one module per command group, registered in :mod:`landdb.cli.main`."""
