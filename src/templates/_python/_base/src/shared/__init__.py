"""What every handler of this project shares: Powertools logger, tracer and metrics."""
