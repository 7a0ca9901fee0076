"""New Course: an alternate-history narrative strategy game of the Left Opposition, 1923-1930."""

__version__ = "0.1.0"
