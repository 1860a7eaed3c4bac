"""Signal cleaning of the landmark tracks: clean.py (visibility gating, short-gap filling, leg swap guard, the cleaning
of a clip or of live's sliding window) built on the filters of filters.py (Hampel, zero-lag Butterworth, running
median, One-Euro)."""
