"""Emulation pages: sets (`sets`), runs and scores (`runs`), public results (`public`)."""
