"""Written by `make generate` from openapi.json and resource-names.yaml; never edited by hand."""
