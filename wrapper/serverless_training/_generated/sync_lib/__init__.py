"""Sync twins of wrapper/serverless_training/lib/, by unasync; never edited by hand."""
