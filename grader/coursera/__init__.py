"""Facts about the Coursera notebooks: their official fixed cases and expected values."""
