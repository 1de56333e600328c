"""Sync twins of wrapper/serverless_training/resources/, written by unasync; never edited by hand."""
