"""Signal cleaning of the landmark tracks (filters.py: visibility gating, gaps, leg swap guard, Hampel, Butterworth,
running median, One-Euro)."""
