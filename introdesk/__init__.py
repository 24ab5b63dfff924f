"""IntroDesk: case management for the introduction programme in a small Norwegian municipality."""

__version__ = "0.1.0"
