"""The work this service does, free of Lambda and AWS."""
