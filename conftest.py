"""Puts the repository root on sys.path so that tests import export/ and model/ directly."""
