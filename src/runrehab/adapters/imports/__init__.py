"""Bulk import: walking paths and account-export archives safely, decoding in parallel."""
