"""Use cases: plain functions over the ports (a unit of work, a clock), one transaction each."""
