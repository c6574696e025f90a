"""The clinical knowledge base: YAML data files (`data/`) and the loader that validates them."""
