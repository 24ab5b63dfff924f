"""Performance measurements at the size of a large municipality (`make bench`), as ratios to a bare baseline."""
