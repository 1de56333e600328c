"""Sync twins of wrapper/serverless_training/resources/, by unasync; never edited by hand."""
